import { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { formatDeadline, ROLE_ORG_LEVEL, type StaffView } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { Field } from '../../../pages/report/ui';
import '../../../pages/report/report.css';
import { adminApi, type Handover, type OrgNode } from '../../admin/api';
import { ChoiceRow, confirmThen, messageOf, Notice, PasswordField } from '../../admin/ui';
import { Btn, ErrorLine, InfoRow } from '../../work/ui';
import '../../work/work.css';

type Panel = 'none' | 'edit' | 'reset' | 'handover' | 'training';

/** One staff account: details, edit, password reset, disable or move with handover, training records. */
export default function PersonPage() {
  const id = Number(useRouter().params.id);
  const [p, setP] = useState<StaffView | null>(null);
  const [panel, setPanel] = useState<Panel>('none');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [edit, setEdit] = useState({ name: '', phone: '', appointedOn: '' });
  const [pw, setPw] = useState('');
  const [ho, setHo] = useState<Handover | null>(null);
  const [successor, setSuccessor] = useState<number | null>(null);
  const [moveTo, setMoveTo] = useState<number | null>(null);
  const [orgs, setOrgs] = useState<OrgNode[]>([]);
  const [trainings, setTrainings] = useState<{ id: number; trainedOn: string; title: string; hours: number | null }[]>([]);
  const [tr, setTr] = useState({ trainedOn: '', title: '', hours: '' });

  const load = async () => {
    try {
      const found = await adminApi.person(id);
      setP(found);
      setEdit({ name: found.name, phone: found.phone ?? '', appointedOn: found.appointedOn ?? '' });
    } catch (e) {
      setError(messageOf(e));
    }
  };
  useDidShow(() => void load());

  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    setError('');
    setNotice('');
    try {
      setNotice(await fn());
      setPanel('none');
      await load();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const open = async (next: Panel) => {
    setPanel(next);
    setError('');
    if (next === 'handover') {
      try {
        setHo(await adminApi.handover(id));
        setOrgs((await adminApi.orgs()).items);
      } catch (e) {
        setError(messageOf(e));
      }
    }
    if (next === 'training') setTrainings((await adminApi.trainings(id).catch(() => ({ items: [] }))).items);
  };

  if (!p) return <PageShell className='wk-page'><ErrorLine text={error} /></PageShell>;
  const workCount = ho ? ho.tasks.length + ho.cases.length + ho.clocks.length : 0;
  const sameLevel = orgs.filter((o) => o.level === ROLE_ORG_LEVEL[p.role as keyof typeof ROLE_ORG_LEVEL] && o.id !== p.orgId);
  return (
    <PageShell className='wk-page'>
      <Text className='wk-h1'>{p.name}</Text>
      <View className='wk-card' data-testid='person-card'>
        <InfoRow label='角色' value={p.roleLabel} />
        <InfoRow label='单位' value={p.orgName} />
        <InfoRow label='用户名' value={p.username} testid='person-username' />
        <InfoRow label='手机号' value={p.phone} />
        {p.role === 'director' ? <InfoRow label='任职日期' value={p.appointedOn} /> : null}
        <InfoRow label='状态' value={p.active ? (p.mustChangePassword ? '在用（待修改初始密码）' : '在用') : '已停用'} testid='person-state' />
      </View>
      <Notice text={notice} />
      <ErrorLine text={error} />
      <View className='ad-actions'>
        <View className='ad-link' onClick={() => void open('edit')}><Text>修改资料</Text></View>
        <View className='ad-link' onClick={() => void open('reset')} data-testid='open-reset'><Text>重置密码</Text></View>
        {p.role === 'director' ? <View className='ad-link' onClick={() => void open('training')} data-testid='open-training'><Text>培训记录</Text></View> : null}
        {p.active ? (
          <View className='ad-link ad-link--danger' onClick={() => void open('handover')} data-testid='open-handover'><Text>停用或调动</Text></View>
        ) : (
          <View className='ad-link' onClick={() => void run(async () => (await adminApi.enable(id), '账号已重新启用'))}><Text>重新启用</Text></View>
        )}
      </View>

      {panel === 'edit' ? (
        <View className='wk-card'>
          <Field label='姓名' value={edit.name} onChange={(v) => setEdit({ ...edit, name: v })} maxlength={60} />
          <Field label='手机号' value={edit.phone} onChange={(v) => setEdit({ ...edit, phone: v })} maxlength={20} type='number' />
          {p.role === 'director' ? <Field label='任职日期' value={edit.appointedOn} onChange={(v) => setEdit({ ...edit, appointedOn: v })} maxlength={10} placeholder='如 2026-09-01' /> : null}
          <Btn label='保存' busy={busy} onClick={() => void run(async () => (await adminApi.updateStaff(id, { name: edit.name, phone: edit.phone || null, ...(p.role === 'director' ? { appointedOn: edit.appointedOn || null } : {}) }), '资料已保存'))} />
        </View>
      ) : null}

      {panel === 'reset' ? (
        <View className='wk-card'>
          <PasswordField label='临时密码' value={pw} onChange={setPw} hint='至少 10 个字符。重置后对方的所有登录立即失效，下次登录须改成自己的密码。' testid='reset-password' />
          <Btn label='重置密码' kind='danger' busy={busy} onClick={() => void run(async () => (await adminApi.resetPassword(id, pw), setPw(''), '密码已重置，对方已被强制下线'))} testid='reset-submit' />
        </View>
      ) : null}

      {panel === 'handover' && ho ? (
        <View className='wk-card' data-testid='handover-card'>
          <Text className='wk-card__title'>未完成的工作（{workCount} 项）</Text>
          {ho.tasks.map((t) => <Text key={`t${t.id}`} className='ad-item__sub'>任务：{t.title}，截止 {formatDeadline(t.dueAt)}</Text>)}
          {ho.cases.map((c) => <Text key={`c${c.id}`} className='ad-item__sub'>个案：{c.code}（{c.as === 'social_worker' ? '社工' : '负责人'}）</Text>)}
          {ho.clocks.map((c) => <Text key={`k${c.id}`} className='ad-item__sub'>时限：{c.kindLabel}，{c.breached ? '已超时' : `到期 ${formatDeadline(c.dueAt)}`}</Text>)}
          {workCount > 0 ? (
            <>
              <Text className='wk-card__title'>交给谁接替</Text>
              <ChoiceRow options={ho.successors.map((s) => ({ value: s.id, label: `${s.name}（${s.roleLabel}）` }))} value={successor} onChange={setSuccessor} testid='successor' />
            </>
          ) : <Notice text='没有未完成的工作，可以直接停用或调动。' />}
          <Btn label='停用账号（立即下线）' kind='danger' busy={busy} testid='disable-submit'
            onClick={() => void confirmThen(`停用${p.name}的账号？`, '对方所有登录立即失效；未完成的工作交给所选接替人。', () => run(async () => { const r = await adminApi.disable(id, successor ?? undefined); return `已停用；移交任务 ${r.moved.tasks} 项、个案 ${r.moved.cases} 件、时限 ${r.moved.clocks} 个`; }))} />
          <Text className='wk-card__title'>或调动到</Text>
          <ChoiceRow options={sameLevel.map((o) => ({ value: o.id, label: o.name }))} value={moveTo} onChange={setMoveTo} testid='move-to' />
          <Btn label='调动' kind='light' busy={busy}
            onClick={() => void run(async () => { if (!moveTo) throw new Error('请选择调往的单位'); const r = await adminApi.move(id, moveTo, successor ?? undefined); return `已调动；移交任务 ${r.moved.tasks} 项、个案 ${r.moved.cases} 件、时限 ${r.moved.clocks} 个`; })} />
        </View>
      ) : null}

      {panel === 'training' ? (
        <View className='wk-card'>
          {trainings.length === 0 ? <Text className='ad-item__sub'>还没有培训记录</Text> : null}
          {trainings.map((t) => <Text key={t.id} className='ad-item__sub'>{t.trainedOn} {t.title}{t.hours ? `（${t.hours} 学时）` : ''}</Text>)}
          <Field label='培训日期' value={tr.trainedOn} onChange={(v) => setTr({ ...tr, trainedOn: v })} maxlength={10} placeholder='如 2026-10-15' />
          <Field label='培训名称' value={tr.title} onChange={(v) => setTr({ ...tr, title: v })} maxlength={100} placeholder='如 儿童主任岗前培训' />
          <Field label='学时（选填）' value={tr.hours} onChange={(v) => setTr({ ...tr, hours: v })} maxlength={3} type='number' />
          <Btn label='登记培训' busy={busy} onClick={() => void run(async () => (await adminApi.addTraining(id, { trainedOn: tr.trainedOn, title: tr.title, ...(tr.hours ? { hours: Number(tr.hours) } : {}) }), setTr({ trainedOn: '', title: '', hours: '' }), '培训已登记'))} />
        </View>
      ) : null}
    </PageShell>
  );
}
