import Taro, { useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ChildSex, formatDateTime, REPORT_REPLY_ROLES } from '@wbt/shared';
import { IS_WEAPP } from '../../../services/config';
import { PageShell } from '../../../components/PageShell';
import { api, ApiError } from '../../../services/api';
import { API_BASE } from '../../../services/config';
import { getSession } from '../../../services/session';
import { Area } from '../../../pages/report/ui';
import { FORM_PAGES } from '../../work/formsApi';
import '../../../pages/report/report.css';
import './reports.css';

interface Photo {
  id: string;
  messageId: number | null;
}
interface Doc {
  id: string;
  type: 'audio' | 'pdf';
  typeLabel: string;
  bytes: number;
}
interface Detail {
  id: number;
  kind: string;
  natureLabel: string;
  filledBy: string;
  status: string;
  statusLabel: string;
  anonymous: boolean;
  methodLabel: string;
  methodNote: string | null;
  org: { name: string };
  township: { id: number; name: string };
  reportedAt: string;
  receivedAt: string;
  enteredByStaff: boolean;
  reporter: { anonymous: boolean; identityLabel: string | null; identityNote: string | null; hasIdentity: boolean; canReveal: boolean };
  content: {
    situationLabels: string[];
    triggerLabels: string[];
    situationOther?: string;
    account: string;
    place?: string;
    occurredAt?: string;
    child: Record<string, string | number | undefined>;
    guardian: Record<string, string | undefined>;
    perpetrator: Record<string, string | undefined>;
    childState: Record<string, string | undefined>;
  };
  photos: Photo[];
  documents: Doc[];
  messages: { id: number; at: string; from: string; text: string; photos: Photo[] }[];
}

function Row({ k, v }: { k: string; v?: string | number | null }) {
  if (v === undefined || v === null || v === '') return null;
  return (
    <View className='sr-row'>
      <Text className='sr-row__k'>{k}</Text>
      <Text className='sr-row__v'>{String(v)}</Text>
    </View>
  );
}

/** Photos need the bearer token, so they are downloaded with it and shown from a local path. */
function usePhotoPaths(reportId: number, photos: Photo[]): Record<string, string> {
  const [paths, setPaths] = useState<Record<string, string>>({});
  useEffect(() => {
    const token = getSession()?.accessToken;
    for (const p of photos) {
      Taro.downloadFile({ url: `${API_BASE}/api/reports/${reportId}/files/${p.id}`, header: { Authorization: `Bearer ${token}` } })
        .then((res) => {
          if (res.statusCode === 200) setPaths((old) => ({ ...old, [p.id]: res.tempFilePath }));
        })
        .catch(() => undefined);
    }
  }, [reportId, photos]);
  return paths;
}

/** "昨天傍晚" in reports from before the date-time picker; an ISO instant since. */
const occurredText = (v?: string) => (v && /^\d{4}-\d{2}-\d{2}T/.test(v) ? formatDateTime(v) : v);

/** A recording or PDF needs the bearer token: downloaded with it, then opened by the phone. */
async function openDocument(reportId: number, doc: Doc): Promise<void> {
  const token = getSession()?.accessToken;
  const res = await Taro.downloadFile({ url: `${API_BASE}/api/reports/${reportId}/documents/${doc.id}`, header: { Authorization: `Bearer ${token}` } });
  if (res.statusCode !== 200) throw new Error('download');
  if (!IS_WEAPP) {
    window.open(res.tempFilePath, '_blank');
  } else if (doc.type === 'pdf') {
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf' });
  } else {
    const audio = Taro.createInnerAudioContext();
    audio.src = res.tempFilePath;
    audio.play();
  }
}

