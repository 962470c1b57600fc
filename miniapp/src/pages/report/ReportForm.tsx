import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  ChildSex,
  HELP_REPORTER_IDENTITIES,
  isMandatoryReporter,
  MandatorySituation,
  MAX_REPORT_ATTACHMENTS,
  MAX_REPORT_PHOTOS,
  ReporterDisclosure,
  ReportTrigger,
  ReportCreate,
  ReporterIdentity,
  ReportMethod,
  type PublicOrgs,
  type ReportCreated,
  type ReportKind,
  beijingDateInput,
  fromBeijingInput,
} from '@wbt/shared';
import { firstErrorPath, issuesByPath, scrollToField } from '../../components/FormUi';
import { PageShell } from '../../components/PageShell';
import { ApiError } from '../../services/api';
import { wechatSignIn } from '../../services/auth';
import { IS_WEAPP } from '../../services/config';
import { getSession } from '../../services/session';
import { chooseDocument, uploadDocument } from './documents';
import { emptyValues, hasContent, loadDraft, removeDraft, saveDraft, type Draft, type FormValues } from './draft';
import { fetchPublicOrgs, isPublicSession, isStaffSession, newIdempotencyKey, submitReport, uploadPhoto } from './reportApi';
import { Area, CallBar, Check, Chips, DateTime, DocumentList, Field, PhotoStrip, PoliceDuty, ReceiptCard, Step } from './ui';

const TEXT = {
  harm: {
    title: '报告孩子受到伤害',
    intro: '发现孩子被打、被虐待、没人照顾、被拐卖等情况，请告诉我们。可以匿名，我们会保密。',
    account: '请用自己的话说一说：看到或听到了什么，大概什么时候，孩子现在怎么样',
    submit: '提交报告',
  },
  help: {
    title: '孩子受到或可能受到伤害，求助',
    intro: '孩子受到伤害或可能受到伤害，家长或孩子本人可以在这里求助。可以匿名，我们会保密。',
    account: '请说一说：孩子遇到了什么事，什么时候，现在怎么样，需要什么帮助',
    submit: '提交求助',
  },
} as const;

type Errors = Record<string, string>;

/** The form's fields top to bottom (request paths): the first one with an error is scrolled to. */
const FIELD_ORDER = [
  'orgId', 'situations', 'triggers', 'account', 'place', 'occurredAt', 'child.name', 'child.sex', 'child.age', 'child.address', 'child.phone',
  'guardian.name', 'guardian.relation', 'guardian.phone', 'perpetrator.name', 'perpetrator.relation', 'perpetrator.address', 'perpetrator.phone',
  'childState', 'situationOther', 'attachments', 'documents', 'anonymous', 'reporter.name', 'reporter.phone', 'reporter.identity', 'reporter.identityNote',
  'method', 'methodNote', 'reportedAt',
];
/** Fields inside the folded 「更多情况」 part: an error there unfolds it. */
const MORE_FIELDS = /^(place|occurredAt|child|guardian|perpetrator|childState|situationOther)/;

/** The staff-entered report time and the time of events are kept in the draft as "YYYY-MM-DD HH:mm" (Beijing). */
const reportedAtValue = (s: string) => ({ date: s.slice(0, 10), time: s.slice(11, 16) });

