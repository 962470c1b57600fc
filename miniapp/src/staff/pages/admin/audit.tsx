import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { formatDateTime, fromBeijingInput } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { Field } from '../../../pages/report/ui';
import '../../../pages/report/report.css';
import { adminApi, type AuditItem } from '../../admin/api';
import { messageOf } from '../../admin/ui';
import { Btn, Empty, ErrorLine } from '../../work/ui';
import '../../work/work.css';

const RESULT: Record<string, string> = { ok: '成功', failed: '失败', denied: '拒绝', locked: '锁定' };

/** The audit log of the township (station head) or county (county admin); looking is itself logged. */
export default function AuditPage() {
  const [f, setF] = useState({ actorUserId: '', action: '', targetType: '', targetId: '', from: '', to: '' });
  const [items, setItems] = useState<AuditItem[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState('');
  const query = (before?: number): Record<string, string | number> => {
    const q: Record<string, string | number> = { limit: 30 };
    if (f.actorUserId) q.actorUserId = f.actorUserId;
    if (f.action) q.action = f.action.trim();
    if (f.targetType) q.targetType = f.targetType.trim();
    if (f.targetId) q.targetId = f.targetId.trim();
    if (f.from) q.from = fromBeijingInput(f.from).toISOString();
    if (f.to) q.to = fromBeijingInput(f.to, '23:59').toISOString();
    if (before) q.before = before;
    return q;
  };
  const load = async (before?: number) => {
    try {
      const page = await adminApi.audit(query(before));
      setItems((prev) => (before && prev ? [...prev, ...page.items] : page.items));
      setNext(page.nextBefore);
      setError('');
    } catch (e) {
      setError(messageOf(e));
    }
  };
  useDidShow(() => void load());
  return (
    <PageShell className='wk-page'>
      <Text className='wk-h1'>操作日志</Text>
      <View className='wk-card'>
        <Field label='操作人编号' value={f.actorUserId} onChange={(v) => setF({ ...f, actorUserId: v })} type='number' maxlength={10} placeholder='点下面的一条日志可填入其操作人' />
        <Field label='操作' value={f.action} onChange={(v) => setF({ ...f, action: v })} maxlength={60} placeholder='如 staff.create、child.view' />
        <Field label='记录类型' value={f.targetType} onChange={(v) => setF({ ...f, targetType: v })} maxlength={40} placeholder='如 user、case、child' />
        <Field label='记录编号' value={f.targetId} onChange={(v) => setF({ ...f, targetId: v })} maxlength={64} />
        <Field label='开始日期' value={f.from} onChange={(v) => setF({ ...f, from: v })} maxlength={10} placeholder='如 2026-11-01' />
        <Field label='结束日期' value={f.to} onChange={(v) => setF({ ...f, to: v })} maxlength={10} placeholder='如 2026-11-30' />
        <Btn label='查询' onClick={() => void load()} testid='audit-search' />
      </View>
      <ErrorLine text={error} />
      <View className='wk-card'>
        {items && items.length === 0 ? <Empty text='没有符合条件的日志' /> : null}
        {(items ?? []).map((r) => (
          <View key={r.id} className='ad-item' data-testid={`audit-${r.id}`} onClick={() => r.actorUserId && setF({ ...f, actorUserId: String(r.actorUserId) })}>
            <View className='ad-item__top'>
              <Text className='ad-mono'>{r.action}</Text>
              <Text className={r.result === 'ok' ? 'ad-badge ad-badge--ok' : 'ad-badge ad-badge--overdue'}>{RESULT[r.result] ?? r.result}</Text>
            </View>
            <Text className='ad-item__sub'>
              {formatDateTime(r.at)} · {r.actorName ?? '匿名/系统'}{r.actorUserId ? `（#${r.actorUserId}）` : ''}
            </Text>
            {r.targetType ? <Text className='ad-item__sub'>记录：{r.targetType} {r.targetId ?? ''}</Text> : null}
          </View>
        ))}
      </View>
      {next ? <Btn label='加载更多' kind='light' onClick={() => void load(next)} testid='audit-more' /> : null}
    </PageShell>
  );
}
