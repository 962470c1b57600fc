import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FileCloseReason, formatDateWeekday, type ChildDetail } from '@wbt/shared';
import { Area, Chips } from '../../../pages/report/ui';
import { api, ApiError } from '../../../services/api';
import { childrenApi } from '../../work/api';
import { Btn, ErrorLine, InfoRow } from '../../work/ui';

const opts = (t: { codes: readonly string[]; label: (c: never) => string }) => t.codes.map((c) => ({ value: c, label: t.label(c as never) }));

/** National-system entry (5 working days) and monthly/quarterly updates, as clocks; the supervisor records each. */
export function NationalSystemCard({ c, canRecord, onChange }: { c: ChildDetail; canRecord: boolean; onChange: (c: ChildDetail) => void }) {
  const n = c.nationalSystem;
  const [busy, setBusy] = useState(false);
  async function record(kind: 'entry' | 'update') {
    setBusy(true);
    try {
      onChange(await childrenApi.nationalEntry(c.id, { kind, enteredAt: new Date().toISOString() }));
      void Taro.showToast({ title: '已登记', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : '登记失败', icon: 'none' });
    } finally {
      setBusy(false);
    }
  }
  const late = n.entryOverdue || n.monthOverdue;
  return (
    <View className={`wk-card`} data-testid='national-system'>
      <Text className='wk-card__title'>全国儿童福利信息系统</Text>
      {n.enteredAt ? (
        <InfoRow label='首次录入' value={formatDateWeekday(n.enteredAt)} />
      ) : (
        <InfoRow label='首次录入' value={n.entryDueAt ? `${n.entryOverdue ? '已逾期，' : ''}应于${formatDateWeekday(n.entryDueAt)}前录入（建档后5个工作日）` : '待录入'} />
      )}
      {n.enteredAt ? <InfoRow label='本月更新' value={n.updatedThisMonth ? '已更新' : `未更新${n.monthOverdue ? '（上月也未更新）' : ''}`} /> : null}
      {n.enteredAt ? <InfoRow label='本季度更新' value={n.updatedThisQuarter ? '已更新' : `未更新${n.quarterOverdue ? '（上季度也未更新）' : ''}`} /> : null}
      <InfoRow label='本月走访' value={c.visitedThisMonth ? '本月已走访' : '本月还未走访'} />
      {late ? <ErrorLine text='录入或更新已逾期，请尽快处理' /> : null}
      {canRecord && c.status === 'active' ? (
        <Btn label={n.enteredAt ? '登记：已在系统中更新' : '登记：已录入系统'} kind='light' busy={busy} onClick={() => void record(n.enteredAt ? 'update' : 'entry')} testid='national-entry' />
      ) : null}
    </View>
  );
}

/** Close (销档), reopen, or move a file to another village: supervisor and station head. */
export function FileActions({ c, onChange }: { c: ChildDetail; onChange: (c: ChildDetail) => void }) {
  const [mode, setMode] = useState<'' | 'close' | 'move' | 'reopen'>('');
  const [reason, setReason] = useState<string | null>(null);
  const [toOrgId, setToOrgId] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [villages, setVillages] = useState<{ id: number; name: string }[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function open(m: 'close' | 'move' | 'reopen') {
    setMode(m);
    setError('');
    if (m === 'move' && villages.length === 0) {
      const r = await api.get<{ items: { id: number; name: string; level: string }[] }>('/api/orgs').catch(() => ({ items: [] }));
      setVillages(r.items.filter((o) => o.level === 'village' && o.id !== c.orgId));
    }
  }
  async function submit() {
    setBusy(true);
    setError('');
    try {
      let next: ChildDetail;
      if (mode === 'close') next = await childrenApi.close(c.id, { reason: reason ?? '', note });
      else if (mode === 'move') next = await childrenApi.move(c.id, { toOrgId: toOrgId ?? 0, note });
      else next = await childrenApi.reopen(c.id, note);
      onChange(next);
      setMode('');
      setNote('');
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请重试');
    } finally {
      setBusy(false);
    }
  }

  if (!mode) {
    return (
      <View className='wk-btns'>
        {c.status === 'active' ? <Btn label='迁到其他村（社区）' kind='light' onClick={() => void open('move')} testid='move-child' /> : null}
        {c.status === 'active' ? <Btn label='销档' kind='light' onClick={() => void open('close')} testid='close-child' /> : null}
        {c.status === 'closed' ? <Btn label='恢复档案' kind='light' onClick={() => void open('reopen')} testid='reopen-child' /> : null}
      </View>
    );
  }
  return (
    <View className='wk-card' data-testid='file-action'>
      <Text className='wk-card__title'>{mode === 'close' ? '销档' : mode === 'move' ? '迁移档案' : '恢复档案'}</Text>
      {mode === 'close' ? <Chips options={opts(FileCloseReason)} value={reason} onChange={(v) => setReason(v)} /> : null}
      {mode === 'move' ? <Chips options={villages.map((v) => ({ value: v.id, label: v.name }))} value={toOrgId} onChange={(v) => setToOrgId(v)} /> : null}
      <Area value={note} onChange={setNote} placeholder={mode === 'move' ? '迁移原因（必填）' : '说明（必填）'} maxlength={300} />
      <ErrorLine text={error} />
      <View className='wk-btns'>
        <Btn label='确定' busy={busy} onClick={() => void submit()} testid='file-action-submit' />
        <Btn label='取消' kind='light' onClick={() => setMode('')} />
      </View>
    </View>
  );
}
