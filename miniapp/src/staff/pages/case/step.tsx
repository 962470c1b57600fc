import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  CASE_STEPS,
  CaseStep,
  CaseTaskKind,
  ConferenceUnit,
  InterventionMeasure,
  Placement,
  PoliceCaller,
  ReferralAction,
  ReferralUnitType,
  RiskLevel,
  SupportService,
  VisitMethod,
  beijingDateInput,
  type CaseDetail,
} from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { ResourcePicker } from '../../resources/ResourcePicker';
import { api, ApiError } from '../../../services/api';
import { caseApi } from '../../case/api';
import { Area, Button, Check, Chips, DateTime, Field, Section } from '../../case/ui';
import type { DateTimeValue } from '../../../components/FormUi';
import { bool, nowValue, num, opts, pickedAt, text, toggle, yesNo, type Body, type FormProps, type Opt } from '../../case/formKit';
import { AuthorityReportForm, PoliceOutcomeChoice } from '../../case/policeForms';
import '../../../pages/report/report.css';

function AssessForm({ register }: FormProps) {
  const [harm, setHarm] = useState<string | null>(null);
  const [injured, setInjured] = useState<string | null>('no');
  const [serious, setSerious] = useState<string | null>(null);
  const [risk, setRisk] = useState<string | null>(null);
  const [reasons, setReasons] = useState('');
  const [interval, setInterval] = useState('');
  register(() => ({ harmSuspected: bool(harm), injured: bool(injured), serious: bool(serious), riskLevel: risk ?? undefined, reasons, followUpIntervalDays: num(interval) }));
  return (
    <>
      <Section title='是否疑似受到伤害'>
        <Chips testid='assess-harm' options={yesNo} value={harm} onChange={setHarm} />
        <Text className='rp-field__label'>是否有伤情（需伤情处理）</Text>
        <Chips options={yesNo} value={injured} onChange={setInjured} />
      </Section>
      <Section title='是否属于严重家庭暴力或不法侵害'>
        <Text className='cs-hint'>属于的，儿童督导员应在接到报告24小时内协同儿童社工完成首次家访（附件2 第5.2条）。</Text>
        <Chips testid='assess-serious' options={yesNo} value={serious} onChange={setSerious} />
      </Section>
      <Section title='风险等级'>
        <Chips testid='assess-risk' options={opts(RiskLevel)} value={risk} onChange={setRisk} />
        <Text className='cs-hint'>中危、高危进入强制干预；低危进入支持服务。</Text>
      </Section>
      <Section title='评估理由'>
        <Area testid='assess-reasons' value={reasons} onChange={setReasons} placeholder='例如：孩子身上有淤青，施害人仍同住' />
        <Field label='回访间隔（天，选填）' value={interval} onChange={setInterval} type='number' maxlength={3} placeholder='不填按高危7天、中危14天、低危30天' />
      </Section>
    </>
  );
}

function PoliceForm({ register }: FormProps) {
  const [calledAt, setCalledAt] = useState(nowValue);
  const [by, setBy] = useState<string | null>('station');
  const [station, setStation] = useState('');
  const [caseNo, setCaseNo] = useState('');
  const [note, setNote] = useState('');
  register(() => {
    return { calledAt: pickedAt(calledAt), calledBy: by ?? undefined, policeStation: station, policeCaseNumber: text(caseNo), note: text(note) };
  });
  return (
    <>
      <View className='cs-alert' onClick={() => Taro.makePhoneCall({ phoneNumber: '110' }).catch(() => undefined)}>
        <Text>孩子正处于危险中？点此立即拨打 110</Text>
      </View>
      <Section title='报警（110）情况'>
        <DateTime label='报警时间' name='calledAt' value={calledAt} onChange={setCalledAt} end={beijingDateInput(new Date())} testid='police-called-at' />
        <Text className='rp-field__label'>报警人</Text>
        <Chips options={opts(PoliceCaller)} value={by} onChange={setBy} />
        <Field label='出警派出所' value={station} onChange={setStation} placeholder='例如：铜罐驿派出所' />
        <Field label='警情/案件编号（如有）' value={caseNo} onChange={setCaseNo} maxlength={60} placeholder='没有可不填' />
        <Area label='出警情况（选填）' value={note} onChange={setNote} placeholder='例如：民警20分钟到场，已带离' />
      </Section>
    </>
  );
}

