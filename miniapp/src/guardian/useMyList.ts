import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { IS_WEAPP } from '../services/config';
import { ensureGuardian, errorText, isGuardianSession } from './api';

/**
 * A guardian's own list (我的申办 / 我的咨询): reloaded each time the page shows,
 * with WeChat sign-in where there is no guardian session yet.
 * `signIn` is undefined outside the mini-program (the H5 build has no WeChat login).
 */
export function useMyList<T>(fetchItems: () => Promise<{ items: T[] }>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState('');
  const [signedIn, setSignedIn] = useState(isGuardianSession());

  async function load() {
    try {
      setItems((await fetchItems()).items);
      setError('');
    } catch (e) {
      setError(errorText(e));
    }
  }

  useDidShow(() => {
    if (isGuardianSession()) void load();
  });

  async function signIn() {
    try {
      await ensureGuardian();
      setSignedIn(true);
      await load();
    } catch (e) {
      setError(errorText(e, '微信登录失败，请重试'));
    }
  }

  return { items, error, signedIn, signIn: IS_WEAPP ? signIn : undefined };
}
