import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { IS_WEAPP } from '../../services/config';
import './forms.css';

/** A cell of a paper form: a printed label, or a filled value; `w` is its share of the row's width. */
export interface Cell {
  label?: string;
  value?: string | number;
  w?: number;
}

/** One block of a paper form: its heading down the left, its rows of label and value cells beside. */
export function FormSection({ title, rows }: { title?: string; rows: Cell[][] }) {
  return (
    <View className='fm-sec'>
      {title ? <Text className='fm-sec__title'>{title}</Text> : null}
      <View className='fm-sec__rows'>
        {rows.map((row, i) => (
          <View key={i} className='fm-row'>
            {row.map((c, j) => (
              <Text key={j} className={c.label !== undefined ? 'fm-cell fm-cell--label' : 'fm-cell'} style={{ flex: c.w ?? 1 }}>
                {c.label ?? (c.value === undefined || c.value === '' ? ' ' : String(c.value))}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}

/** The sheet as on paper: title, a line under it, the form, then the signature lines. */
export function FormSheet({ title, meta, signs, children }: PropsWithChildren<{ title: string; meta?: string; signs: string[] }>) {
  return (
    <View className='fm-sheet' data-testid='form-sheet'>
      <Text className='fm-title' data-testid='form-title'>
        {title}
      </Text>
      {meta ? <Text className='fm-meta'>{meta}</Text> : null}
      {children}
      <View className='fm-signs'>
        {signs.map((s) => (
          <Text key={s} className='fm-sign'>
            {s}
          </Text>
        ))}
      </View>
    </View>
  );
}

/** Print (H5) and the Word file; hidden on paper. */
export function FormToolbar({ onDownload }: { onDownload: () => void }) {
  return (
    <View className='fm-noprint'>
      <View className='fm-btns'>
        {!IS_WEAPP ? (
          <View className='fm-btn' onClick={() => window.print()} data-testid='print-now'>
            <Text>打印</Text>
          </View>
        ) : null}
        <View className='fm-btn fm-btn--light' onClick={onDownload} data-testid='download-docx'>
          <Text>下载 Word 文件</Text>
        </View>
      </View>
    </View>
  );
}