function InterveneForm({ register }: FormProps) {
  const [measures, setMeasures] = useState<string[]>([]);
  const [reportedTo, setReportedTo] = useState('');
  const [place, setPlace] = useState('');
  const [agencies, setAgencies] = useState('');
  const [details, setDetails] = useState('');
  register(() => ({ measures, reportedTo: text(reportedTo), placementPlace: text(place), agencies: text(agencies), details }));
  return (
    <Section title='强制干预措施（可多选）'>
      {InterventionMeasure.codes.map((m) => (
        <Check key={m} on={measures.includes(m)} label={InterventionMeasure.label(m)} onToggle={() => setMeasures(toggle(measures, m))} />
      ))}
      <Field label='报告的上级单位（选填）' value={reportedTo} onChange={setReportedTo} />
      <Field label='庇护/安置地点（选填）' value={place} onChange={setPlace} />
      <Field label='参与的其他部门（选填）' value={agencies} onChange={setAgencies} />
      <Area label='干预情况' value={details} onChange={setDetails} placeholder='做了什么、孩子现在在哪里' />
    </Section>
  );
}

function SupportForm({ register }: FormProps) {
  const [services, setServices] = useState<string[]>([]);
  const [provider, setProvider] = useState('');
  const [details, setDetails] = useState('');
  register(() => ({ services, provider: text(provider), details }));
  return (
    <Section title='支持服务（可多选）'>
      {SupportService.codes.map((m) => (
        <Check key={m} on={services.includes(m)} label={SupportService.label(m)} onToggle={() => setServices(toggle(services, m))} />
      ))}
      <Field label='服务提供方（选填）' value={provider} onChange={setProvider} />
      <Area label='服务情况' value={details} onChange={setDetails} placeholder='提供了哪些服务，效果如何' />
    </Section>
  );
}

function DispatchForm({ c, register }: FormProps) {
  const [kind, setKind] = useState<string | null>(c.tasks.some((t) => t.kind === 'first_visit') ? 'follow_up' : 'first_visit');
  const [due, setDue] = useState<DateTimeValue>({ date: '', time: '' });
  const [reason, setReason] = useState('');
  const [people, setPeople] = useState<Opt[]>([]);
  const [assignee, setAssignee] = useState<number | null>(null);
  const [lead, setLead] = useState<number | null>(null);
  useEffect(() => {
    api
      .get<{ directors: Opt[]; socialWorkers: Opt[]; supervisors: Opt[]; firstVisitDefault: number | null }>(`/api/cases/${c.id}/assignable`)
      .then((r) => {
        setPeople([
          ...r.supervisors.map((d) => ({ id: d.id, name: `${d.name}（儿童督导员）` })),
          ...r.socialWorkers.map((d) => ({ id: d.id, name: `${d.name}（儿童社工）` })),
          ...r.directors.map((d) => ({ id: d.id, name: `${d.name}（儿童主任）` })),
        ]);
        setLead(r.firstVisitDefault);
      })
      .catch(() => undefined);
  }, [c.id]);
  // A serious case's 24-hour first visit is the supervisor's, with the social worker (seed 002 §5.2).
  const seriousVisit = c.serious && kind === 'first_visit';
  useEffect(() => {
    if (seriousVisit && lead && assignee === null) setAssignee(lead);
  }, [seriousVisit, lead]);
  register(() => ({ kind: kind ?? undefined, reason, dueAt: pickedAt(due), assigneeUserId: assignee ?? undefined }));
  return (
    <Section title='派发任务给村（社区）'>
      {!c.child?.address ? (
        <View className='cs-alert' data-testid='dispatch-no-location'>
          <Text>个案中还没有孩子的住址：走访人员可能找不到孩子。请先在「指派」中补充住址，或在任务说明里写明地点。</Text>
        </View>
      ) : null}
      <Chips testid='dispatch-kind' options={opts(CaseTaskKind)} value={kind} onChange={setKind} />
      <Text className='rp-field__label'>
        {seriousVisit ? '执行人（严重侵害个案的首次家访由儿童督导员会同儿童社工完成，已默认选中督导员）' : `执行人（不选则派给${c.village?.name ?? '本村'}儿童主任）`}
      </Text>
      <Chips<number> testid='dispatch-assignee' options={people.map((p) => ({ value: p.id, label: p.name }))} value={assignee} onChange={(v) => setAssignee(assignee === v ? null : v)} />
      <DateTime
        label='完成时限（选填）'
        name='dueAt'
        testid='dispatch-due'
        value={due}
        onChange={setDue}
        optional='不设时限（按默认）'
        hint={c.serious && kind === 'first_visit' ? '严重侵害个案：不填即为接到报告后24小时，不能更晚' : '不填：回访按回访计划，其他为3个工作日'}
      />
      <Area testid='dispatch-reason' label='任务说明' value={reason} onChange={setReason} placeholder='例如：入户核实孩子伤情与居住情况' maxlength={500} />
    </Section>
  );
}

