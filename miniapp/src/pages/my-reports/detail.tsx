import { useRouter } from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ReporterView } from '@wbt/shared';
import { PageShell } from '../../components/PageShell';
import { api, ApiError } from '../../services/api';
import { ReporterThread } from '../receipt/Thread';
import '../report/report.css';

export default function MyReportDetailPage() {
  const id = Number(useRouter().params.id);
  const [view, setView] = useState<ReporterView | null>(null);
  const [error, setError] = useState('');

  const load = () =>
    api
      .get<ReporterView>(`/api/my/reports/${id}`)
      .then(setView)
      .catch((e) => setError(e instanceof ApiError ? e.message : '加载失败，请重试'));

  useEffect(() => {
    void load();
  }, [id]);

  return (
    <PageShell className='rp-page'>
      {error ? <Text className='rp-error'>{error}</Text> : null}
      {view ? (
        <ReporterThread
          view={view}
          onSend={async (text, attachments) => {
            await api.post(`/api/my/reports/${id}/messages`, { text, attachments });
            await load();
          }}
        />
      ) : null}
    </PageShell>
  );
}
