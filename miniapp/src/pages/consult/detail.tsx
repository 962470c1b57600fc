import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ConsultationConversion, type ConsultationDetail, formatDeadline } from '@wbt/shared';
import { PageShell } from '../../components/PageShell';
import { closeMine, errorText, followUp, myConsultation } from '../../guardian/api';
import { ConsultThread, confirmResolved } from '../../guardian/ConsultThread';
import { Area } from '../../guardian/ui';
import '../../guardian/guardian.css';

/** One consultation: the answers, a box to ask more, and "问题已解决". */
export default function ConsultationDetailPage() {
  const id = Number(useRouter().params.id);
  const [c, setC] = useState<ConsultationDetail | null>(null);
  const [error, setError] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  const load = () =>
    myConsultation(id)
      .then((res) => {
        setC(res);
        setError('');
      })
      .catch((e) => setError(errorText(e)));

  useEffect(() => {
    void load();
  }, [id]);

  async function send() {
    if (text.trim().length < 2) {
      void Taro.showToast({ title: '请写下要问的内容', icon: 'none' });
      return;
    }
    setBusy(true);
    try {
      setC(await followUp(id, text.trim()));
      setText('');
      void Taro.showToast({ title: '已发送', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorText(e, '没有发送成功，请重试'), icon: 'none', duration: 3000 });
    } finally {
      setBusy(false);
    }
  }

  async function close() {
    if (!(await confirmResolved())) return;
    try {
      setC(await closeMine(id));
    } catch (e) {
      void Taro.showToast({ title: errorText(e), icon: 'none' });
    }
  }

  if (!c) {
    return (
      <PageShell className='gd-page'>
        {error ? <Text className='gd-error'>{error}</Text> : <Text className='gd-muted'>正在加载…</Text>}
      </PageShell>
    );
  }
  return (
    <PageShell className='gd-page'>
      <ConsultThread
        view={c}
        notes={
          <>
            {c.policyTitle ? <Text className='gd-banner gd-banner--info'>关于：{c.policyTitle}</Text> : null}
            {c.status === 'waiting' && c.dueAt ? (
              <Text className='gd-banner gd-banner--warn' data-testid='waiting-banner'>
                已交给{c.orgName}未保站，{formatDeadline(c.dueAt)}前答复您。
              </Text>
            ) : null}
            {c.status === 'converted' && c.conversion ? (
              <Text className='gd-banner gd-banner--ok'>
                已转为{ConsultationConversion.label(c.conversion.to)}，未保站会跟进办理并联系您。
              </Text>
            ) : null}
          </>
        }
        field={
          <>
            <Text className='gd-field__label'>还想问</Text>
            <Area testid='follow-up' value={text} onChange={setText} placeholder='写下还想问的内容' maxlength={2000} />
          </>
        }
        sendLabel='发送'
        busy={busy}
        onSend={send}
        onResolved={close}
        whenEnded={
          <View className='gd-actions'>
            <View className='gd-btn' onClick={() => Taro.navigateTo({ url: '/pages/consult/ask' })}>
              <Text>重新提问</Text>
            </View>
          </View>
        }
      />
    </PageShell>
  );
}
