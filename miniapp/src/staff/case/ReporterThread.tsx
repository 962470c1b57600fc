import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { formatDateTime, REPORT_READ_ROLES, REPORT_REPLY_ROLES, type Role } from '@wbt/shared';
import { api, ApiError } from '../../services/api';
import { Area } from '../../pages/report/ui';
import { Badge, Section } from './ui';

interface Msg {
  id: number;
  at: string;
  from: string;
  text: string;
  photoCount?: number;
}

/** Reporter messages newer than this device's last look at the case are marked 新. */
const SEEN_KEY = (caseId: number) => `wbt.caseThreadSeen.${caseId}`;

/**
 * The reporters' threads inside the case page: what the reporter added after the report, with
 * unread markers, and the station's reply. Only for the roles that may read reports.
 */
export function ReporterThread({ caseId, reportIds, role }: { caseId: number; reportIds: number[]; role: Role | undefined }) {
  const [threads, setThreads] = useState<{ reportId: number; messages: Msg[] }[]>([]);
  const [seenAt] = useState<number>(() => Number(Taro.getStorageSync(SEEN_KEY(caseId)) || 0));
  const [reply, setReply] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  const mayRead = !!role && (REPORT_READ_ROLES as readonly string[]).includes(role);
  const mayReply = !!role && (REPORT_REPLY_ROLES as readonly string[]).includes(role);

  const load = () =>
    Promise.all(reportIds.map(async (reportId) => ({ reportId, messages: (await api.get<{ messages: Msg[] }>(`/api/reports/${reportId}`)).messages })))
      .then((t) => {
        setThreads(t);
        Taro.setStorageSync(SEEN_KEY(caseId), Date.now());
      })
      .catch(() => undefined);
  useEffect(() => {
    if (mayRead && reportIds.length) void load();
  }, [caseId, reportIds.join(','), mayRead]);

  if (!mayRead || !threads.length) return null;
  const unread = threads.flatMap((t) => t.messages).filter((m) => m.from === 'reporter' && new Date(m.at).getTime() > seenAt).length;

  async function send(reportId: number) {
    const text = (reply[reportId] ?? '').trim();
    if (!text) return;
    setBusy(true);
    try {
      await api.post(`/api/reports/${reportId}/messages`, { text });
      setReply((r) => ({ ...r, [reportId]: '' }));
      await load();
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : '回复失败', icon: 'none' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title='与报告人的留言' extra={unread ? `${unread} 条新消息` : undefined} testid='case-thread'>
      {threads.map((t) => (
        <View key={t.reportId}>
          {threads.length > 1 ? <Text className='cs-item__meta'>报告 #{t.reportId}</Text> : null}
          {t.messages.filter((m) => m.from !== 'system').length === 0 ? <Text className='rp-para'>还没有留言。</Text> : null}
          {t.messages
            .filter((m) => m.from !== 'system')
            .map((m) => {
              const isNew = m.from === 'reporter' && new Date(m.at).getTime() > seenAt;
              return (
                <View key={m.id} className={`rp-msg rp-msg--${m.from}`} data-testid={isNew ? 'thread-new' : 'thread-msg'}>
                  <View className='cs-item__top'>
                    {isNew ? <Badge tone='danger'>新</Badge> : null}
                    <Text className='rp-msg__who'>
                      {m.from === 'station' ? '未保站' : '报告人'} · {formatDateTime(m.at)}
                    </Text>
                  </View>
                  <Text>{m.text}</Text>
                  {m.photoCount ? <Text className='rp-msg__who'>（附照片 {m.photoCount} 张，在报告全文中查看）</Text> : null}
                </View>
              );
            })}
          {mayReply ? (
            <>
              <Area value={reply[t.reportId] ?? ''} onChange={(v) => setReply((r) => ({ ...r, [t.reportId]: v }))} placeholder='回复报告人（对方看到的是“未保站”，不显示您的姓名）' />
              <View className={busy ? 'rp-btn rp-btn--busy' : 'rp-btn'} onClick={busy ? undefined : () => void send(t.reportId)} data-testid='thread-send'>
                <Text>{busy ? '正在发送…' : '发送回复'}</Text>
              </View>
            </>
          ) : null}
        </View>
      ))}
    </Section>
  );
}
