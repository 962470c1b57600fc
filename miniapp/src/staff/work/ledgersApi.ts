import Taro from '@tarojs/taro';
import type { LedgerPage, Roster, Stats } from '@wbt/shared';
import { api } from '../../services/api';
import { fetchMe } from '../../services/auth';
import { API_BASE, IS_WEAPP } from '../../services/config';
import { getSession } from '../../services/session';

export interface LedgerQuery {
  orgId?: number;
  from?: string;
  to?: string;
}

const clean = (q: LedgerQuery & { after?: string; limit?: number }): Record<string, string | number> =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '' && v !== null)) as Record<string, string | number>;
const queryString = (q: Record<string, string | number>) =>
  Object.entries(q)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

/** Rosters, their printable pages, and the statistics dashboard. */
export const ledgersApi = {
  page: (roster: Roster, q: LedgerQuery & { after?: string; limit?: number }) => api.get<LedgerPage>(`/api/ledgers/${roster}`, clean(q)),
  stats: (q: LedgerQuery) => api.get<Stats>('/api/stats', clean(q)),
  halfYear: (q: { year: number; half: '1' | '2'; orgId?: number }) =>
    api.get<{ periodLabel: string; stats: Stats }>('/api/stats/half-year', clean({ orgId: q.orgId, year: q.year, half: q.half } as never)),
  orgs: () => api.get<{ items: { id: number; parentId: number | null; level: string; name: string }[] }>('/api/orgs'),

  /** The half-year report as .docx, saved or opened like a roster. */
  downloadHalfYear: (q: { year: number; half: '1' | '2'; orgId?: number }) =>
    downloadFile(`/api/stats/half-year/docx?${queryString(clean({ orgId: q.orgId, year: q.year, half: q.half } as never))}`, 'docx', '半年工作报告.docx'),

  /** Downloads the .xlsx (H5: saved by the browser; weapp: opened in the document viewer to save or forward). */
  download: (roster: Roster, q: LedgerQuery, fallbackName: string) => downloadFile(`/api/ledgers/${roster}/export?${queryString(clean(q))}`, 'xlsx', fallbackName),
};

export async function downloadFile(pathAndQuery: string, fileType: 'xlsx' | 'docx', fallbackName: string): Promise<void> {
    await fetchMe(); // renews the access token first when it has expired
    const token = getSession()?.accessToken ?? '';
    const url = `${API_BASE}${pathAndQuery}`;
    if (IS_WEAPP) {
      const res = await Taro.downloadFile({ url, header: { Authorization: `Bearer ${token}` } });
      if (res.statusCode !== 200) throw new Error('导出失败，请稍后再试');
      await Taro.openDocument({ filePath: res.tempFilePath, fileType, showMenu: true });
      return;
    }
    const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      throw new Error(body?.error?.message ?? '导出失败，请稍后再试');
    }
    const disposition = res.headers.get('content-disposition') ?? '';
    const m = disposition.match(/filename\*=UTF-8''([^;]+)/);
    const name = m ? decodeURIComponent(m[1]) : fallbackName;
    const href = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export const LEDGER_PAGES = {
  index: '/staff/pages/ledgers/index',
  print: (roster: Roster, q: LedgerQuery) => `/staff/pages/ledgers/print?roster=${roster}&${queryString(clean(q))}`,
  stats: '/staff/pages/stats/index',
  halfYear: '/staff/pages/stats/half-year',
};