function ReferForm({ register }: FormProps) {
  const [unitType, setUnitType] = useState<string | null>(null);
  const [unit, setUnit] = useState('');
  const [addr, setAddr] = useState('');
  const [contact, setContact] = useState('');
  const [phone, setPhone] = useState('');
  const [reason, setReason] = useState('');
  const [plan, setPlan] = useState('');
  register(() => ({ unitType: unitType ?? undefined, unit, unitAddress: addr, contactName: contact, contactPhone: phone, reason, followUpPlan: plan }));
  return (
    <>
      <Section title='转介理由'>
        <Area testid='refer-reason' value={reason} onChange={setReason} placeholder='目击或了解到的伤害情况的具体经过与情形' />
      </Section>
      <Section title='转介信息'>
        <ResourcePicker
          onPick={(r) => {
            setUnitType(r.referralUnitType);
            setUnit(r.name);
            setAddr(r.address);
            setContact(r.contactName);
            setPhone(r.contactPhone);
          }}
        />
        <Text className='rp-field__label'>接收单位类型</Text>
        <Chips testid='refer-unit-type' options={opts(ReferralUnitType)} value={unitType} onChange={setUnitType} />
        <Field label='转介接收单位' value={unit} onChange={setUnit} maxlength={100} />
        <Field label='单位地址' value={addr} onChange={setAddr} maxlength={200} />
        <Field label='对接负责人姓名' value={contact} onChange={setContact} maxlength={40} />
        <Field label='联系方式' value={phone} onChange={setPhone} maxlength={40} placeholder='手机或座机' />
      </Section>
      <Section title='未保工作站后续跟进计划'>
        <Area testid='refer-plan' value={plan} onChange={setPlan} placeholder='例如：每周电话了解进展，一个月后回访' />
      </Section>
    </>
  );
}

function ReferralUpdateForm({ c, params, register }: FormProps) {
  const referral = c.referrals.find((r) => r.id === Number(params.referralId));
  const [action, setAction] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [reject, setReject] = useState('');
  const [outcome, setOutcome] = useState('');
  const [police, setPolice] = useState<string | null>(referral?.policeOutcome ?? null);
  const isPolice = referral?.unitType === 'police';
  const actions = ReferralAction.codes.filter((a) => (referral?.status === 'sent' ? a !== 'done' : a === 'done' || a === 'progress'));
  register(() => {
    if (isPolice && action === 'done' && !police) return '请选择公安机关的处理结果';
    return { referralId: referral?.id, action: action ?? undefined, note: text(note), rejectReason: text(reject), outcome: text(outcome), policeOutcome: isPolice ? (police ?? undefined) : undefined };
  });
  return (
    <Section title={`转介：${referral?.unit ?? ''}`} extra={referral?.statusLabel}>
      <Chips testid='referral-action' options={actions.map((a) => ({ value: a, label: ReferralAction.label(a) }))} value={action} onChange={setAction} />
      {action === 'reject' ? <Area label='拒绝原因' value={reject} onChange={setReject} placeholder='接收单位为什么不接收' /> : null}
      {isPolice && action !== 'reject' && action !== null ? <PoliceOutcomeChoice value={police} onChange={setPolice} /> : null}
      {action === 'done' ? <Area testid='referral-outcome' label='服务结果' value={outcome} onChange={setOutcome} placeholder='例如：公安机关已立案，孩子已安全' /> : null}
      <Area label={action === 'progress' ? '跟进情况' : '跟进情况（选填）'} value={note} onChange={setNote} placeholder='例如：电话联系对接人了解进展' />
    </Section>
  );
}

