import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { formatReceiptCode } from '@wbt/shared';
import { createFormUi } from '../../components/FormUi';
import type { DocRef, PhotoRef } from './draft';
import './report.css';

export function call(phoneNumber: string): void {
  Taro.makePhoneCall({ phoneNumber }).catch(() => {
    // The person closed the call sheet.
  });
}

/** Danger now → 110 in one tap; the station's own number beside it. */
export function CallBar({ stationPhone, stationName }: { stationPhone?: string; stationName?: string }) {
  return (
    <View className='rp-call'>
      <View className='rp-call__sos' onClick={() => call('110')} data-testid='call-110'>
        <Text className='rp-call__ask'>孩子正处于危险中？</Text>
        <Text className='rp-call__big'>立即拨打 110</Text>
      </View>
      {stationPhone ? (
        <View className='rp-call__station' onClick={() => call(stationPhone)} data-testid='call-station'>
          <Text className='rp-call__station-label'>{stationName ?? ''}未保站</Text>
          <Text className='rp-call__station-phone'>{stationPhone}</Text>
          <Text className='rp-call__station-label'>点此拨打</Text>
        </View>
      ) : null}
    </View>
  );
}

export const { Step, Chips, Field, Area, DateTime } = createFormUi({
  prefix: 'rp',
  mustTag: 'rp-tag rp-tag--must',
  optionalTag: 'rp-tag',
  fieldMaxlength: 120,
});

/** A checklist row: large tap target with a box that fills when chosen. */
export function Check({ on, label, onToggle }: { on: boolean; label: string; onToggle: () => void }) {
  return (
    <View className={on ? 'rp-check rp-check--on' : 'rp-check'} onClick={onToggle}>
      <Text className='rp-check__box'>{on ? '✓' : ''}</Text>
      <Text className='rp-check__label'>{label}</Text>
    </View>
  );
}

export function PhotoStrip({ photos, onRemove, onAdd, busy, max }: { photos: PhotoRef[]; onRemove: (i: number) => void; onAdd: () => void; busy: boolean; max: number }) {
  return (
    <View className='rp-photos'>
      {photos.map((p, i) => (
        <View key={p.fileId} className='rp-photo'>
          {p.path ? <Image className='rp-photo__img' src={p.path} mode='aspectFill' /> : <Text className='rp-photo__none'>照片{i + 1}</Text>}
          <Text className='rp-photo__del' onClick={() => onRemove(i)}>删除</Text>
        </View>
      ))}
      {photos.length < max ? (
        <View className='rp-photo rp-photo--add' onClick={busy ? undefined : onAdd} data-testid='add-photo'>
          <Text className='rp-photo__plus'>{busy ? '上传中…' : '＋'}</Text>
          {!busy ? <Text className='rp-photo__hint'>添加照片</Text> : null}
        </View>
      ) : null}
    </View>
  );
}

/** Recordings and PDFs added to the report, and the button that adds one. */
export function DocumentList({ documents, onRemove, onAdd, busy, max }: { documents: DocRef[]; onRemove: (i: number) => void; onAdd: () => void; busy: boolean; max: number }) {
  return (
    <View className='rp-docs' data-testid='documents'>
      {documents.map((d, i) => (
        <View key={d.fileId} className='rp-doc'>
          <Text className='rp-doc__name'>{d.type === 'pdf' ? 'PDF' : '录音'}：{d.name}</Text>
          <Text className='rp-doc__del' onClick={() => onRemove(i)}>删除</Text>
        </View>
      ))}
      {documents.length < max ? (
        <View className='rp-btn rp-btn--light' onClick={busy ? undefined : onAdd} data-testid='add-document'>
          <Text>{busy ? '上传中…' : '添加录音或 PDF 文件'}</Text>
        </View>
      ) : null}
    </View>
  );
}

/**
 * A mandatory reporter's duty (未保法 第十一条第二款; 九部门意见 第二条): the report to the station does not
 * replace the report to the police. One tap calls 110.
 */
export function PoliceDuty() {
  return (
    <View className='rp-duty' data-testid='police-duty'>
      <Text className='rp-duty__title'>请同时向公安机关报案</Text>
      <Text className='rp-duty__text'>您是强制报告责任人。依照《未成年人保护法》第十一条和强制报告制度，发现未成年人遭受或疑似遭受侵害，除告知未保站外，还应当立即向公安机关报案。</Text>
      <View className='rp-duty__call' onClick={() => call('110')} data-testid='duty-call-110'>
        <Text>拨打 110 报案</Text>
      </View>
    </View>
  );
}

/** The receipt code, once: large, grouped, with a copy button. */
export function ReceiptCard({ code }: { code: string }) {
  const shown = formatReceiptCode(code);
  return (
    <View className='rp-receipt'>
      <Text className='rp-receipt__label'>您的回执码</Text>
      <View className='rp-receipt__code' data-testid='receipt-code' data-code={shown}>
        <Text userSelect>{shown.slice(0, 10)}</Text>
        <Text userSelect>{shown.slice(10)}</Text>
      </View>
      <View
        className='rp-btn rp-btn--light'
        onClick={() => Taro.setClipboardData({ data: shown }).catch(() => undefined)}
        data-testid='copy-receipt'
      >
        <Text>复制回执码</Text>
      </View>
      <Text className='rp-receipt__note'>请抄在纸上或截图保存。凭回执码可以查看办理进度、和未保站留言。回执码只显示这一次，丢失后无法找回。</Text>
    </View>
  );
}
