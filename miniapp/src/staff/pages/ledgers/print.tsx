import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { chinaDate, formatDate, Roster, type LedgerPage } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { ApiError } from '../../../services/api';
import { IS_WEAPP } from '../../../services/config';
import { ledgersApi } from '../../work/ledgersApi';
import { ErrorLine } from '../../work/ui';
import '../../work/work.css';
import '../../work/ledgers.css';

const PAGE = 500;

/** A roster laid out for paper (A4 landscape, header repeated on each sheet), with the signature lines. */
export default function LedgerPrintPage() {
  const { params } = useRouter();
  const roster = (Roster.codes as readonly string[]).includes(params.roster ?? '') ? (params.roster as Roster) : 'reception';
  const q = { orgId: params.orgId ? Number(params.orgId) : undefined, from: params.from || undefined, to: params.to || undefined };
  const [page, setPage] = useState<LedgerPage | null>(null);
  const [rows, setRows] = useState<LedgerPage['rows']>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState('');
  const load = (after?: string) =>
    ledgersApi
      .page(roster, { ...q, after, limit: PAGE })
      .then((p) => {
        setPage(p);
        setRows((prev) => (after ? [...prev, ...p.rows] : p.rows));
        setNext(p.next);
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'));
  useEffect(() => void load(), []);

  const columns = page?.columns ?? [];
  return (
    <PageShell className='wk-page'>
      <View className='lg-noprint lg-roster__btns' style={{ marginBottom: '16px' }}>
        {!IS_WEAPP ? (
          <View className='lg-btn' onClick={() => window.print()} data-testid='print-now'>
            <Text>打印</Text>
          </View>
        ) : null}
        {next ? (
          <View className='lg-btn lg-btn--light' onClick={() => void load(next)} data-testid='load-more'>
            <Text>再加载 {PAGE} 行</Text>
          </View>
        ) : null}
      </View>
      <ErrorLine text={error} />
      {page ? (
        <View className='lg-print'>
          <View className='lg-print__head'>
            <Text className='lg-print__title' data-testid='print-title'>
              {page.orgName}
              {page.title}
            </Text>
            <Text className='lg-print__meta'>
              期间：{page.period}  共 {rows.length} 行{next ? '（未加载完）' : ''}  制表日期：{formatDate(new Date(`${chinaDate(new Date())}T12:00:00+08:00`))}
              {page.masked ? '  敏感信息已脱敏' : ''}
            </Text>
          </View>
          <View className='lg-table-wrap'>
            <View className='lg-table' data-testid='print-table'>
              <View className='lg-thead'>
                <View className='lg-tr'>
                  {columns.map((c) => (
                    <Text key={c.key} className='lg-th'>
                      {c.header}
                    </Text>
                  ))}
                </View>
              </View>
              <View className='lg-tbody'>
                {rows.map((r, i) => (
                  <View key={i} className='lg-tr' data-testid='print-row'>
                    {columns.map((c) => (
                      <Text key={c.key} className='lg-td'>
                        {c.key === 'seq' ? i + 1 : String(r[c.key] ?? '')}
                      </Text>
                    ))}
                  </View>
                ))}
              </View>
            </View>
          </View>
          <View className='lg-print__signs'>
            <Text>填表人：＿＿＿＿＿＿</Text>
            <Text>审核人（站长）：＿＿＿＿＿＿</Text>
            <Text>日期：＿＿＿＿年＿＿月＿＿日</Text>
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}