function FollowUpForm({ register }: FormProps) {
  const [at, setAt] = useState(nowValue);
  const [method, setMethod] = useState<string | null>('home');
  const [recovery, setRecovery] = useState('');
  const [risk, setRisk] = useState<string | null>(null);
  const [placement, setPlacement] = useState<string | null>(null);
  const [findings, setFindings] = useState('');
  const [finished, setFinished] = useState(false);
  register(() => {
    return { visitedAt: pickedAt(at), method: method ?? undefined, recovery, repeatHarmRisk: risk ?? undefined, placement: placement ?? undefined, findings, planFinished: finished };
  });
  return (
    <Section title='跟踪回访'>
      <DateTime label='回访时间' name='visitedAt' value={at} onChange={setAt} end={beijingDateInput(new Date())} testid='follow-up-at' />
      <Chips options={opts(VisitMethod)} value={method} onChange={setMethod} />
      <Area label='康复状况' value={recovery} onChange={setRecovery} placeholder='伤情、情绪的恢复情况' />
      <Text className='rp-field__label'>再受伤害的可能</Text>
      <Chips options={opts(RiskLevel)} value={risk} onChange={setRisk} />
      <Text className='rp-field__label'>安置情况</Text>
      <Chips options={opts(Placement)} value={placement} onChange={setPlacement} />
      <Area label='回访情况' value={findings} onChange={setFindings} placeholder='见到了谁，孩子现在怎么样' />
      <Check on={finished} label='回访计划结束（可以归档）' onToggle={() => setFinished(!finished)} />
    </Section>
  );
}