function toBody(kind: ReportKind, v: FormValues, draft: Draft, staff: boolean): ReportCreate {
  const picked = reportedAtValue(v.reportedAt.trim());
  const reportedAt = staff && picked.date ? fromBeijingInput(picked.date, picked.time || '00:00') : undefined;
  const when = reportedAtValue(v.occurredAt.trim());
  const occurredAt = when.date ? fromBeijingInput(when.date, when.time || '00:00') : undefined;
  return {
    kind,
    anonymous: v.anonymous,
    orgId: v.orgId ?? 0,
    situations: kind === 'harm' ? (v.situations as ReportCreate['situations']) : [],
    situationOther: kind === 'harm' ? v.situationOther : undefined,
    triggers: v.triggers as ReportCreate['triggers'],
    account: v.account,
    place: v.place,
    occurredAt: occurredAt && !Number.isNaN(occurredAt.getTime()) ? occurredAt.toISOString() : undefined,
    child: {
      name: v.child.name,
      sex: (v.child.sex || undefined) as 'male' | 'female' | 'unknown' | undefined,
      age: v.child.age.trim() === '' ? undefined : (v.child.age as unknown as number),
      address: v.child.address,
      phone: v.child.phone,
    },
    guardian: v.guardian,
    perpetrator: v.perpetrator,
    childState: kind === 'harm' ? v.childState : {},
    reporter: {
      name: v.anonymous ? undefined : v.reporter.name,
      phone: v.anonymous ? undefined : v.reporter.phone,
      identity: (v.reporter.identity || undefined) as ReporterIdentity | undefined,
      identityNote: v.reporter.identityNote,
    },
    method: staff ? (v.method as ReportCreate['method']) : undefined,
    methodNote: staff ? v.methodNote : undefined,
    reportedAt: reportedAt && !Number.isNaN(reportedAt.getTime()) ? reportedAt : undefined,
    attachments: draft.photos.map(({ fileId, ticket }) => ({ fileId, ticket })),
    documents: (draft.documents ?? []).map(({ fileId, ticket }) => ({ fileId, ticket })),
  };
}

function validate(body: ReportCreate): Errors {
  const res = ReportCreate.safeParse(body);
  return res.success ? {} : issuesByPath(res.error.issues);
}

