import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import {
  ChildBenefit,
  ChildCategory,
  ChildCreate,
  ChildFileSex,
  ChildGuardianRelation,
  ChildSchooling,
  GuardianshipState,
  ParentsAway,
  RiskTier,
  type ChildDetail,
  type DuplicateMatch, beijingDateInput, childFileIssues, chinaDate } from '@wbt/shared';
import { carersFromDetail, carersToBody, EMPTY_CARERS, NationalFields, ParentsAndCarers, type CarerForm } from './carers';
import { PageShell } from '../../../components/PageShell';
import { Area, Check, Chips, DateTime, Field, Step } from '../../../pages/report/ui';
import '../../../pages/report/report.css';
import { api, ApiError } from '../../../services/api';
import { getSession } from '../../../services/session';
import { childrenApi, PAGES, tasksApi } from '../../work/api';
import { Btn, ErrorLine } from '../../work/ui';
import '../../work/work.css';

type Guardian = { name: string; relation: string; phone: string; entrusted: boolean; idNumber: string };
interface FormState extends CarerForm {
  orgId: number | null;
  name: string;
  sex: string;
  dob: string;
  idNumber: string;
  householdReg: string;
  address: string;
  phone: string;
  categories: string[];
  guardians: Guardian[];
  parentsAway: string;
  parentsAwayWhere: string;
  guardianshipState: string;
  entrustmentSigned: boolean;
  schooling: string;
  schoolName: string;
  grade: string;
  health: string;
  disability: string;
  disabilityCertNo: string;
  homeSchooling: boolean;
  benefits: string[];
  servicesNote: string;
  riskTier: string;
  riskReason: string;
}

const EMPTY: FormState = {
  orgId: null, name: '', sex: '', dob: '', idNumber: '', householdReg: '', address: '', phone: '', categories: [],
  ...EMPTY_CARERS,
  guardians: [{ name: '', relation: '', phone: '', entrusted: false, idNumber: '' }], parentsAway: '', parentsAwayWhere: '', guardianshipState: '',
  entrustmentSigned: false, schooling: '', schoolName: '', grade: '', health: '', disability: '', disabilityCertNo: '', homeSchooling: false, benefits: [], servicesNote: '', riskTier: '', riskReason: '',
};

const opts = (t: { codes: readonly string[]; label: (c: never) => string }) => t.codes.map((c) => ({ value: c, label: t.label(c as never) }));
const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

function fromDetail(c: ChildDetail): FormState {
  return {
    orgId: c.orgId, name: c.name, sex: c.sex, dob: c.dob, idNumber: c.idNumber ?? '', householdReg: c.householdReg ?? '', address: c.address,
    phone: c.phone ?? '', categories: c.categories, guardians: c.guardians.map((g) => ({ ...g, phone: g.phone ?? '', idNumber: g.idNumber ?? '' })), parentsAway: c.parentsAway,
    parentsAwayWhere: c.parentsAwayWhere ?? '', guardianshipState: c.guardianshipState, entrustmentSigned: c.entrustmentSigned, schooling: c.schooling,
    schoolName: c.schoolName ?? '', grade: c.grade ?? '', health: c.health ?? '', disability: c.disability ?? '', disabilityCertNo: c.disabilityCertNo ?? '', homeSchooling: c.homeSchooling, benefits: c.benefits,
    servicesNote: c.servicesNote ?? '', riskTier: c.riskTier, riskReason: c.riskReason,
    ...carersFromDetail(c),
  };
}

/** The request body: blank optional fields become null, blank guardian rows are dropped. */
function toBody(f: FormState) {
  const { orgId, ethnicity: _e, hukouType: _h, fatherStatus: _fs, motherStatus: _ms, carerName: _cn, carerRelation: _cr, carerPhone: _cp, entrusted: _en,
    entName: _n, entRelation: _r, entPhone: _p, entIdNumber: _i, entChecked: _c, entCheckNote: _cn2, entSchoolNotified: _s, entVillageNotified: _v, entWeeklyContact: _w, ...rest } = f;
  return {
    ...rest,
    ...carersToBody(f),
    disabilityCertNo: f.disabilityCertNo.trim() || null,
    ...(orgId ? { orgId } : {}),
    idNumber: f.idNumber.trim() || null,
    householdReg: f.householdReg.trim() || null,
    phone: f.phone.trim() || null,
    guardians: f.guardians.filter((g) => g.name.trim() || g.phone.trim()).map((g) => ({ ...g, phone: g.phone.trim() || null, idNumber: g.idNumber.trim() || null })),
  };
}

