import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { ConsultationTopic, type ConsultationDetail } from '@wbt/shared';
import { ConsultStatusTag, Thread } from './ui';

/** Asks whether the question is resolved before closing: a closed consultation takes no more follow-ups. */
export async function confirmResolved(): Promise<boolean> {
  const { confirm } = await Taro.showModal({ title: '结束咨询', content: '问题已经解决了吗？结束后不能再在这里追问。', confirmText: '已解决', cancelText: '再想想' });
  return confirm;
}

/**
 * A consultation as the asker sees it, signed in or with a receipt code: status line, the page's own
 * notes, the messages, and while it is open a follow-up box with 发送 and (once answered) 问题已解决.
 */
export function ConsultThread({ view, notes, field, sendLabel, busy, onSend, onResolved, whenEnded }: {
  view: ConsultationDetail;
  /** Banners between the status line and the "closed" banner. */
  notes?: ReactNode;
  /** The follow-up input (with its label). */
  field: ReactNode;
  sendLabel: string;
  busy: boolean;
  onSend: () => void;
  onResolved: () => void;
  /** Shown instead of the follow-up box once the consultation is closed or converted. */
  whenEnded?: ReactNode;
}) {
  const open = view.status === 'waiting' || view.status === 'answered';
  return (
    <>
      <View className='gd-card__row'>
        <ConsultStatusTag status={view.status} />
        <Text className='gd-tag gd-tag--grey'>{ConsultationTopic.label(view.topic)}</Text>
        <Text className='gd-muted'>{view.villageName ?? view.orgName}</Text>
      </View>
      {notes}
      {view.status === 'closed' ? <Text className='gd-banner gd-banner--info'>这条咨询已结束。有新问题可以重新提问。</Text> : null}
      <Thread messages={view.messages} mine='guardian' />
      {open ? (
        <View className='gd-step'>
          {field}
          <View className='gd-row-btns'>
            <View className={busy ? 'gd-btn gd-btn--disabled' : 'gd-btn'} onClick={busy ? undefined : onSend}>
              <Text>{sendLabel}</Text>
            </View>
            {view.status === 'answered' ? (
              <View className='gd-btn gd-btn--light' onClick={onResolved}>
                <Text>问题已解决</Text>
              </View>
            ) : null}
          </View>
        </View>
      ) : (
        (whenEnded ?? null)
      )}
    </>
  );
}
