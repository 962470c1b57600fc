import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { formatReceiptCode, normalizeReceiptCode, type ConsultationDetail, type ReceiptKind, type ReporterView } from '@wbt/shared';
import { PageShell } from '../../components/PageShell';
import { ApiError } from '../../services/api';
import { openReceipt, receiptConsultation, receiptMessage, receiptView } from '../report/reportApi';
import { Field } from '../report/ui';
import { ReceiptConsultation } from './ReceiptConsultation';
import { ReporterThread } from './Thread';
import '../report/report.css';

type Opened = { kind: 'report'; view: ReporterView } | { kind: 'consultation'; view: ConsultationDetail };

/**
 * 查询进度: the receipt code of an anonymous report or question is posted in a request body (never
 * put in a URL) and exchanged for a short-lived token kept only in this page's memory. A pasted code
 * with spaces, dashes or full-width characters is tidied into XXXX-XXXX-XXXX-XXXX as it arrives.
 */
export default function ReceiptPage() {
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [token, setToken] = useState<string | null>(null);
  const [opened, setOpened] = useState<Opened | null>(null);

  async function load(kind: ReceiptKind, t: string) {
    setOpened(kind === 'report' ? { kind, view: await receiptView(t) } : { kind, view: await receiptConsultation(t) });
  }

  function onCode(raw: string) {
    const normalized = normalizeReceiptCode(raw);
    setCode(normalized ? formatReceiptCode(normalized) : raw.toUpperCase());
    if (error) setError('');
  }

  async function open() {
    if (!normalizeReceiptCode(code)) {
      setError('回执码是16位字母和数字，请核对后再输入');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const s = await openReceipt(code);
      setToken(s.token);
      await load(s.kind, s.token);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '查询失败，请重试');
    } finally {
      setBusy(false);
    }
  }

  function leave() {
    setOpened(null);
    setToken(null);
    setCode('');
  }

  /** A session that timed out sends the person back to the code box. */
  async function withSession<T>(fn: (t: string) => Promise<T>): Promise<T | undefined> {
    if (!token) return undefined;
    try {
      return await fn(token);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) leave();
      throw e;
    }
  }

  async function sendReport(text: string, photos: { fileId: string; ticket: string }[]) {
    await withSession((t) => receiptMessage(t, text, photos));
    if (token) await load('report', token);
  }

  return (
    <PageShell className='rp-page'>
      {!opened ? (
        <View>
          <Text className='rp-title'>查询办理进度</Text>
          <Text className='rp-intro'>请输入匿名报告或匿名提问时得到的16位回执码，可以直接粘贴。查询不需要登录，也不会记录您是谁。</Text>
          <View className='rp-step'>
            <Field
              testid='receipt-input'
              name='receiptCode'
              label='回执码'
              value={code}
              onChange={onCode}
              maxlength={64}
              placeholder='如：ABCD-EFGH-JKMN-PQRS'
              error={error}
            />
            <View className={busy ? 'rp-btn rp-btn--big rp-btn--busy' : 'rp-btn rp-btn--big'} onClick={busy ? undefined : open} data-testid='receipt-open'>
              <Text>{busy ? '正在查询…' : '查询'}</Text>
            </View>
          </View>
          <View className='rp-btn rp-btn--light' onClick={() => Taro.navigateTo({ url: '/pages/my-reports/index' })}>
            <Text>实名报告请看「我的报告」</Text>
          </View>
        </View>
      ) : opened.kind === 'report' ? (
        <View>
          <Text className='rp-title'>办理进度</Text>
          <ReporterThread view={opened.view} onSend={sendReport} />
          <View className='rp-btn rp-btn--light' onClick={leave}>
            <Text>退出查询</Text>
          </View>
        </View>
      ) : (
        <View>
          <ReceiptConsultation
            view={opened.view}
            onChange={(view) => setOpened({ kind: 'consultation', view })}
            withSession={withSession}
          />
          <View className='rp-btn rp-btn--light' onClick={leave}>
            <Text>退出查询</Text>
          </View>
        </View>
      )}
    </PageShell>
  );
}
