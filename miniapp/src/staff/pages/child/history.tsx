import { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { formatDateTime, type ChildHistoryEntry } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { ApiError } from '../../../services/api';
import { childrenApi } from '../../work/api';
import { showValue } from '../../work/labels';
import { Empty, ErrorLine } from '../../work/ui';
import '../../work/work.css';

const ACTIONS: Record<ChildHistoryEntry['action'], string> = {
  create: '建立档案',
  update: '修改档案',
  confirm: '确认档案',
  visit_plan: '走访后顺延计划',
  close: '销档',
  reopen: '恢复档案',
  move: '迁移档案',
  national_entry: '全国儿童福利信息系统录入',
};

/** Every change of the file: who, when, old → new. */
export default function ChildHistoryPage() {
  const id = Number(useRouter().params.id);
  const [items, setItems] = useState<ChildHistoryEntry[] | null>(null);
  const [error, setError] = useState('');
  useDidShow(() => {
    childrenApi
      .history(id)
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'));
  });
  return (
    <PageShell className='wk-page'>
      <Text className='wk-h1'>修改历史</Text>
      <ErrorLine text={error} />
      {items && items.length === 0 ? <Empty text='暂无记录' /> : null}
      {items?.map((h) => (
        <View key={h.id} className='wk-history'>
          <Text className='wk-history__head'>
            {formatDateTime(h.at)} · {h.actorName} · {ACTIONS[h.action]}
          </Text>
          {h.action === 'create' ? (
            <Text className='wk-history__change'>建立了档案（共 {h.changes.length} 项内容）</Text>
          ) : (
            h.changes.map((c) => (
              <Text key={c.field} className='wk-history__change'>
                {c.label}：{showValue(c.field, c.old)} → {showValue(c.field, c.new)}
              </Text>
            ))
          )}
          {h.note ? <Text className='wk-history__change'>说明：{h.note}</Text> : null}
        </View>
      ))}
    </PageShell>
  );
}
