import Taro, { useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import {
  GuardianshipCheck,
  HealthCheck,
  LivingCheck,
  MAX_VISIT_PHOTOS,
  SchoolingCheck,
  VisitCreate,
  VisitMet,
  type TaskView, beijingDateInput, beijingTimeInput, fromBeijingInput } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { uploadPhoto } from '../../../pages/report/reportApi';
import { Area, CallBar, Check, Chips, DateTime, Field, Step } from '../../../pages/report/ui';
import '../../../pages/report/report.css';
import { ApiError } from '../../../services/api';
import { childrenApi, PAGES, tasksApi } from '../../work/api';
import { installOutbox, newVisitKey, submitVisit, type OutboxPhoto } from '../../work/outbox';
import { Btn, ErrorLine, TierBadge } from '../../work/ui';
import '../../work/work.css';

type Aspect = { rating: string; note: string };
const opts = (table: { codes: readonly string[]; label: (c: never) => string }) => table.codes.map((c) => ({ value: c, label: table.label(c as never) }));

/** The first option of each aspect is the good one; a note is asked for when it is not. */
function AspectStep({ n, title, options, value, onChange, testid }: { n: number; title: string; options: { value: string; label: string }[]; value: Aspect; onChange: (v: Aspect) => void; testid: string }) {
  return (
    <Step n={n} title={title} must>
      <Chips options={options} value={value.rating || null} onChange={(rating) => onChange({ ...value, rating })} testid={testid} />
      {value.rating && value.rating !== options[0].value ? (
        <Area value={value.note} onChange={(note) => onChange({ ...value, note })} placeholder={`请简单说明${title}（选填）`} maxlength={500} />
      ) : null}
    </Step>
  );
}

/** A home-visit record: a few large choices, photos, and a red box for signs of harm. */
export default function NewVisitPage() {
  const params = useRouter().params;
  const childId = Number(params.childId);
  const taskId = params.taskId ? Number(params.taskId) : null;
  const [key] = useState(newVisitKey);
  const [who, setWho] = useState<{ name: string; address: string; tier: 'high' | 'medium' | 'low'; task?: TaskView } | null>(null);
  const [when, setWhen] = useState(() => ({ date: beijingDateInput(new Date()), time: beijingTimeInput(new Date()) }));
  const [metWith, setMetWith] = useState<string[]>([]);
  const [metNote, setMetNote] = useState('');
  const [living, setLiving] = useState<Aspect>({ rating: '', note: '' });
  const [guardianship, setGuardianship] = useState<Aspect>({ rating: '', note: '' });
  const [schooling, setSchooling] = useState<Aspect>({ rating: '', note: '' });
  const [health, setHealth] = useState<Aspect>({ rating: '', note: '' });
  const [findings, setFindings] = useState('');
  const [nextSteps, setNextSteps] = useState('');
  const [harmSigns, setHarmSigns] = useState(false);
  const [photos, setPhotos] = useState<OutboxPhoto[]>([]);
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    installOutbox();
    const load = taskId
      ? tasksApi.get(taskId).then((t) => t.child && setWho({ name: t.child.name, address: t.child.address, tier: t.child.riskTier, task: t }))
      : childrenApi.get(childId).then((c) => setWho({ name: c.name, address: c.address, tier: c.riskTier }));
    // Offline: the form still works; the record waits on the phone.
    load.catch(() => undefined);
  }, [childId, taskId]);

  async function addPhotos() {
    const left = MAX_VISIT_PHOTOS - photos.length;
    let paths: string[];
    try {
      paths = (await Taro.chooseImage({ count: left, sizeType: ['compressed'], sourceType: ['camera', 'album'] })).tempFilePaths.slice(0, left);
    } catch {
      return; // the person closed the picker
    }
    setUploading(true);
    const added: OutboxPhoto[] = [];
    for (const path of paths) {
      try {
        const up = await uploadPhoto(path);
        added.push({ path, fileId: up.fileId, ticket: up.ticket });
      } catch (e) {
        if (e instanceof ApiError && e.status > 0) {
          void Taro.showToast({ title: e.message, icon: 'none', duration: 3000 });
        } else {
          added.push({ path }); // no network: uploaded with the record later
        }
      }
    }
    setPhotos((old) => [...old, ...added]);
    setUploading(false);
  }

  async function submit() {
    const body = {
      childId,
      taskId,
      visitedAt: fromBeijingInput(when.date, when.time).toISOString(),
      metWith,
      metNote,
      living,
      guardianship,
      schooling,
      health,
      findings,
      nextSteps,
      harmSigns,
    };
    const check = VisitCreate.safeParse({ ...body, photos: [] });
    if (!check.success) {
      const msg = check.error.issues[0]?.message ?? '请检查填写的内容';
      setError(msg);
      void Taro.showToast({ title: msg, icon: 'none', duration: 2500 });
      return;
    }
    if (fromBeijingInput(when.date, when.time).getTime() > Date.now() + 10 * 60_000) {
      setError('走访时间不能晚于现在');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const { photos: _none, ...parsed } = check.data;
      const res = await submitVisit({ key, body: parsed, photos, childName: who?.name ?? `档案${childId}`, savedAt: Date.now() });
      if (res.status === 'sent') {
        await Taro.redirectTo({ url: PAGES.visit(res.visit.id, true) });
      } else {
        await Taro.showModal({
          title: '已保存在手机上',
          content: '现在没有网络。走访记录已经保存在手机上，联网后会自动发送，只会发送一次。',
          showCancel: false,
          confirmText: '知道了',
        });
        await Taro.navigateBack().catch(() => Taro.redirectTo({ url: PAGES.tasks }));
      }
    } catch (e) {
      const msg = e instanceof ApiError ? e.message : '提交失败，请重试';
      setError(msg);
      void Taro.showToast({ title: msg, icon: 'none', duration: 3000 });
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageShell className='wk-page rp-page'>
      <Text className='wk-h1'>填写走访记录</Text>
      {who ? (
        <View className='wk-card' data-testid='visit-child'>
          <View className='wk-task__who'>
            <Text className='wk-task__name'>{who.name}</Text>
            <TierBadge tier={who.tier} />
          </View>
          <Text className='wk-task__addr'>地址：{who.address}</Text>
          {who.task ? <Text className='wk-task__why'>{who.task.kindLabel}：{who.task.reason}</Text> : null}
        </View>
      ) : null}

      <Step n={1} title='走访时间' must>
        <DateTime label='哪天几点去的' name='visitedAt' value={when} onChange={setWhen} end={beijingDateInput(new Date())} testid='visited-at' />
      </Step>

      <Step n={2} title='见到了谁' must hint='可以选多项'>
        <Chips
          options={opts(VisitMet)}
          value={metWith}
          onChange={(v) => setMetWith((old) => (old.includes(v) ? old.filter((x) => x !== v) : [...old, v]))}
          testid='met-with'
        />
        {metWith.includes('other') || metWith.includes('relative') ? <Field label='其他人是谁' value={metNote} onChange={setMetNote} placeholder='如：姑姑、邻居' maxlength={200} /> : null}
      </Step>

      <View className='wk-btns'>
        <Btn
          label='✓ 生活、监护、就学、健康都正常'
          kind='light'
          testid='all-normal'
          onClick={() => {
            setLiving((a) => ({ ...a, rating: LivingCheck.codes[0] }));
            setGuardianship((a) => ({ ...a, rating: GuardianshipCheck.codes[0] }));
            setSchooling((a) => ({ ...a, rating: SchoolingCheck.codes[0] }));
            setHealth((a) => ({ ...a, rating: HealthCheck.codes[0] }));
          }}
        />
        <Text className='wk-sub'>都正常就点上面一下；有情况的在下面逐项选择。</Text>
      </View>

      <AspectStep n={3} title='生活状况' options={opts(LivingCheck)} value={living} onChange={setLiving} testid='living' />
      <AspectStep n={4} title='监护情况' options={opts(GuardianshipCheck)} value={guardianship} onChange={setGuardianship} testid='guardianship' />
      <AspectStep n={5} title='就学情况' options={opts(SchoolingCheck)} value={schooling} onChange={setSchooling} testid='schooling' />
      <AspectStep n={6} title='健康状况' options={opts(HealthCheck)} value={health} onChange={setHealth} testid='health' />

      <Step n={7} title='照片' hint={`最多${MAX_VISIT_PHOTOS}张；上传时会去掉拍摄地点等信息`}>
        <View className='rp-photos'>
          {photos.map((p, i) => (
            <View key={`${p.path}-${i}`} className='rp-photo'>
              <Image className='rp-photo__img' src={p.path} mode='aspectFill' />
              <Text className='rp-photo__del' onClick={() => setPhotos((old) => old.filter((_, j) => j !== i))}>删除</Text>
            </View>
          ))}
          {photos.length < MAX_VISIT_PHOTOS ? (
            <View className='rp-photo rp-photo--add' onClick={uploading ? undefined : () => void addPhotos()} data-testid='add-photo'>
              <Text className='rp-photo__plus'>{uploading ? '上传中…' : '＋'}</Text>
              {!uploading ? <Text className='rp-photo__hint'>拍照/相册</Text> : null}
            </View>
          ) : null}
        </View>
      </Step>

      <Step n={8} title='发现的问题和下一步'>
        <Area value={findings} onChange={setFindings} placeholder='发现了什么问题（选填）' maxlength={2000} testid='findings' />
        <Area value={nextSteps} onChange={setNextSteps} placeholder='下一步打算怎么做（选填）' maxlength={1000} />
      </Step>

      <View className={harmSigns ? 'wk-harm wk-harm--on' : 'wk-harm'}>
        <Text className='wk-harm__title'>是否发现侵害迹象？</Text>
        <Text className='wk-harm__hint'>如不明伤痕、孩子说被打或被欺负、长期无人照看等。勾选后，提交时可一键向未保站强制报告。</Text>
        <Check on={harmSigns} label='发现侵害迹象' onToggle={() => setHarmSigns((v) => !v)} />
        {harmSigns ? <CallBar /> : null}
      </View>

      <ErrorLine text={error} />
      <View className='wk-submit'>
        <Btn label='提交走访记录' onClick={() => void submit()} busy={busy || uploading} testid='submit-visit' />
      </View>
    </PageShell>
  );
}
