import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ConsultationReply, ConsultationTopic, type ConsultationDetail, formatDeadline } from '@wbt/shared';
import { ApiError } from '../../services/api';
import { Area, ConsultStatusTag, Thread } from '../../guardian/ui';
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
  const open = view.status === 'waiting' || view.status === 'answered';

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
    const { confirm } = await Taro.showModal({ title: '结束咨询', content: '问题已经解决了吗？结束后不能再在这里追问。', confirmText: '已解决', cancelText: '再想想' });
    if (!confirm) return;
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
      <View className='gd-card__row'>
        <ConsultStatusTag status={view.status} />
        <Text className='gd-tag gd-tag--grey'>{ConsultationTopic.label(view.topic)}</Text>
        <Text className='gd-muted'>{view.villageName ?? view.orgName}</Text>
      </View>
      {view.status === 'waiting' && view.dueAt ? (
        <Text className='gd-banner gd-banner--warn'>已交给{view.orgName}未保站，{formatDeadline(view.dueAt)}前答复。答复后请再用回执码来看。</Text>
      ) : null}
      {view.status === 'closed' ? <Text className='gd-banner gd-banner--info'>这条咨询已结束。有新问题可以重新提问。</Text> : null}
      <Thread messages={view.messages} mine='guardian' />
      {open ? (
        <View className='gd-step'>
          <Area testid='receipt-follow-up' name='body' label='还想问' value={text} onChange={setText} placeholder='写下还想问的内容' maxlength={2000} error={error} />
          <View className='gd-row-btns'>
            <View className={busy ? 'gd-btn gd-btn--disabled' : 'gd-btn'} onClick={busy ? undefined : send}>
              <Text>{busy ? '正在发送…' : '发送'}</Text>
            </View>
            {view.status === 'answered' ? (
              <View className='gd-btn gd-btn--light' onClick={close}>
                <Text>问题已解决</Text>
              </View>
            ) : null}
          </View>
        </View>
      ) : null}
    </View>
  );
}
