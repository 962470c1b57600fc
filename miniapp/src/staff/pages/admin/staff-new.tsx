import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ROLE_ORG_LEVEL, Role, StaffCreateRequest, type StaffRole } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { Field } from '../../../pages/report/ui';
import '../../../pages/report/report.css';
import { fetchMe } from '../../../services/auth';
import { adminApi, ADMIN_PAGES, type OrgNode } from '../../admin/api';
import { ChoiceRow, messageOf, Notice, PasswordField } from '../../admin/ui';
import { Btn, ErrorLine } from '../../work/ui';
import '../../work/work.css';

const CREATABLE: Record<string, StaffRole[]> = {
  station_head: ['director', 'supervisor', 'social_worker'],
  county_admin: ['director', 'supervisor', 'social_worker', 'station_head', 'county_admin'],
};

/** A new staff account: the person signs in with the initial password and must then choose their own. */
export default function NewStaffPage() {
  const [roles, setRoles] = useState<StaffRole[]>([]);
  const [orgs, setOrgs] = useState<OrgNode[]>([]);
  const [f, setF] = useState({ username: '', name: '', role: 'director' as StaffRole, orgId: 0, password: '', phone: '', appointedOn: '' });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((p) => ({ ...p, [k]: v }));

  useDidShow(() => {
    fetchMe().then((me) => setRoles(CREATABLE[me.user.role] ?? [])).catch((e: unknown) => setError(messageOf(e)));
    adminApi.orgs().then((r) => setOrgs(r.items)).catch((e: unknown) => setError(messageOf(e)));
  });
  const places = orgs.filter((o) => o.level === ROLE_ORG_LEVEL[f.role]);

  async function submit() {
    const body = { ...f, phone: f.phone || undefined, appointedOn: f.appointedOn || undefined, orgId: f.orgId || undefined };
    const parsed = StaffCreateRequest.safeParse(body);
    if (!parsed.success) return setError(`${parsed.error.issues[0].message}`);
    setBusy(true);
    setError('');
    try {
      const created = await adminApi.createStaff(body as never);
      await Taro.redirectTo({ url: ADMIN_PAGES.person(created.id) });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageShell className='wk-page'>
      <Text className='wk-h1'>新建账号</Text>
      <View className='wk-card'>
        <Text className='wk-card__title'>角色</Text>
        <ChoiceRow options={roles.map((r) => ({ value: r, label: Role.label(r) }))} value={f.role} onChange={(r) => setF((p) => ({ ...p, role: r, orgId: 0 }))} testid='new-role' />
        <Text className='wk-card__title'>所属{ROLE_ORG_LEVEL[f.role] === 'village' ? '村（社区）' : ROLE_ORG_LEVEL[f.role] === 'township' ? '乡镇（街道）' : '县（区）'}</Text>
        <ChoiceRow options={places.map((o) => ({ value: o.id, label: o.name }))} value={f.orgId} onChange={(id) => set('orgId', id)} testid='new-org' />
        <Field label='姓名' value={f.name} onChange={(v) => set('name', v)} maxlength={60} testid='new-name' />
        <Field label='用户名（登录用）' value={f.username} onChange={(v) => set('username', v.trim())} maxlength={64} placeholder='字母、数字、下划线，如 zhuren10' testid='new-username' />
        <PasswordField label='初始密码' value={f.password} onChange={(v) => set('password', v)} testid='new-password' hint='至少 10 个字符；对方首次登录时必须改成自己的密码' />
        <Field label='手机号（选填）' value={f.phone} onChange={(v) => set('phone', v)} maxlength={20} type='number' testid='new-phone' />
        {f.role === 'director' ? <Field label='任职日期（选填）' value={f.appointedOn} onChange={(v) => set('appointedOn', v)} maxlength={10} placeholder='如 2026-09-01' testid='new-appointed' /> : null}
        <Notice tone='warn' text='手机号加密保存；请把用户名和初始密码当面或电话告知本人。' />
        <ErrorLine text={error} />
        <Btn label='创建账号' onClick={() => void submit()} busy={busy} testid='new-submit' />
      </View>
    </PageShell>
  );
}