/** Create or change a child's file; possible duplicates are shown before anything is saved. */
export default function EditChildPage() {
  const params = useRouter().params;
  const editId = params.id ? Number(params.id) : null;
  const forTask = params.taskId ? Number(params.taskId) : null;
  const role = getSession()?.user.role;
  const [f, setF] = useState<FormState>(EMPTY);
  const [original, setOriginal] = useState<FormState | null>(null);
  const [villages, setVillages] = useState<{ id: number; name: string }[]>([]);
  const [dupes, setDupes] = useState<DuplicateMatch[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setF((old) => ({ ...old, [k]: v }));
  const setCarer = <K extends keyof CarerForm>(k: K, v: CarerForm[K]) => setF((old) => ({ ...old, [k]: v }));

  useEffect(() => {
    if (editId) {
      childrenApi
        .get(editId)
        .then((c) => {
          const s = fromDetail(c);
          setF(s);
          setOriginal(s);
        })
        .catch((e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'));
    } else if (role !== 'director') {
      api
        .get<{ items: { id: number; name: string; level: string }[] }>('/api/orgs')
        .then((r) => setVillages(r.items.filter((o) => o.level === 'village')))
        .catch(() => undefined);
    }
  }, [editId, role]);

  async function save(confirmNotDuplicate = false) {
    const body = toBody(f);
    const check = ChildCreate.safeParse(body);
    if (!check.success) {
      const msg = check.error.issues[0]?.message ?? '请检查填写的内容';
      setError(msg);
      void Taro.showToast({ title: msg, icon: 'none', duration: 2500 });
      return;
    }
    // The same consistency rules the server enforces, shown before sending.
    const issues = childFileIssues(check.data, chinaDate(new Date()));
    if (issues.length) {
      setError(issues[0].message);
      void Taro.showToast({ title: '档案前后矛盾，请看页面下方说明', icon: 'none', duration: 2500 });
      return;
    }
    setBusy(true);
    setError('');
    try {
      const identityChanged = !original || original.name !== f.name || original.dob !== f.dob || original.idNumber !== f.idNumber;
      if (identityChanged && !confirmNotDuplicate) {
        const found = await childrenApi.duplicates({ orgId: f.orgId ?? undefined, name: f.name, dob: f.dob, idNumber: body.idNumber, excludeId: editId ?? undefined });
        if (found.items.length) {
          setDupes(found.items);
          return;
        }
      }
      let id: number;
      if (editId && original) {
        const before = toBody(original) as Record<string, unknown>;
        const patch: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(body)) if (JSON.stringify(v) !== JSON.stringify(before[k])) patch[k] = v;
        if (confirmNotDuplicate) patch.confirmNotDuplicate = true;
        id = (await childrenApi.update(editId, patch)).id;
      } else {
        id = (await childrenApi.create({ ...(check.data as object), confirmNotDuplicate } as never)).id;
      }
      void Taro.showToast({ title: '已保存', icon: 'success' });
      if (forTask) {
        await tasksApi.linkChild(forTask, id);
        await Taro.redirectTo({ url: PAGES.newVisit(id, forTask) });
      } else {
        await Taro.redirectTo({ url: PAGES.child(id) });
      }
    } catch (e) {
      const msg = e instanceof ApiError ? e.message : '保存失败，请重试';
      setError(msg);
    } finally {
      setBusy(false);
    }
  }

  const idDupe = dupes.find((d) => d.reason === 'id_number');
  return (
    <PageShell className='wk-page rp-page'>
      <Text className='wk-h1'>{editId ? '修改儿童档案' : '新建儿童档案'}</Text>
      {role === 'director' ? <Text className='wk-sub'>保存后由乡镇儿童督导员在5个工作日内核对确认。</Text> : null}

      {!editId && role !== 'director' ? (
        <Step n={0} title='所在村（社区）' must>
          <Chips options={villages.map((v) => ({ value: v.id, label: v.name }))} value={f.orgId} onChange={(v) => set('orgId', v)} />
        </Step>
      ) : null}

      <Step n={1} title='基本信息' must>
        <Field label='姓名' value={f.name} onChange={(v) => set('name', v)} maxlength={30} />
        <Text className='rp-field__label'>性别</Text>
        <Chips options={opts(ChildFileSex)} value={f.sex || null} onChange={(v) => set('sex', v)} />
        <DateTime label='出生日期' name='dob' dateOnly value={{ date: f.dob, time: '' }} onChange={(v) => set('dob', v.date)} initialDate='2015-01-01' end={beijingDateInput(new Date())} testid='child-dob' />
        <Field label='身份证号（没有可不填）' value={f.idNumber} onChange={(v) => set('idNumber', v.toUpperCase())} maxlength={18} placeholder='18位，最后一位可能是X' />
        <Field label='户籍地（无户籍可不填）' value={f.householdReg} onChange={(v) => set('householdReg', v)} maxlength={100} />
        <NationalFields f={f} set={setCarer} />
        <Field label='现住址' value={f.address} onChange={(v) => set('address', v)} maxlength={200} placeholder='如：双骑龙村3组17号' />
        <Field label='联系电话（选填）' value={f.phone} onChange={(v) => set('phone', v)} maxlength={20} />
      </Step>

      <Step n={2} title='儿童类别' must hint='可以选多项'>
        <Chips options={opts(ChildCategory)} value={f.categories} onChange={(v) => set('categories', toggle(f.categories, v))} />
      </Step>

      <Step n={3} title='监护情况' must>
        <Text className='rp-field__label'>监护状况</Text>
        <Chips options={opts(GuardianshipState)} value={f.guardianshipState || null} onChange={(v) => set('guardianshipState', v)} />
        <Text className='rp-field__label'>父母外出情况</Text>
        <Chips options={opts(ParentsAway)} value={f.parentsAway || null} onChange={(v) => set('parentsAway', v)} />
        {f.parentsAway === 'father' || f.parentsAway === 'mother' || f.parentsAway === 'both' ? (
          <Field label='外出地点' value={f.parentsAwayWhere} onChange={(v) => set('parentsAwayWhere', v)} maxlength={100} placeholder='如：广东东莞' />
        ) : null}
        <ParentsAndCarers f={f} set={setCarer} />
        <Check on={f.entrustmentSigned} label='已签订委托照护确认书' onToggle={() => set('entrustmentSigned', !f.entrustmentSigned)} />
        {f.guardians.map((g, i) => (
          <View key={i} className='wk-card'>
            <Text className='wk-card__title'>监护人{i + 1}</Text>
            <Field label='姓名' value={g.name} onChange={(v) => set('guardians', f.guardians.map((x, j) => (j === i ? { ...x, name: v } : x)))} maxlength={30} placeholder='监护人姓名' />
            <Chips options={opts(ChildGuardianRelation)} value={g.relation || null} onChange={(v) => set('guardians', f.guardians.map((x, j) => (j === i ? { ...x, relation: v } : x)))} />
            <Field label='电话' value={g.phone} onChange={(v) => set('guardians', f.guardians.map((x, j) => (j === i ? { ...x, phone: v } : x)))} maxlength={20} />
            <Field label='身份证号（选填）' value={g.idNumber} onChange={(v) => set('guardians', f.guardians.map((x, j) => (j === i ? { ...x, idNumber: v.toUpperCase() } : x)))} maxlength={18} />
            <Check on={g.entrusted} label='委托监护人（受父母委托照护）' onToggle={() => set('guardians', f.guardians.map((x, j) => (j === i ? { ...x, entrusted: !x.entrusted } : x)))} />
            <Text className='wk-link' onClick={() => set('guardians', f.guardians.filter((_, j) => j !== i))}>删除这位监护人</Text>
          </View>
        ))}
        {f.guardians.length < 6 ? <Text className='wk-link' onClick={() => set('guardians', [...f.guardians, { name: '', relation: '', phone: '', entrusted: false, idNumber: '' }])}>＋ 添加监护人</Text> : null}
      </Step>

      <Step n={4} title='就学和健康' must>
        <Chips options={opts(ChildSchooling)} value={f.schooling || null} onChange={(v) => set('schooling', v)} />
        <Field label='学校（选填）' value={f.schoolName} onChange={(v) => set('schoolName', v)} maxlength={60} />
        <Field label='年级（选填）' value={f.grade} onChange={(v) => set('grade', v)} maxlength={20} />
        <Field label='健康状况（选填）' value={f.health} onChange={(v) => set('health', v)} maxlength={300} />
        <Field label='残疾类别和等级（选填）' value={f.disability} onChange={(v) => set('disability', v)} maxlength={100} />
        <Field label='残疾人证号（选填，20位）' value={f.disabilityCertNo} onChange={(v) => set('disabilityCertNo', v.toUpperCase())} maxlength={20} />
        <Check on={f.homeSchooling} label='送教上门（不能到校，由学校上门授课）' onToggle={() => set('homeSchooling', !f.homeSchooling)} />
      </Step>

      <Step n={5} title='保障待遇和服务'>
        <Chips options={opts(ChildBenefit)} value={f.benefits} onChange={(v) => set('benefits', toggle(f.benefits, v))} />
        <Area value={f.servicesNote} onChange={(v) => set('servicesNote', v)} placeholder='已接受的服务（选填）' maxlength={1000} />
      </Step>

      <Step n={6} title='风险等级' must hint='高：每7天走访；中：每14天；低：每30天。留守、困境儿童至少每月一次。'>
        <Chips options={opts(RiskTier).map((o) => ({ ...o, label: `${o.label}风险` }))} value={f.riskTier || null} onChange={(v) => set('riskTier', v)} />
        <Area value={f.riskReason} onChange={(v) => set('riskReason', v)} placeholder='为什么是这个等级（必填）' maxlength={300} />
      </Step>

      {dupes.length ? (
        <View className='wk-banner wk-banner--danger' data-testid='duplicates'>
          <Text className='wk-banner__big'>可能重复建档</Text>
          {dupes.map((d, i) => (
            <View key={i} onClick={() => d.childId && void Taro.navigateTo({ url: PAGES.child(d.childId) })}>
              <Text>{d.message}{d.childId ? '（点此查看）' : ''}</Text>
            </View>
          ))}
          {!idDupe ? <Btn label='确认不是同一人，继续保存' kind='light' onClick={() => void save(true)} busy={busy} testid='not-duplicate' /> : null}
        </View>
      ) : null}

      <ErrorLine text={error} />
      <View className='wk-submit'>
        <Btn label='保存档案' onClick={() => void save()} busy={busy} testid='save-child' />
      </View>
    </PageShell>
  );
}
