import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { GuardianshipCheck, HealthCheck, LivingCheck, SchoolingCheck, VisitAlert, VisitMet, type VisitView, formatDateWeekday, formatDateTime } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { CallBar, PoliceDuty } from '../../../pages/report/ui';
import '../../../pages/report/report.css';
import { ApiError } from '../../../services/api';
import { API_BASE } from '../../../services/config';
import { getSession } from '../../../services/session';
import { PAGES, visitsApi } from '../../work/api';
import { Btn, ErrorLine, InfoRow } from '../../work/ui';
import '../../work/work.css';

/** Photos need the bearer token: downloaded with it and shown from a local path. */
function usePhotoPaths(visitId: number, ids: string[]): Record<string, string> {
  const [paths, setPaths] = useState<Record<string, string>>({});
  useEffect(() => {
    const token = getSession()?.accessToken;
    for (const id of ids) {
      Taro.downloadFile({ url: `${API_BASE}/api/visits/${visitId}/photos/${id}`, header: { Authorization: `Bearer ${token}` } })
        .then((res) => {
          if (res.statusCode === 200) setPaths((old) => ({ ...old, [id]: res.tempFilePath }));
        })
        .catch(() => undefined);
    }
  }, [visitId, ids.join(',')]);
  return paths;
}

const aspect = (label: string, a: { rating: string; note: string | null }) => `${label}${a.note ? `：${a.note}` : ''}`;

/** A visit record; right after sending: the next planned visit, and the one-tap report when harm was seen. */
export default function VisitDetailPage() {
  const params = useRouter().params;
  const id = Number(params.id);
  const fresh = params.fresh === '1';
  const [v, setV] = useState<VisitView | null>(null);
  const [error, setError] = useState('');
  const [reporting, setReporting] = useState(false);
  const paths = usePhotoPaths(id, v?.photoIds ?? []);

  const load = () =>
    visitsApi
      .get(id)
      .then(setV)
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'));
  useDidShow(() => void load());

  async function report() {
    setReporting(true);
    try {
      await visitsApi.report(id);
      await load();
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : '报告失败，请重试或直接拨打电话', icon: 'none', duration: 3000 });
    } finally {
      setReporting(false);
    }
  }

  if (!v) return <PageShell className='wk-page'>{error ? <ErrorLine text={error} /> : <Text className='wbt-muted'>正在加载…</Text>}</PageShell>;
  return (
    <PageShell className='wk-page rp-page'>
      {fresh ? (
        <View className='wk-banner wk-banner--ok' data-testid='visit-saved'>
          <Text className='wk-banner__big'>✓ 走访记录已提交</Text>
          {v.nextVisitDue ? <Text data-testid='next-visit'>下次走访：{formatDateWeekday(v.nextVisitDue)}前</Text> : null}
        </View>
      ) : (
        <Text className='wk-h1'>走访记录</Text>
      )}

      {v.harmSigns ? (
        <View className='wk-harm wk-harm--on' data-testid='harm-box'>
          {v.reportId ? (
            <>
              <Text className='wk-harm__title' data-testid='reported'>已向未保站强制报告</Text>
              <Text className='wk-harm__hint'>乡镇督导员会尽快处理。孩子正处于危险中，请立即拨打110。</Text>
              <PoliceDuty />
            </>
          ) : (
            <>
              <Text className='wk-harm__title'>发现侵害迹象</Text>
              <Text className='wk-harm__hint'>点下面的按钮，系统会把孩子的信息和您的姓名填好，立即报告未保站（强制报告）。</Text>
              <Btn label='一键强制报告' kind='danger' busy={reporting} onClick={() => void report()} testid='one-tap-report' />
            </>
          )}
          <CallBar />
        </View>
      ) : null}

      {v.alerts.length ? (
        <View className='wk-banner wk-banner--warn' data-testid='visit-alerts'>
          <Text className='wk-banner__big'>已提醒乡镇儿童督导员</Text>
          <Text>走访发现：{v.alerts.map((a) => VisitAlert.label(a)).join('、')}</Text>
        </View>
      ) : null}

      <View className='wk-card'>
        <Text className='wk-card__title'>{v.childName}</Text>
        <InfoRow label='走访时间' value={formatDateTime(v.visitedAt)} />
        <InfoRow label='走访人' value={v.visitorName} />
        <InfoRow label='见到了谁' value={v.metWith.map((m) => VisitMet.label(m)).join('、') + (v.metNote ? `（${v.metNote}）` : '')} />
        <InfoRow label='生活状况' value={aspect(LivingCheck.label(v.living.rating), v.living)} />
        <InfoRow label='监护情况' value={aspect(GuardianshipCheck.label(v.guardianship.rating), v.guardianship)} />
        <InfoRow label='就学情况' value={aspect(SchoolingCheck.label(v.schooling.rating), v.schooling)} />
        <InfoRow label='健康状况' value={aspect(HealthCheck.label(v.health.rating), v.health)} />
        <InfoRow label='发现的问题' value={v.findings} />
        <InfoRow label='下一步' value={v.nextSteps} />
        {v.photoIds.length ? (
          <View className='wk-tags' data-testid='visit-photos'>
            {v.photoIds.map((p) => (paths[p] ? <Image key={p} className='wk-photo-img' src={paths[p]} mode='aspectFill' /> : <Text key={p} className='wk-tag'>照片加载中</Text>))}
          </View>
        ) : null}
      </View>

      <View className='wk-btns'>
        <Btn label='查看儿童档案和走访计划' kind='light' onClick={() => void Taro.navigateTo({ url: PAGES.child(v.childId) })} testid='open-child' />
        {fresh ? <Btn label='回到我的任务' kind='light' onClick={() => void Taro.redirectTo({ url: PAGES.tasks })} /> : null}
      </View>
    </PageShell>
  );
}
