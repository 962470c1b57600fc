import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ConsultationReply, type ConsultationDetail, formatDeadline } from '@wbt/shared';
import { ApiError } from '../../services/api';
import { ConsultThread, confirmResolved } from '../../guardian/ConsultThread';
import { Area } from '../../guardian/ui';
import { receiptConsultationClose, receiptConsultationMessage } from '../report/reportApi';
import '../../guardian/guardian.css';

/** An anonymous policy question opened with its receipt code: the answers, a follow-up, 问题已解决. */
export function ReceiptConsultation({ view, onChange, withSession }: {
  view: ConsultationDetail;
  onChange: (v: ConsultationDetail) => void;
  withSession: <T>(fn: (token: string) => Promise<T>) => Promise<T | undefined>;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function send() {
    const parsed = ConsultationReply.safeParse({ body: text });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请写下要问的内容');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const next = await withSession((t) => receiptConsultationMessage(t, parsed.data.body));
      if (next) onChange(next);
      setText('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '没有发送成功，请重试');
    } finally {
      setBusy(false);
    }
  }

  async function close() {
    if (!(await confirmResolved())) return;
    try {
      const next = await withSession((t) => receiptConsultationClose(t));
      if (next) onChange(next);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '没有成功，请重试');
    }
  }

  return (
    <View data-testid='receipt-consultation'>
      <Text className='gd-title'>我的提问</Text>
      <ConsultThread
        view={view}
        notes={
          view.status === 'waiting' && view.dueAt ? (
            <Text className='gd-banner gd-banner--warn'>已交给{view.orgName}未保站，{formatDeadline(view.dueAt)}前答复。答复后请再用回执码来看。</Text>
          ) : null
        }
        field={<Area testid='receipt-follow-up' name='body' label='还想问' value={text} onChange={setText} placeholder='写下还想问的内容' maxlength={2000} error={error} />}
        sendLabel={busy ? '正在发送…' : '发送'}
        busy={busy}
        onSend={send}
        onResolved={close}
      />
    </View>
  );
}
