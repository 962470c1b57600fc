import { useDidShow } from '@tarojs/taro';
import { confirmThen } from '../../admin/ui';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PageShell } from '../../../components/PageShell';
import { Field } from '../../../pages/report/ui';
import '../../../pages/report/report.css';
import { adminApi, type OrgNode } from '../../admin/api';
import { messageOf, Notice } from '../../admin/ui';
import { Btn, ErrorLine } from '../../work/ui';
import '../../work/work.css';

type Editing = { mode: 'add'; parent: OrgNode } | { mode: 'edit'; node: OrgNode } | null;

/** The county's organisation tree: townships (未保站, with their phone) and villages; add, rename, retire. */
export default function OrgTreePage() {
  const [nodes, setNodes] = useState<OrgNode[]>([]);
  const [editing, setEditing] = useState<Editing>(null);
  const [form, setForm] = useState({ name: '', phone: '' });
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const load = () => adminApi.adminOrgs().then((r) => setNodes(r.items)).catch((e: unknown) => setError(messageOf(e)));
  useDidShow(() => void load());

  const start = (e: Editing) => {
    setEditing(e);
    setError('');
    setForm(e?.mode === 'edit' ? { name: e.node.name, phone: e.node.phone ?? '' } : { name: '', phone: '' });
  };
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    setError('');
    try {
      await fn();
      setNotice(ok);
      setEditing(null);
      await load();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    editing?.mode === 'add'
      ? run(() => adminApi.createOrg({ parentId: editing.parent.id, name: form.name, ...(form.phone ? { phone: form.phone } : {}) }), `已添加${form.name}`)
      : editing?.mode === 'edit'
        ? run(() => adminApi.updateOrg(editing.node.id, { name: form.name, phone: form.phone || null }), '已保存')
        : Promise.resolve();

  const county = nodes.find((n) => n.level === 'county');
  const children = (id: number) => nodes.filter((n) => n.parentId === id);
  const row = (n: OrgNode, depth: number) => (
    <View key={n.id} className={depth ? `ad-item ad-indent${depth}` : 'ad-item'} data-testid={`org-${n.id}`}>
      <View className='ad-item__top'>
        <Text className='ad-item__name'>{n.name}</Text>
        {n.retired ? <Text className='ad-badge ad-badge--off'>已撤销</Text> : null}
      </View>
      {n.level !== 'village' || n.phone ? <Text className='ad-item__sub'>电话 {n.phone ?? '未填写'}</Text> : null}
      {!n.retired ? (
        <View className='ad-actions'>
          <View className='ad-link' onClick={() => start({ mode: 'edit', node: n })}><Text>改名/电话</Text></View>
          {n.level !== 'village' ? <View className='ad-link' onClick={() => start({ mode: 'add', parent: n })} data-testid={`org-add-${n.id}`}><Text>添加{n.level === 'county' ? '乡镇（街道）' : '村（社区）'}</Text></View> : null}
          {n.level !== 'county' ? <View className='ad-link ad-link--danger' onClick={() => void confirmThen(`撤销${n.name}？`, '撤销后不能再在这里添加人员；已有的记录保留。', () => run(() => adminApi.retireOrg(n.id), `${n.name}已撤销`))}><Text>撤销</Text></View> : null}
        </View>
      ) : null}
    </View>
  );

  return (
    <PageShell className='wk-page'>
      <Text className='wk-h1'>组织架构</Text>
      <Notice text={notice} />
      <ErrorLine text={error} />
      {editing ? (
        <View className='wk-card'>
          <Text className='wk-card__title'>{editing.mode === 'add' ? `在${editing.parent.name}下添加` : `修改${editing.node.name}`}</Text>
          <Field label='名称' value={form.name} onChange={(v) => setForm({ ...form, name: v })} maxlength={100} testid='org-name' />
          <Field label='电话（未保站/儿童之家）' value={form.phone} onChange={(v) => setForm({ ...form, phone: v })} maxlength={40} placeholder='如 023-65000000' />
          <Btn label='保存' busy={busy} onClick={() => void save()} testid='org-save' />
          <Btn label='取消' kind='light' onClick={() => setEditing(null)} />
        </View>
      ) : null}
      <View className='wk-card'>
        {county ? row(county, 0) : null}
        {county ? children(county.id).map((t) => [row(t, 1), ...children(t.id).map((v) => row(v, 2))]) : null}
      </View>
    </PageShell>
  );
}