export default function ReportDetailPage() {
  const id = Number(useRouter().params.id);
  const [d, setD] = useState<Detail | null>(null);
  const [error, setError] = useState('');
  const [reporter, setReporter] = useState<{ name: string | null; phone: string | null } | null>(null);
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const role = getSession()?.user.role;
  const canReply = !!role && (REPORT_REPLY_ROLES as readonly string[]).includes(role);

  const load = () =>
    api
      .get<Detail>(`/api/reports/${id}`)
      .then(setD)
      .catch((e) => setError(e instanceof ApiError ? e.message : '加载失败'));
  useEffect(() => {
    void load();
  }, [id]);
  const allPhotos = d ? [...d.photos, ...d.messages.flatMap((m) => m.photos)] : [];
  const paths = usePhotoPaths(id, allPhotos);

  async function reveal() {
    try {
      setReporter(await api.get(`/api/reports/${id}/reporter`));
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : '查看失败', icon: 'none' });
    }
  }

  async function send() {
    if (!reply.trim()) return;
    setBusy(true);
    try {
      await api.post(`/api/reports/${id}/messages`, { text: reply.trim() });
      setReply('');
      await load();
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : '回复失败', icon: 'none' });
    } finally {
      setBusy(false);
    }
  }

  if (!d) return <PageShell className='rp-page'>{error ? <Text className='rp-error'>{error}</Text> : <Text className='rp-para'>正在加载…</Text>}</PageShell>;
  const c = d.content;
  return (
    <PageShell className='rp-page'>
      <Text className='rp-title'>
        {d.natureLabel} · {d.statusLabel}
      </Text>
      {d.status === 'received' && canReply ? (
        <View className='rp-btn' onClick={() => void Taro.navigateTo({ url: `/staff/pages/intake/triage?id=${d.id}` })} data-testid='go-triage'>
          <Text>分类受理这份报告 ›</Text>
        </View>
      ) : null}
      <View className='rp-btn rp-btn--light' onClick={() => void Taro.navigateTo({ url: FORM_PAGES.report(d.id) })} data-testid='print-report-form'>
        <Text>打印{d.kind === 'help' ? '求助登记表（附件5）' : '强制报告登记表（附件6）'}</Text>
      </View>
      <View className='rp-card'>
        <Row k='村（社区）' v={d.org.name} />
        <Row k='报告方式' v={d.methodNote ? `${d.methodLabel}（${d.methodNote}）` : d.methodLabel} />
        <Row k='报告时间' v={formatDateTime(d.reportedAt)} />
        <Row k='报告人' v={d.anonymous ? '匿名' : '实名（公开）'} />
        <Row k='填表人' v={d.filledBy} />
        <Row k='报告人身份' v={d.reporter.identityLabel ? `${d.reporter.identityLabel}${d.reporter.identityNote ? `（${d.reporter.identityNote}）` : ''}` : null} />
        {d.reporter.canReveal && !reporter ? (
          <View className='rp-btn rp-btn--light' onClick={reveal} data-testid='reveal-reporter'>
            <Text>查看报告人姓名电话（会记录查看）</Text>
          </View>
        ) : null}
        {reporter ? (
          <>
            <Row k='报告人姓名' v={reporter.name ?? '未填写'} />
            <Row k='报告人电话' v={reporter.phone ?? '未填写'} />
          </>
        ) : null}
      </View>
      <View className='rp-card'>
        <Text className='rp-sub'>情况陈述</Text>
        {c.situationLabels.length ? <Text className='sr-item__sit'>{c.situationLabels.join('；')}</Text> : null}
        {c.triggerLabels?.length ? <Text className='sr-item__sit'>{c.triggerLabels.join('；')}</Text> : null}
        <Row k='其他情形' v={c.situationOther} />
        <Row k='发生地点' v={c.place} />
        <Row k='发生时间' v={occurredText(c.occurredAt)} />
        <Text className='rp-para sr-account'>{c.account}</Text>
      </View>
      <View className='rp-card'>
        <Text className='rp-sub'>未成年人</Text>
        {![...Object.values(c.child), ...Object.values(c.guardian), ...Object.values(c.perpetrator), ...Object.values(c.childState)].some((x) => x !== undefined && x !== '') ? (
          <Text className='rp-para'>报告人没有填写孩子、监护人或施害者的信息。</Text>
        ) : null}
        <Row k='姓名' v={c.child.name} />
        <Row k='性别' v={c.child.sex ? ChildSex.label(c.child.sex as 'male') : null} />
        <Row k='年龄' v={c.child.age} />
        <Row k='住址' v={c.child.address} />
        <Row k='电话' v={c.child.phone} />
        <Row k='监护人' v={c.guardian.name} />
        <Row k='监护人身份' v={c.guardian.relation} />
        <Row k='监护人电话' v={c.guardian.phone} />
        <Row k='疑似施害者' v={c.perpetrator.name} />
        <Row k='施害者身份' v={c.perpetrator.relation} />
        <Row k='施害者住址' v={c.perpetrator.address} />
        <Row k='施害者电话' v={c.perpetrator.phone} />
        <Row k='身体状态' v={c.childState.physical} />
        <Row k='精神状态' v={c.childState.mental} />
        <Row k='行为表现' v={c.childState.behaviour} />
        <Row k='孩子的认知与评价' v={c.childState.view} />
      </View>
      {d.photos.length ? (
        <View className='rp-card'>
          <Text className='rp-sub'>照片（{d.photos.length}）</Text>
          <View className='rp-photos'>
            {d.photos.map((p) => (
              <View key={p.id} className='rp-photo'>
                {paths[p.id] ? <Image className='rp-photo__img' src={paths[p.id]} mode='aspectFill' /> : <Text className='rp-photo__none'>加载中</Text>}
              </View>
            ))}
          </View>
        </View>
      ) : null}
      {d.documents?.length ? (
        <View className='rp-card' data-testid='report-documents'>
          <Text className='rp-sub'>录音和文件（{d.documents.length}）</Text>
          {d.documents.map((doc) => (
            <View
              key={doc.id}
              className='rp-doc'
              onClick={() => openDocument(d.id, doc).catch(() => Taro.showToast({ title: '打开失败，请重试', icon: 'none' }))}
            >
              <Text className='rp-doc__name'>
                {doc.typeLabel}（{Math.max(1, Math.round(doc.bytes / 1024))}KB）
              </Text>
              <Text className='rp-doc__del'>打开</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className='rp-card'>
        <Text className='rp-sub'>与报告人的留言</Text>
        {d.messages.map((m) => (
          <View key={m.id} className={`rp-msg rp-msg--${m.from}`}>
            {m.from !== 'system' ? <Text className='rp-msg__who'>{m.from === 'station' ? '未保站' : '报告人'} · {formatDateTime(m.at)}</Text> : null}
            <Text>{m.text}</Text>
            {m.photos.length ? <Text className='rp-msg__who'>（附照片 {m.photos.length} 张）</Text> : null}
          </View>
        ))}
        {canReply ? (
          <>
            <Area value={reply} onChange={setReply} placeholder='回复报告人（对方看到的是“未保站”，不显示您的姓名）' />
            <View className={busy ? 'rp-btn rp-btn--busy' : 'rp-btn'} onClick={busy ? undefined : send}>
              <Text>{busy ? '正在发送…' : '发送回复'}</Text>
            </View>
          </>
        ) : null}
      </View>
    </PageShell>
  );
}
