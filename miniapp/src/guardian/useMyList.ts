import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { errorText, isGuardianSession } from './api';

/**
 * A public user's own list (我的报告 / 我的申办 / 我的咨询): reloaded each time the page shows;
 * `onSignedIn` is what the sign-in notice calls once the person has signed in.
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
    setSignedIn(isGuardianSession());
    if (isGuardianSession()) void load();
  });

  function onSignedIn() {
    setSignedIn(true);
    void load();
  }

  return { items, error, signedIn, onSignedIn };
}
