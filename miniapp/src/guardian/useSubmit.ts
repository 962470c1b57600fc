import Taro from '@tarojs/taro';
import { useState } from 'react';
import { firstErrorPath, issuesByPath, scrollToField } from '../components/FormUi';
import { ApiError } from '../services/api';
import { ensureGuardian, errorText } from './api';

/** The result of a zod schema's safeParse, as far as submitting needs it. */
type Parsed<T> = { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };

/**
 * Sending a guardian's form (提问 / 申办): what is missing is marked in red next to each field and
 * the first one (in `order`, top to bottom) scrolled into view; otherwise sign in, send, say
 * “已提交” and go to the new record's page. A failure stays on the form.
 */
export function useGuardianSubmit(order: string[] = []) {
  const [error, setError] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  function mark(found: Record<string, string>) {
    setErrors(found);
    const first = firstErrorPath(found, order);
    if (first) setTimeout(() => scrollToField(first), 50);
  }

  /** Clears a field's red mark once the person changes it. */
  const clear = (path: string) =>
    setErrors((e) => {
      if (!(path in e)) return e;
      const { [path]: _gone, ...rest } = e;
      return rest;
    });

  /**
   * `detailUrl`: where to go once sent (null: stay, `onDone` shows the result); `anonymous`: send
   * without signing in (an anonymous question).
   */
  async function send<T, R>(parsed: Parsed<T>, create: (body: T) => Promise<R>, opts: { detailUrl?: (created: R) => string; onDone?: (created: R) => void; anonymous?: boolean }) {
    if (!parsed.success) {
      mark(issuesByPath(parsed.error.issues));
      setError('');
      return;
    }
    setBusy(true);
    setError('');
    setErrors({});
    try {
      if (!opts.anonymous) await ensureGuardian();
      const created = await create(parsed.data);
      opts.onDone?.(created);
      if (opts.detailUrl) {
        void Taro.showToast({ title: '已提交', icon: 'success' });
        await Taro.redirectTo({ url: opts.detailUrl(created) });
      }
    } catch (e) {
      if (e instanceof ApiError && e.details.length) mark(issuesByPath(e.details));
      else setError(errorText(e, '没有提交成功，请重试'));
    } finally {
      setBusy(false);
    }
  }

  return { error, setError, errors, clear, busy, send };
}
