import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { ApiError } from '../services/api';

export interface CursorPage<T, C> {
  items: T[];
  nextCursor: C | null;
}

/**
 * A list read page by page on the server's keyset cursor: "load more" appends, a reset starts over.
 * `reload` runs when the page is shown and on pull-down refresh.
 */
export function useCursorList<T, C>(reload: () => Promise<void>) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<C | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');

  async function run(reset: boolean, fetchPage: (cursor: C | null) => Promise<CursorPage<T, C>>): Promise<void> {
    setLoading(true);
    try {
      const page = await fetchPage(reset ? null : cursor);
      setItems((old) => (reset ? page.items : [...old, ...page.items]));
      setCursor(page.nextCursor);
      setError('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败，请重试');
    } finally {
      setLoading(false);
    }
  }

  useDidShow(() => void reload());
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()));

  return { items, cursor, loading, error, run };
}