/** The 强制报告 (附件6) / 求助 (附件5) form: only what happened and where are required. */
export function ReportForm({ kind }: { kind: ReportKind }) {
  const text = TEXT[kind];
  const staff = useMemo(isStaffSession, []);
  const [draft, setDraft] = useState<Draft>(() => loadDraft(kind));
  const [orgs, setOrgs] = useState<PublicOrgs['townships']>([]);
  const [townshipId, setTownshipId] = useState<number | null>(null);
  const [more, setMore] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [sending, setSending] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const [done, setDone] = useState<ReportCreated | null>(null);
  const restored = useRef(hasContent(draft.values));
  const v = draft.values;

  useEffect(() => {
    fetchPublicOrgs()
      .then((res) => {
        setOrgs(res.townships);
        const chosen = res.townships.find((t) => t.id === v.orgId || t.villages.some((vl) => vl.id === v.orgId));
        setTownshipId(chosen?.id ?? (res.townships.length === 1 ? res.townships[0].id : null));
      })
      .catch(() => setFailed('网络不好，村（社区）列表没有加载出来，请检查网络后下拉刷新或重新进入'));
  }, []);

  const update = (patch: (d: FormValues) => FormValues) => {
    setDraft((d) => {
      const next = { ...d, values: patch(d.values) };
      saveDraft(kind, next);
      return next;
    });
  };
  /** A corrected field loses its red mark. */
  const clearError = (path: string) =>
    setErrors((e) => {
      if (!(path in e)) return e;
      const { [path]: _gone, ...rest } = e;
      return rest;
    });
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    clearError(String(key));
    update((x) => ({ ...x, [key]: value }));
  };
  const setIn = <K extends 'child' | 'guardian' | 'perpetrator' | 'childState' | 'reporter'>(key: K, field: keyof FormValues[K], value: string) => {
    clearError(`${key}.${String(field)}`);
    update((x) => ({ ...x, [key]: { ...x[key], [field]: value } }));
  };

  const township = orgs.find((t) => t.id === townshipId) ?? null;

  async function addPhotos() {
    const left = MAX_REPORT_PHOTOS - draft.photos.length;
    let paths: string[] = [];
    try {
      paths = (await Taro.chooseImage({ count: left, sizeType: ['compressed'], sourceType: ['album', 'camera'] })).tempFilePaths.slice(0, left);
    } catch {
      return; // cancelled
    }
    setUploading(true);
    for (const path of paths) {
      try {
        const ref = await uploadPhoto(path);
        setDraft((d) => {
          const next = { ...d, photos: [...d.photos, { fileId: ref.fileId, ticket: ref.ticket, path }] };
          saveDraft(kind, next);
          return next;
        });
      } catch (e) {
        void Taro.showToast({ title: e instanceof ApiError ? e.message : '照片上传失败', icon: 'none', duration: 3000 });
      }
    }
    setUploading(false);
  }

  async function addDocument() {
    if ((draft.documents ?? []).length >= MAX_REPORT_ATTACHMENTS) return;
    try {
      // Busy only once a file is picked: a closed picker may never answer in a browser.
      const file = await chooseDocument();
      if (file) {
        setUploading(true);
        const ref = await uploadDocument(file);
        setDraft((d) => {
          const next = { ...d, documents: [...(d.documents ?? []), { fileId: ref.fileId, ticket: ref.ticket, type: ref.type, name: file.name }] };
          saveDraft(kind, next);
          return next;
        });
      }
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : '文件上传失败', icon: 'none', duration: 3000 });
    } finally {
      setUploading(false);
    }
  }

  function removeDocument(i: number) {
    setDraft((d) => {
      const next = { ...d, documents: (d.documents ?? []).filter((_, j) => j !== i) };
      saveDraft(kind, next);
      return next;
    });
  }

  function removePhoto(i: number) {
    setDraft((d) => {
      const next = { ...d, photos: d.photos.filter((_, j) => j !== i) };
      saveDraft(kind, next);
      return next;
    });
  }

  /** Marks every field with an error and brings the first one on the page into view. */
  function showErrors(errs: Errors) {
    setErrors(errs);
    const first = firstErrorPath(errs, FIELD_ORDER);
    if (!first) return;
    if (MORE_FIELDS.test(first)) setMore(true);
    // After the re-render that shows the messages (and unfolds 「更多情况」).
    setTimeout(() => scrollToField(first), 50);
  }

  async function send() {
    const body = toBody(kind, v, draft, staff);
    const errs = validate(body);
    if (Object.keys(errs).length) {
      showErrors(errs);
      return;
    }
    setErrors({});
    setSending(true);
    setFailed(null);
    try {
      // A named report from WeChat is linked to the account so it shows in 我的报告.
      if (!v.anonymous && !staff && IS_WEAPP && !getSession()) await wechatSignIn().catch(() => undefined);
      const res = await submitReport(body, draft.key);
      removeDraft(kind);
      setDone(res);
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
      if (IS_WEAPP && !v.anonymous && isPublicSession()) {
        // One subscribe message per status change, generic text only; the person may refuse.
        Taro.requestSubscribeMessage({ tmplIds: ['status-update'], entityIds: [] } as never).catch(() => undefined);
      }
    } catch (e) {
      const err = e instanceof ApiError ? e : null;
      if (!err || err.status === 0 || err.status >= 500) {
        setFailed('网络不好，还没有送出。您填写的内容已保存在手机上，请点下面的「重新发送」。');
      } else {
        const fieldErrors = issuesByPath(err.details);
        if (Object.keys(fieldErrors).length) showErrors(fieldErrors);
        else setFailed(err.message);
      }
    } finally {
      setSending(false);
    }
  }

  function startOver() {
    removeDraft(kind);
    setDraft({ key: newIdempotencyKey(), values: emptyValues(), photos: [], documents: [], updatedAt: 0 });
    setErrors({});
    setFailed(null);
    restored.current = false;
  }

  if (done) {
    return (
      <PageShell className='rp-page'>
        <View className='rp-done' data-testid='report-done'>
          <Text className='rp-done__ok'>✓</Text>
          <Text className='rp-done__title'>{kind === 'harm' ? '报告已送达' : '求助已送达'}</Text>
          <Text className='rp-done__to'>{done.township.name}未成年人保护工作站已收到，会尽快处理。</Text>
        </View>
        {done.mustAlsoReportToPolice ? <PoliceDuty /> : null}
        {done.receiptCode ? (
          <ReceiptCard code={done.receiptCode} />
        ) : (
          <View className='rp-card'>
            <Text className='rp-para'>{staff ? '已登记。' : '可以在首页「我的报告」里查看办理进度和未保站的回复。'}</Text>
          </View>
        )}
        <CallBar stationPhone={done.township.phone} stationName={done.township.name} />
        <View className='rp-actions'>
          {done.receiptCode ? (
            <View className='rp-btn' onClick={() => Taro.redirectTo({ url: '/pages/receipt/index' })}>
              <Text>查看办理进度</Text>
            </View>
          ) : null}
          <View className='rp-btn rp-btn--light' onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>
            <Text>返回首页</Text>
          </View>
        </View>
      </PageShell>
    );
  }

  const identities = kind === 'help' ? ReporterIdentity.codes.filter((c) => HELP_REPORTER_IDENTITIES.includes(c)) : ReporterIdentity.codes;

  return (
    <PageShell className='rp-page'>
      <Text className='rp-title'>{text.title}</Text>
      <Text className='rp-intro'>{text.intro}</Text>
      <CallBar stationPhone={township?.phone} stationName={township?.name} />

      {restored.current ? (
        <View className='rp-notice'>
          <Text>已为您恢复上次没有送出的内容。</Text>
          <Text className='rp-link' onClick={startOver}>清空重填</Text>
        </View>
      ) : null}

      <Step n={1} title='孩子在哪个村？' must hint='村或社区都在这里；不清楚就选最后一个' name='orgId' error={errors.orgId}>
        {orgs.length > 1 ? (
          <Chips options={orgs.map((t) => ({ value: t.id, label: t.name }))} value={townshipId} onChange={(id) => { setTownshipId(id); set('orgId', null); }} />
        ) : null}
        {township ? (
          <Chips
            testid='village-chips'
            options={[...township.villages.map((vl) => ({ value: vl.id, label: vl.name })), { value: township.id, label: '不清楚是哪个村' }]}
            value={v.orgId}
            onChange={(id) => set('orgId', id)}
          />
        ) : null}
      </Step>

      <Step n={2} title='发生了什么？' must hint={kind === 'harm' ? '下面的情况，看到哪个就点哪个（可多选，不确定可以不点）' : undefined}>
        {kind === 'harm' ? (
          <View className='rp-checks'>
            {MandatorySituation.codes.map((c) => (
              <Check
                key={c}
                on={v.situations.includes(c)}
                label={MandatorySituation.label(c)}
                onToggle={() => set('situations', v.situations.includes(c) ? v.situations.filter((s) => s !== c) : [...v.situations, c])}
              />
            ))}
          </View>
        ) : null}
        <Text className='rp-sub'>{kind === 'harm' ? '还有这些情况，也请告诉我们' : '孩子是否有下面的情况（可多选）'}</Text>
        <View className='rp-checks' data-testid='trigger-checks'>
          {ReportTrigger.codes.map((c) => (
            <Check
              key={c}
              on={v.triggers.includes(c)}
              label={ReportTrigger.label(c)}
              onToggle={() => set('triggers', v.triggers.includes(c) ? v.triggers.filter((s) => s !== c) : [...v.triggers, c])}
            />
          ))}
        </View>
        {errors.situations ? <Text className='wbt-field-error'>{errors.situations}</Text> : null}
        <Area testid='account' name='account' value={v.account} error={errors['account']} onChange={(x) => set('account', x)} placeholder={text.account} maxlength={5000} />
      </Step>

      <Step n={3} title='更多情况' hint='知道多少填多少，不知道的都可以不填'>
        {!more ? (
          <View className='rp-btn rp-btn--light' onClick={() => setMore(true)} data-testid='more'>
            <Text>我还知道更多情况（点开填写）</Text>
          </View>
        ) : (
          <View>
            <Field label='发生地点' name='place' value={v.place} error={errors['place']} onChange={(x) => set('place', x)} placeholder='如：村口小卖部旁边' />
            <DateTime
              label='发生时间'
              name='occurredAt'
              testid='occurred-at'
              value={reportedAtValue(v.occurredAt)}
              onChange={(x) => set('occurredAt', x.date ? `${x.date} ${x.time || '00:00'}` : '')}
              optional='不清楚，不填'
              hint={v.occurredAt ? undefined : '大概的日期和时间就可以；一直在发生的，选最近一次'}
              end={beijingDateInput(new Date())}
              error={errors.occurredAt}
            />
            <Text className='rp-sub'>孩子的情况</Text>
            <Field label='孩子姓名' name='child.name' value={v.child.name} error={errors['child.name']} onChange={(x) => setIn('child', 'name', x)} placeholder='不知道可以不填' maxlength={30} />
            <Text className='rp-field__label'>性别</Text>
            <Chips options={ChildSex.codes.map((c) => ({ value: c, label: ChildSex.label(c) }))} value={v.child.sex || null} onChange={(x) => setIn('child', 'sex', x)} />
            <Field label='大约几岁' name='child.age' value={v.child.age} error={errors['child.age']} onChange={(x) => setIn('child', 'age', x)} type='number' maxlength={2} placeholder='如：8' />
            <Field label='孩子住址' name='child.address' value={v.child.address} error={errors['child.address']} onChange={(x) => setIn('child', 'address', x)} />
            <Field label='孩子电话' name='child.phone' value={v.child.phone} error={errors['child.phone']} onChange={(x) => setIn('child', 'phone', x)} type='number' maxlength={13} />
            <Text className='rp-sub'>监护人（父母或照顾孩子的人）</Text>
            <Field label='监护人姓名' name='guardian.name' value={v.guardian.name} error={errors['guardian.name']} onChange={(x) => setIn('guardian', 'name', x)} maxlength={30} />
            <Field label='和孩子的关系' name='guardian.relation' value={v.guardian.relation} error={errors['guardian.relation']} onChange={(x) => setIn('guardian', 'relation', x)} placeholder='如：父亲、奶奶' maxlength={30} />
            <Field label='监护人电话' name='guardian.phone' value={v.guardian.phone} error={errors['guardian.phone']} onChange={(x) => setIn('guardian', 'phone', x)} type='number' maxlength={13} />
            <Text className='rp-sub'>疑似伤害孩子的人</Text>
            <Field label='姓名' name='perpetrator.name' value={v.perpetrator.name} error={errors['perpetrator.name']} onChange={(x) => setIn('perpetrator', 'name', x)} maxlength={30} />
            <Field label='身份或和孩子的关系' name='perpetrator.relation' value={v.perpetrator.relation} error={errors['perpetrator.relation']} onChange={(x) => setIn('perpetrator', 'relation', x)} placeholder='如：继父、邻居' maxlength={40} />
            {kind === 'help' ? (
              <>
                <Field label='住址' name='perpetrator.address' value={v.perpetrator.address} error={errors['perpetrator.address']} onChange={(x) => setIn('perpetrator', 'address', x)} />
                <Field label='电话' name='perpetrator.phone' value={v.perpetrator.phone} error={errors['perpetrator.phone']} onChange={(x) => setIn('perpetrator', 'phone', x)} type='number' maxlength={13} />
              </>
            ) : (
              <>
                <Text className='rp-sub'>孩子现在的状态</Text>
                <Field label='身体状态' name='childState.physical' value={v.childState.physical} error={errors['childState.physical']} onChange={(x) => setIn('childState', 'physical', x)} placeholder='如：脸上有伤、很瘦' />
                <Field label='精神状态' name='childState.mental' value={v.childState.mental} error={errors['childState.mental']} onChange={(x) => setIn('childState', 'mental', x)} placeholder='如：害怕、不说话' />
                <Field label='行为表现' name='childState.behaviour' value={v.childState.behaviour} error={errors['childState.behaviour']} onChange={(x) => setIn('childState', 'behaviour', x)} placeholder='如：不敢回家、逃学' />
                <Area label='孩子自己怎么说' name='childState.view' value={v.childState.view} error={errors['childState.view']} onChange={(x) => setIn('childState', 'view', x)} placeholder='孩子对这件事、对伤害他的人怎么看，还愿不愿意和他在一起' maxlength={500} />
                <Field label='其他情形（上面没有的）' name='situationOther' value={v.situationOther} error={errors['situationOther']} onChange={(x) => set('situationOther', x)} maxlength={200} />
              </>
            )}
          </View>
        )}
        <Text className='rp-sub'>照片（最多{MAX_REPORT_PHOTOS}张，照片里的位置信息会被删除）</Text>
        <PhotoStrip photos={draft.photos} onAdd={addPhotos} onRemove={removePhoto} busy={uploading} max={MAX_REPORT_PHOTOS} />
        {errors.attachments ? <Text className='wbt-field-error' id='fld-attachments'>{errors.attachments}</Text> : null}
        <Text className='rp-sub'>录音或 PDF 文件（选填，每个不超过 20MB）</Text>
        <DocumentList documents={draft.documents ?? []} onAdd={() => void addDocument()} onRemove={removeDocument} busy={uploading} max={MAX_REPORT_ATTACHMENTS} />
        {errors.documents ? <Text className='wbt-field-error' id='fld-documents'>{errors.documents}</Text> : null}
      </Step>

      <Step n={4} title={staff ? '报告人' : '实名还是匿名？'} must>
        <Chips
          testid='anonymous-choice'
          options={[
            { value: 'named', label: ReporterDisclosure.label('named') },
            { value: 'anon', label: ReporterDisclosure.label('anonymous') },
          ]}
          value={v.anonymous ? 'anon' : 'named'}
          onChange={(x) => set('anonymous', x === 'anon')}
        />
        {kind === 'harm' && isMandatoryReporter((v.reporter.identity || undefined) as ReporterIdentity | undefined) ? (
          <Text className='rp-para' data-testid='mandatory-hint'>
            {staff ? '报告人' : '您'}是强制报告责任人（老师、医务人员、儿童主任、村（居）委工作人员等）：实名报告是履行报告义务的凭证，并须同时向公安机关报案。
          </Text>
        ) : null}
        {v.anonymous ? (
          <Text className='rp-para rp-para--ok'>不会记录{staff ? '报告人' : '您'}的姓名、电话和微信身份。提交后会给{staff ? '报告人' : '您'}一个回执码，凭它查看进度、和未保站留言。</Text>
        ) : (
          <View>
            <Field label={staff ? '报告人姓名' : '您的姓名'} name='reporter.name' value={v.reporter.name} error={errors['reporter.name']} onChange={(x) => setIn('reporter', 'name', x)} maxlength={30} />
            <Field label='联系电话（选填）' name='reporter.phone' value={v.reporter.phone} error={errors['reporter.phone']} onChange={(x) => setIn('reporter', 'phone', x)} type='number' maxlength={13} />
            <Text className='rp-para'>只有本镇未保站站长和儿童督导员能看到{staff ? '报告人' : '您'}的名字，村里看不到。</Text>
          </View>
        )}
        <Text className='rp-field__label'>{staff ? '报告人身份（选填）' : '您是孩子的（选填）'}</Text>
        <Chips options={identities.map((c) => ({ value: c, label: ReporterIdentity.label(c) }))} value={v.reporter.identity || null} onChange={(x) => setIn('reporter', 'identity', v.reporter.identity === x ? '' : x)} />
        {v.reporter.identity === 'relative' || v.reporter.identity === 'other' ? (
          <Field label='请注明' name='reporter.identityNote' value={v.reporter.identityNote} error={errors['reporter.identityNote']} onChange={(x) => setIn('reporter', 'identityNote', x)} maxlength={30} />
        ) : null}
        {staff ? (
          <View>
            <Text className='rp-field__label'>报告方式</Text>
            <Chips options={ReportMethod.codes.map((c) => ({ value: c, label: ReportMethod.label(c) }))} value={v.method} onChange={(x) => set('method', x)} />
            {v.method === 'other' ? <Field label='请注明报告方式' name='methodNote' value={v.methodNote} error={errors['methodNote']} onChange={(x) => set('methodNote', x)} maxlength={30} /> : null}
            <DateTime
              label='报告时间'
              name='reportedAt'
              testid='reported-at'
              value={reportedAtValue(v.reportedAt)}
              onChange={(x) => set('reportedAt', x.date ? `${x.date} ${x.time || '00:00'}` : '')}
              optional='不填（记为现在）'
              hint={v.reportedAt ? undefined : '不选就记为现在（北京时间）'}
              end={beijingDateInput(new Date())}
              error={errors.reportedAt}
            />
          </View>
        ) : null}
      </Step>

      {Object.keys(errors).length ? (
        <Text className='wbt-field-error' data-testid='form-errors'>
          还有 {Object.keys(errors).length} 处需要填写或修改，已用红色标出。
        </Text>
      ) : null}
      {failed ? (
        <View className='rp-failed' data-testid='send-failed'>
          <Text>{failed}</Text>
        </View>
      ) : null}

      <View className={sending ? 'rp-btn rp-btn--big rp-btn--busy' : 'rp-btn rp-btn--big'} onClick={sending ? undefined : send} data-testid='submit-report'>
        <Text>{sending ? '正在送出…' : failed ? '重新发送' : text.submit}</Text>
      </View>
      <Text className='rp-foot'>提交后如孩子仍有危险，请立即拨打110。</Text>
    </PageShell>
  );
}
