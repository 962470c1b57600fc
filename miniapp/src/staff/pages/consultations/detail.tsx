import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ChildSexBrief, ConsultationConversion, ConsultationTopic, formatDeadline } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { errorText } from '../../../guardian/api';
import { Area, ConsultStatusTag, Thread } from '../../../guardian/ui';
import { answer, closeConsultation, consultation, convertConsultation, type StaffConsultation } from './api';
import '../../../guardian/guardian.css';

/** Answer a consultation on its thread; turn it into a 求助 or a 个案 with one action. */
export default function ConsultationAnswerPage() {
  const id = Number(useRouter().params.id);
  const [c, setC] = useState<StaffConsultation | null>(null);
  const [error, setError] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  const load = () =>
    consultation(id).then(
      (res) => {
        setC(res);
        setError('');
      },
      (e) => setError(errorText(e)),
    );

  useEffect(() => {
    void load();
  }, [id]);

  async function send() {
    if (text.trim().length < 2) {
      void Taro.showToast({ title: '请填写答复内容', icon: 'none' });
      return;
    }
    setBusy(true);
    try {
      await answer(id, text.trim());
      setText('');
      void Taro.showToast({ title: '已答复，已提醒监护人', icon: 'none' });
      await load();
    } catch (e) {
      void Taro.showToast({ title: errorText(e, '没有发送成功'), icon: 'none', duration: 3000 });
    } finally {
      setBusy(false);
    }
  }

  async function convert(to: ConsultationConversion) {
    const label = ConsultationConversion.label(to);
    const { confirm } = await Taro.showModal({ title: `转为${label}`, content: `将这条咨询转为${label}，问答记录会一并带过去，监护人会收到提醒。`, confirmText: '确定转' });
    if (!confirm) return;
    try {
      await convertConsultation(id, to);
      void Taro.showToast({ title: `已转为${label}`, icon: 'success' });
      await load();
    } catch (e) {
      void Taro.showToast({ title: errorText(e, '没有转成功'), icon: 'none', duration: 3000 });
    }
  }

  async function close() {
    const { confirm } = await Taro.showModal({ title: '结束咨询', content: '确定这条咨询已经处理完了吗？', confirmText: '结束' });
    if (!confirm) return;
    try {
      await closeConsultation(id);
      await load();
    } catch (e) {
      void Taro.showToast({ title: errorText(e), icon: 'none' });
    }
  }

  if (!c) return <PageShell className='gd-page'>{error ? <Text className='gd-error'>{error}</Text> : <Text className='gd-muted'>正在加载…</Text>}</PageShell>;
  const open = c.status === 'waiting' || c.status === 'answered';
  const child = c.child;
  return (
    <PageShell className='gd-page'>
      <View className='gd-card__row'>
        <ConsultStatusTag status={c.status} overdue={c.overdue} />
        <Text className='gd-tag gd-tag--grey'>{ConsultationTopic.label(c.topic)}</Text>
        <Text className='gd-muted'>{c.villageName ? `${c.orgName} ${c.villageName}` : c.orgName}</Text>
      </View>
      {c.dueAt ? (
        <Text className={c.overdue ? 'gd-banner gd-banner--danger' : 'gd-banner gd-banner--warn'}>
          {c.overdue ? '已超过答复时限：' : '请在'} {formatDeadline(c.dueAt)} {c.overdue ? '' : '前答复'}
        </Text>
      ) : null}
      {c.conversion ? <Text className='gd-banner gd-banner--ok'>已转为{c.conversion.label ?? ConsultationConversion.label(c.conversion.to)}</Text> : null}
      {c.policyTitle ? <Text className='gd-banner gd-banner--info'>从政策“{c.policyTitle}”提问</Text> : null}

      {child || c.contactPhone ? (
        <View className='gd-card'>
          {child ? (
            <Text className='gd-para'>
              孩子：{[child.name, child.sex ? ChildSexBrief.label(child.sex) : '', child.age !== undefined ? `${child.age}岁` : ''].filter(Boolean).join('，') || '未填写'}
              {child.situation ? `\n情况：${child.situation}` : ''}
            </Text>
          ) : null}
          {c.contactPhone ? (
            <View className='gd-btn gd-btn--light' style={{ marginTop: child ? '16px' : '0' }} onClick={() => Taro.makePhoneCall({ phoneNumber: c.contactPhone! }).catch(() => undefined)}>
              <Text>拨打监护人电话 {c.contactPhone}</Text>
            </View>
          ) : null}
        </View>
      ) : null}

      <Thread messages={c.messages} mine='staff' />

      {open ? (
        <View className='gd-step'>
          <Text className='gd-field__label'>答复监护人</Text>
          <Text className='gd-step__hint'>用通俗的话写清楚能不能办、要带什么、到哪里办；涉及金额请按本地标准。</Text>
          <Area testid='answer' value={text} onChange={setText} placeholder='写下答复' maxlength={2000} />
          <View className={busy ? 'gd-btn gd-btn--disabled' : 'gd-btn'} onClick={busy ? undefined : send} data-testid='send-answer'>
            <Text>发送答复</Text>
          </View>
        </View>
      ) : null}
      {c.conversions.length ? (
        <View className='gd-row-btns' style={{ marginTop: '16px' }}>
          {c.conversions.map((to) => (
            <View key={to} className='gd-btn gd-btn--light' onClick={() => void convert(to)} data-testid={`convert-${to}`}>
              <Text>转为{ConsultationConversion.label(to)}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {open ? (
        <View className='gd-actions'>
          <View className='gd-btn gd-btn--danger' onClick={close}>
            <Text>结束咨询</Text>
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}