function ConferenceForm({ register }: FormProps) {
  const [heldAt, setHeldAt] = useState(nowValue);
  const [people, setPeople] = useState<{ name: string; unitType: string | null; unit: string }[]>([
    { name: '', unitType: 'station', unit: '' },
    { name: '', unitType: null, unit: '' },
  ]);
  const [topic, setTopic] = useState('');
  const [decisions, setDecisions] = useState('');
  const [escalate, setEscalate] = useState(false);
  const set = (i: number, patch: Partial<(typeof people)[number]>) => setPeople(people.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  register(() => {
    return {
      heldAt: pickedAt(heldAt),
      participants: people.filter((p) => p.name.trim()).map((p) => ({ name: p.name, unitType: p.unitType ?? undefined, unit: text(p.unit) })),
      topic: text(topic),
      decisions,
      escalateToCounty: escalate,
    };
  });
  return (
    <>
      <Section title='个案会商'>
        <DateTime label='会商日期' name='heldAt' value={heldAt} onChange={setHeldAt} testid='conference-at' />
        <Field label='会商议题（选填）' value={topic} onChange={setTopic} maxlength={500} />
      </Section>
      {people.map((p, i) => (
        <Section key={i} title={`参会人员 ${i + 1}`}>
          <Field label='姓名' value={p.name} onChange={(v) => set(i, { name: v })} maxlength={40} />
          <Chips options={opts(ConferenceUnit)} value={p.unitType} onChange={(v) => set(i, { unitType: v })} />
          <Field label='单位名称（选填）' value={p.unit} onChange={(v) => set(i, { unit: v })} maxlength={100} />
        </Section>
      ))}
      <View className='rp-btn rp-btn--light' onClick={() => setPeople([...people, { name: '', unitType: null, unit: '' }])}>
        <Text>＋ 添加参会人员</Text>
      </View>
      <Section title='会商决定'>
        <Area value={decisions} onChange={setDecisions} placeholder='各方分工与下一步安排' />
        <Check on={escalate} label='重点个案，提请县（区）未保办会商' onToggle={() => setEscalate(!escalate)} />
      </Section>
    </>
  );
}

function TextForm({ register, field, title, placeholder, hint, testid }: FormProps & { field: string; title: string; placeholder: string; hint?: string; testid?: string }) {
  const [value, setValue] = useState('');
  register(() => ({ [field]: value }));
  return (
    <Section title={title}>
      {hint ? <Text className='cs-hint'>{hint}</Text> : null}
      <Area testid={testid} value={value} onChange={setValue} placeholder={placeholder} />
    </Section>
  );
}

function ArchiveForm({ c, register }: FormProps) {
  const [summary, setSummary] = useState('');
  const [outcome, setOutcome] = useState('');
  const [noPolice, setNoPolice] = useState('');
  register(() => ({ summary, outcomeForReporter: text(outcome), noPoliceReportReason: text(noPolice) }));
  return (
    <>
      {c.policeReportMissing ? (
        <Section title='未向公安机关报告的原因' testid='archive-no-police'>
          <Text className='cs-hint'>本个案评估为疑似伤害，但没有向公安机关报告的记录。请先在个案中记录「报告公安/民政」或「记录报警（110）」；确实未报告的，请写明原因。</Text>
          <Area testid='archive-no-police-reason' value={noPolice} onChange={setNoPolice} placeholder='例如：报告人已自行报警，派出所已出警处理' maxlength={1000} />
        </Section>
      ) : null}
      <Section title='结案小结'>
        <Area testid='archive-summary' value={summary} onChange={setSummary} placeholder='经过、采取的措施、孩子现在的情况' />
      </Section>
      {c.reports.length ? (
        <Section title='告知报告人的处理结果'>
          <Text className='cs-hint'>未成年人保护法第十一条：应当告知报告人处理结果。报告人（含匿名报告人凭回执码）会看到这段话，请不要写入儿童或他人的姓名、住址等信息。</Text>
          <Area testid='archive-outcome' value={outcome} onChange={setOutcome} placeholder='例如：您反映的情况已核实处理，孩子已得到保护。感谢您的报告。' />
        </Section>
      ) : null}
      <View className='rp-notice'>归档后个案只读，未完成的任务将撤回；只有站长可以重新开启。</View>
    </>
  );
}

function AssignForm({ c, register }: FormProps) {
  const [data, setData] = useState<{ owners: Opt[]; socialWorkers: Opt[]; villages: Opt[] } | null>(null);
  const [owner, setOwner] = useState<number | null>(c.owner.id);
  const [worker, setWorker] = useState<number | null>(c.socialWorker?.id ?? null);
  const [village, setVillage] = useState<number | null>(c.village?.id ?? null);
  // 附件7: the child's phone and the guardian block (sealed on the case).
  const [childPhone, setChildPhone] = useState(c.child?.phone ?? '');
  const g0 = c.child?.guardian;
  const [guardian, setGuardian] = useState({ name: g0?.name ?? '', relation: g0?.relation ?? '', phone: g0?.phone ?? '', address: g0?.address ?? '' });
  const setG = (k: keyof typeof guardian) => (v: string) => setGuardian({ ...guardian, [k]: v });
  useEffect(() => {
    api.get<{ owners: Opt[]; socialWorkers: Opt[]; villages: Opt[] }>(`/api/cases/${c.id}/assignable`).then(setData).catch(() => undefined);
  }, [c.id]);
  register(() => {
    const body: Body = {};
    if (owner && owner !== c.owner.id) body.ownerUserId = owner;
    if (worker !== (c.socialWorker?.id ?? null)) body.socialWorkerUserId = worker;
    if (village && village !== c.village?.id) body.villageId = village;
    const g = { name: text(guardian.name), relation: text(guardian.relation), phone: text(guardian.phone), address: text(guardian.address) };
    const gChanged = (['name', 'relation', 'phone', 'address'] as const).some((k) => (g[k] ?? '') !== (g0?.[k] ?? ''));
    if (text(childPhone) !== c.child?.phone || gChanged) body.child = { phone: childPhone, ...(gChanged ? { guardian: g } : {}) };
    return Object.keys(body).length ? body : '没有修改任何内容';
  });
  if (!data) return <Text className='rp-para'>正在加载…</Text>;
  return (
    <>
      <Section title='负责人'>
        <Chips<number> options={data.owners.map((o) => ({ value: o.id, label: o.name }))} value={owner} onChange={setOwner} />
      </Section>
      <Section title='儿童社工'>
        <Chips<number> options={data.socialWorkers.map((o) => ({ value: o.id, label: o.name }))} value={worker} onChange={(v) => setWorker(worker === v ? null : v)} />
      </Section>
      <Section title='儿童所在村（社区）'>
        <Chips<number> options={data.villages.map((o) => ({ value: o.id, label: o.name }))} value={village} onChange={setVillage} />
      </Section>
      <Section title='儿童与监护人联系方式（附件7）' testid='assign-guardian'>
        <Field label='儿童联系方式' value={childPhone} onChange={setChildPhone} maxlength={40} />
        <Field label='监护人姓名' value={guardian.name} onChange={setG('name')} maxlength={40} />
        <Field label='与儿童关系' value={guardian.relation} onChange={setG('relation')} maxlength={20} placeholder='如：父亲、奶奶' />
        <Field label='监护人联系方式' value={guardian.phone} onChange={setG('phone')} maxlength={40} />
        <Field label='监护人住址' value={guardian.address} onChange={setG('address')} maxlength={200} />
      </Section>
    </>
  );
}

function LinkReportForm({ register }: FormProps) {
  const [id, setId] = useState('');
  const [note, setNote] = useState('');
  register(() => ({ reportId: num(id), note: text(note) }));
  return (
    <Section title='并入另一份关于同一儿童的报告'>
      <Field label='报告编号' value={id} onChange={setId} type='number' placeholder='受理台中报告的编号' />
      <Area label='说明（选填）' value={note} onChange={setNote} placeholder='为什么是同一儿童' />
    </Section>
  );
}

const FORMS: Record<string, (p: FormProps) => ReactNode> = {
  assess: (p) => <AssessForm {...p} />,
  police_call: (p) => <PoliceForm {...p} />,
  report_authority: (p) => <AuthorityReportForm {...p} />,
  intervene: (p) => <InterveneForm {...p} />,
  support: (p) => <SupportForm {...p} />,
  dispatch_task: (p) => <DispatchForm {...p} />,
  refer: (p) => <ReferForm {...p} />,
  referral_update: (p) => <ReferralUpdateForm {...p} />,
  follow_up: (p) => <FollowUpForm {...p} />,
  conference: (p) => <ConferenceForm {...p} />,
  answer_reporter: (p) => (
    <TextForm {...p} field='message' title='答复报告人' testid='answer-message' placeholder='例如：您好，您反映的情况我们已受理，正在核实处理。' hint='报告人会在回执查询或“我的报告”中看到。请不要写入儿童或他人的身份信息。' />
  ),
  note: (p) => <TextForm {...p} field='text' title='工作记录' placeholder='电话联系、走访等其他工作情况' />,
  reopen: (p) => <TextForm {...p} field='reason' title='重新开启原因' testid='reopen-reason' placeholder='例如：学校反映孩子再次出现伤痕' />,
  archive: (p) => <ArchiveForm {...p} />,
  assign: (p) => <AssignForm {...p} />,
  link_report: (p) => <LinkReportForm {...p} />,
};

/** One step of the case: the form of that step, checked with the same rules the server applies. */
export default function CaseStepPage() {
  const params = useRouter().params;
  const id = Number(params.id);
  const step = String(params.step ?? '') as keyof typeof CASE_STEPS;
  const [c, setC] = useState<CaseDetail | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // Each form hands over how to build its body on every render; submit uses the latest one.
  const build = useRef<() => Body | string>(() => ({}));
  const register = (b: () => Body | string) => {
    build.current = b;
  };

  useEffect(() => {
    caseApi
      .get(id)
      .then((d) => (d.restricted ? setError('您无权办理此个案') : setC(d)))
      .catch((e) => setError(e instanceof ApiError ? e.message : '加载失败，请重试'));
  }, [id]);

  useEffect(() => {
    if (CaseStep.codes.includes(step)) void Taro.setNavigationBarTitle({ title: CaseStep.label(step) });
  }, [step]);

  async function submit() {
    const body = build.current();
    if (typeof body === 'string') return setError(body);
    const parsed = CASE_STEPS[step].input.safeParse(body);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请检查填写内容');
    setBusy(true);
    setError('');
    try {
      await caseApi.step(id, step, body);
      Taro.showToast({ title: '已保存', icon: 'success' });
      await Taro.navigateBack();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请重试');
    } finally {
      setBusy(false);
    }
  }

  const form = FORMS[step] as ((p: FormProps) => ReactNode) | undefined;
  return (
    <PageShell className='rp-page'>
      <Text className='rp-title'>{CaseStep.codes.includes(step) ? CaseStep.label(step) : '办理'}</Text>
      {c ? <Text className='rp-para'>个案 {c.code} · {c.statusLabel}</Text> : null}
      {c && form ? form({ c, params, register }) : null}
      {error ? (
        <Text className='rp-error' data-testid='form-error'>
          {error}
        </Text>
      ) : null}
      {c && form ? (
        <Button onClick={() => void submit()} busy={busy} danger={step === 'archive'} testid='step-submit'>
          {step === 'archive' ? '确认归档' : '保存'}
        </Button>
      ) : null}
    </PageShell>
  );
}
