import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { normalizeReceiptCode, type ReporterView } from '@wbt/shared';
import { PageShell } from '../../components/PageShell';
import { ApiError } from '../../services/api';
import { openReceipt, receiptMessage, receiptView } from '../report/reportApi';
import { ReporterThread } from './Thread';
import '../report/report.css';

/**
 * 查询进度: the receipt code is posted in a request body (never put in a URL) and exchanged for a
 * short-lived token kept only in this page's memory.
 */
export default function ReceiptPage() {
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [token, setToken] = useState<string | null>(null);
  const [view, setView] = useState<ReporterView | null>(null);

  async function load(t: string) {
    setView(await receiptView(t));
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
      await load(s.token);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '查询失败，请重试');
    } finally {
      setBusy(false);
    }
  }

  async function send(text: string, photos: { fileId: string; ticket: string }[]) {
    if (!token) return;
    try {
      await receiptMessage(token, text, photos);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setToken(null);
        setView(null);
      }
      throw e;
    }
    await load(token);
  }

  return (
    <PageShell className='rp-page'>
      {!view ? (
        <View>
          <Text className='rp-title'>查询办理进度</Text>
          <Text className='rp-intro'>请输入提交报告时得到的16位回执码。查询不需要登录，也不会记录您是谁。</Text>
          <View className='rp-step'>
            <Text className='rp-field__label'>回执码</Text>
            <Input
              className='rp-input rp-input--code'
              value={code}
              maxlength={24}
              placeholder='如：ABCD-EFGH-JKMN-PQRS'
              placeholderClass='rp-placeholder'
              onInput={(e) => setCode(e.detail.value.toUpperCase())}
              data-testid='receipt-input'
            />
            {error ? <Text className='rp-error' data-testid='receipt-error'>{error}</Text> : null}
            <View className={busy ? 'rp-btn rp-btn--big rp-btn--busy' : 'rp-btn rp-btn--big'} onClick={busy ? undefined : open} data-testid='receipt-open'>
              <Text>{busy ? '正在查询…' : '查询'}</Text>
            </View>
          </View>
          <View className='rp-btn rp-btn--light' onClick={() => Taro.navigateTo({ url: '/pages/my-reports/index' })}>
            <Text>实名报告请看「我的报告」</Text>
          </View>
        </View>
      ) : (
        <View>
          <Text className='rp-title'>办理进度</Text>
          <ReporterThread view={view} onSend={send} />
          <View className='rp-btn rp-btn--light' onClick={() => { setView(null); setToken(null); setCode(''); }}>
            <Text>退出查询</Text>
          </View>
        </View>
      )}
    </PageShell>
  );
}
