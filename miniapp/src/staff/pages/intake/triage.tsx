import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ConsultationType, IntakeCategory, TriageRequest, formatDateTime } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { ApiError } from '../../../services/api';
import { caseApi, CASE_PAGES, type StaffReportDetail } from '../../case/api';
import { Area, Badge, Button, Chips, Field, KV, Section } from '../../case/ui';
import '../../../pages/report/report.css';

type Category = 'harm' | 'help' | 'consultation';
type Mode = 'new' | 'link';

/** 2 分类: classify an incoming report and open a case (or link it to one, or pass it to the consultation desk). */
export default function TriagePage() {
  const reportId = Number(useRouter().params.id);
  const [report, setReport] = useState<StaffReportDetail | null>(null);
  const [villages, setVillages] = useState<{ id: number; name: string }[]>([]);
  const [linkable, setLinkable] = useState<{ id: number; code: string; statusLabel: string; childName: string | null; villageName: string | null }[]>([]);
  const [category, setCategory] = useState<Category>('harm');
  const [consultationType, setConsultationType] = useState<'policy' | 'application' | 'incident' | null>(null);
  const [mode, setMode] = useState<Mode>('new');
  const [caseId, setCaseId] = useState<number | null>(null);
  const [villageId, setVillageId] = useState<number | null>(null);
  const [childName, setChildName] = useState('');
  const [childAge, setChildAge] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    (async () => {
      try {
        const [r, orgs, links] = await Promise.all([caseApi.report(reportId), caseApi.orgs(), caseApi.linkable()]);
        setReport(r);
        setCategory(r.kind);
        const vs = orgs.items.filter((o) => o.level === 'village' && o.parentId === r.township.id);
        setVillages(vs);
        if (vs.some((v) => v.id === r.org.id)) setVillageId(r.org.id);
        setLinkable(links.items);
        setChildName(r.content.child?.name ?? '');
        setChildAge(r.content.child?.age !== undefined ? String(r.content.child.age) : '');
      } catch (e) {
        setError(e instanceof ApiError ? e.message : '加载失败，请重试');
      }
    })();
  }, [reportId]);

  async function submit() {
    const body: Record<string, unknown> = { category, note: note || undefined };
    if (category === 'consultation') body.consultationType = consultationType ?? undefined;
    else if (mode === 'link') body.caseId = caseId ?? undefined;
    else {
      if (villageId) body.villageId = villageId;
      body.child = { name: childName || undefined, age: childAge ? Number(childAge) : undefined, sex: report?.content.child?.sex, address: report?.content.child?.address };
    }
    if (category !== 'consultation' && mode === 'link' && !caseId) return setError('请选择要并入的个案');
    const parsed = TriageRequest.safeParse(body);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请检查填写内容');
    setBusy(true);
    setError('');
    try {
      const res = await caseApi.triage(reportId, body);
      Taro.showToast({ title: res.caseId ? '已受理并立案' : '已受理', icon: 'success' });
      if (res.caseId) await Taro.redirectTo({ url: CASE_PAGES.detail(res.caseId) });
      else await Taro.navigateBack();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageShell className='rp-page'>
      <Text className='rp-title'>分类受理</Text>
      {report ? (
        <Section title={`${report.natureLabel}详情`} extra={report.statusLabel}>
          <View className='cs-item__top'>
            <Badge tone={report.kind === 'harm' ? 'danger' : 'ok'}>{report.natureLabel}</Badge>
            <Badge tone='muted'>{report.anonymous ? '匿名' : '实名（公开）'}</Badge>
            <Badge tone='muted'>{report.methodLabel}</Badge>
          </View>
          <KV k='所在村（社区）' v={report.org.name} />
          <KV k='报告时间' v={formatDateTime(report.reportedAt)} />
          <KV k='情形' v={report.content.situationLabels.join('；')} />
          <KV k='发生地点' v={report.content.place} />
          <KV k='孩子住址' v={report.content.child?.address} />
          {!report.content.place && !report.content.child?.address ? (
            <View className='cs-alert' data-testid='triage-no-location'>
              <Text>报告中没有孩子的住址或发生地点：派发走访前请先电话核实，并在立案后补充住址。</Text>
            </View>
          ) : null}
          <KV k='经过' v={report.content.account} testid='report-account' />
          <View className='cs-link' onClick={() => Taro.navigateTo({ url: CASE_PAGES.reportDetail(report.id) })}>
            <Text>查看报告全文与留言 ›</Text>
          </View>
        </Section>
      ) : null}

      <Section title='1. 这份报告属于'>
        <Chips<Category>
          testid='triage-category'
          options={IntakeCategory.codes.map((c) => ({ value: c as Category, label: IntakeCategory.label(c) }))}
          value={category}
          onChange={setCategory}
        />
        {category === 'consultation' ? (
          <>
            <Text className='rp-field__label'>咨询类型</Text>
            <Chips
              options={ConsultationType.codes.map((c) => ({ value: c, label: ConsultationType.label(c) }))}
              value={consultationType}
              onChange={setConsultationType}
            />
            <Text className='cs-hint'>咨询类转咨询台答复，不立案。</Text>
          </>
        ) : null}
      </Section>

      {category !== 'consultation' ? (
        <Section title='2. 立案'>
          <Chips<Mode>
            options={[
              { value: 'new', label: '新立个案' },
              { value: 'link', label: '并入已有个案（同一儿童）' },
            ]}
            value={mode}
            onChange={setMode}
          />
          {mode === 'link' ? (
            linkable.length ? (
              <Chips<number>
                options={linkable.map((c) => ({ value: c.id, label: `${c.code} ${c.childName ?? ''} ${c.villageName ?? ''}（${c.statusLabel}）` }))}
                value={caseId}
                onChange={setCaseId}
              />
            ) : (
              <Text className='rp-para'>暂无未归档的个案。</Text>
            )
          ) : (
            <>
              <Text className='rp-field__label'>儿童所在村（社区）</Text>
              <Chips<number> testid='triage-village' options={villages.map((v) => ({ value: v.id, label: v.name }))} value={villageId} onChange={setVillageId} />
              <Field label='儿童姓名（可不填）' value={childName} onChange={setChildName} maxlength={40} />
              <Field label='儿童年龄（可不填）' value={childAge} onChange={setChildAge} type='number' maxlength={2} />
            </>
          )}
        </Section>
      ) : null}

      <Section title='3. 说明（选填）'>
        <Area value={note} onChange={setNote} placeholder='例如：电话核实情况、与已有个案的关系' maxlength={1000} />
      </Section>

      {error ? <Text className='rp-error' data-testid='form-error'>{error}</Text> : null}
      <Button onClick={() => void submit()} busy={busy} testid='triage-submit'>
        {category === 'consultation' ? '受理并转咨询台' : mode === 'link' ? '受理并并入个案' : '受理并立案'}
      </Button>
    </PageShell>
  );
}
