import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ensureGuardian, errorText } from './api';

/** The result of a zod schema's safeParse, as far as submitting needs it. */
type Parsed<T> = { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };

/**
 * Sending a guardian's form (提问 / 申办): the first validation message, or sign in, send, say
 * “已提交” and go to the new record's page; a failure stays on the form as `error`.
 */
export function useGuardianSubmit() {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function send<T>(parsed: Parsed<T>, create: (body: T) => Promise<{ id: number }>, detailUrl: (id: number) => string) {
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请检查填写的内容');
      return;
    }
    setBusy(true);
    setError('');
    try {
      await ensureGuardian();
      const created = await create(parsed.data);
      void Taro.showToast({ title: '已提交', icon: 'success' });
      await Taro.redirectTo({ url: detailUrl(created.id) });
    } catch (e) {
      setError(errorText(e, '没有提交成功，请重试'));
    } finally {
      setBusy(false);
    }
  }

  return { error, setError, busy, send };
}
