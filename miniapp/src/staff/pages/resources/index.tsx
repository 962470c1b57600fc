import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { RESOURCE_EDITOR_ROLES, ResourceCreate, ResourceKind, type ResourceView } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { Chips, Field } from '../../../pages/report/ui';
import '../../../pages/report/report.css';
import { ApiError } from '../../../services/api';
import { getSession } from '../../../services/session';
import { resourcesApi } from '../../resources/api';
import { Btn, Empty, ErrorLine, InfoRow } from '../../work/ui';
import '../../work/work.css';

interface Form {
  id: number | null;
  kind: string | null;
  name: string;
  address: string;
  contactName: string;
  contactPhone: string;
  services: string;
}
const EMPTY: Form = { id: null, kind: null, name: '', address: '', contactName: '', contactPhone: '', services: '' };
const kindOptions = ResourceKind.codes.map((c) => ({ value: c, label: ResourceKind.label(c) }));

/**
 * The township's resource directory (派出所, 卫生院, schools, 司法所, 妇联, 残联, 县未保中心…): everyone
 * on the staff reads and calls; station staff and the county admin keep it. Referrals pick from it.
 */
export default function ResourcesPage() {
  const user = getSession()?.user;
  const role = user?.role;
  const canEdit = !!role && (RESOURCE_EDITOR_ROLES as readonly string[]).includes(role);
  // A township keeps its own entries; the county's (县未保中心…) are kept by the county admin.
  const mayChange = (r: ResourceView) => canEdit && (role === 'county_admin' || r.orgId === user?.orgId);
  const [items, setItems] = useState<ResourceView[] | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const load = (k: string | null = kind) =>
    resourcesApi.list(k ? { kind: k } : {}).then(
      (r) => {
        setItems(r.items);
        setError('');
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'),
    );
  useDidShow(() => void load());

  async function save() {
    if (!form) return;
    const body = { kind: form.kind ?? undefined, name: form.name, address: form.address, contactName: form.contactName, contactPhone: form.contactPhone, services: form.services.trim() || null };
    const check = ResourceCreate.safeParse(body);
    if (!check.success) {
      setError(check.error.issues[0]?.message ?? '请检查填写的内容');
      return;
    }
    setBusy(true);
    try {
      if (form.id) await resourcesApi.update(form.id, check.data);
      else await resourcesApi.create(check.data);
      setForm(null);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      await load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请重试');
    } finally {
      setBusy(false);
    }
  }

  async function archive(r: ResourceView) {
    try {
      await resourcesApi.update(r.id, { status: 'archived' });
      await load();
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : '操作失败', icon: 'none' });
    }
  }

  return (
    <PageShell className='wk-page rp-page'>
      <Text className='wk-h1'>资源名录</Text>
      <Text className='wk-sub'>本镇和本县可以转介、求助的单位。转介时可直接选用。</Text>
      <Chips
        options={[{ value: '', label: '全部' }, ...kindOptions]}
        value={kind ?? ''}
        onChange={(v) => {
          const k = v || null;
          setKind(k);
          void load(k);
        }}
      />
      {canEdit && !form ? <Btn label='＋ 添加单位' kind='light' onClick={() => setForm({ ...EMPTY })} testid='resource-add' /> : null}

      {form ? (
        <View className='wk-card' data-testid='resource-form'>
          <Text className='wk-card__title'>{form.id ? '修改单位' : '添加单位'}</Text>
          <Text className='rp-field__label'>单位类别</Text>
          <Chips options={kindOptions} value={form.kind} onChange={(v) => setForm({ ...form, kind: v })} />
          <Field label='单位名称' value={form.name} onChange={(v) => setForm({ ...form, name: v })} maxlength={60} />
          <Field label='地址' value={form.address} onChange={(v) => setForm({ ...form, address: v })} maxlength={120} />
          <Field label='对接人' value={form.contactName} onChange={(v) => setForm({ ...form, contactName: v })} maxlength={30} />
          <Field label='联系电话' value={form.contactPhone} onChange={(v) => setForm({ ...form, contactPhone: v })} maxlength={20} placeholder='手机或座机' />
          <Field label='可提供的服务（选填）' value={form.services} onChange={(v) => setForm({ ...form, services: v })} maxlength={300} />
          <ErrorLine text={error} />
          <View className='wk-btns'>
            <Btn label='保存' busy={busy} onClick={() => void save()} testid='resource-save' />
            <Btn label='取消' kind='light' onClick={() => setForm(null)} />
          </View>
        </View>
      ) : (
        <ErrorLine text={error} />
      )}

      {items && items.length === 0 ? <Empty text='名录里还没有单位' /> : null}
      {(items ?? []).map((r) => (
        <View key={r.id} className='wk-card' data-testid={`resource-${r.id}`}>
          <Text className='wk-card__title'>{r.name}</Text>
          <InfoRow label='类别' value={`${r.kindLabel}（${r.orgName}）`} />
          <InfoRow label='地址' value={r.address} />
          <View className='wk-row' onClick={() => void Taro.makePhoneCall({ phoneNumber: r.contactPhone }).catch(() => undefined)}>
            <Text className='wk-row__label'>对接人</Text>
            <Text className='wk-row__value'>{r.contactName} {r.contactPhone}（点此拨打）</Text>
          </View>
          {r.services ? <InfoRow label='服务' value={r.services} /> : null}
          {mayChange(r) ? (
            <View className='wk-btns'>
              <Btn
                label='修改'
                kind='light'
                onClick={() => setForm({ id: r.id, kind: r.kind, name: r.name, address: r.address, contactName: r.contactName, contactPhone: r.contactPhone, services: r.services ?? '' })}
              />
              <Btn label='停用' kind='light' onClick={() => void archive(r)} />
            </View>
          ) : null}
        </View>
      ))}
    </PageShell>
  );
}
