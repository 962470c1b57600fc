import Taro, { useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import {
  APPLICATION_TRANSITIONS,
  ApplicationStatus,
  ApplicationStatusChange,
  ChildSexBrief,
  GuardianRelation,
  type ApplicationDetail, formatDateTime } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { errorText } from '../../../guardian/api';
import { ApplicationSteps, Area, Chips, Field } from '../../../guardian/ui';
import { API_BASE } from '../../../services/config';
import { getSession } from '../../../services/session';
import { application, changeApplication } from './api';
import '../../../guardian/guardian.css';

type Target = 'need_more' | 'referred' | 'done';
const ACTION: Record<Target, string> = { need_more: '需补充材料', referred: '转交部门办理', done: '办结' };

/** Handle one application: check the materials and photos, then move its status (the guardian is notified). */
export default function ApplicationHandlingPage() {
  const id = Number(useRouter().params.id);
  const [a, setA] = useState<ApplicationDetail | null>(null);
  const [paths, setPaths] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [target, setTarget] = useState<Target | null>(null);
  const [text, setText] = useState('');
  const [department, setDepartment] = useState('');
  const [busy, setBusy] = useState(false);

  const load = () =>
    application(id).then(
      (res) => {
        setA(res);
        setError('');
        // Photos need the staff token: download each to a local file first.
        const token = getSession()?.accessToken ?? '';
        for (const m of res.materials)
          for (const p of m.photos)
            Taro.downloadFile({ url: `${API_BASE}/api/applications/${id}/photos/${p.fileId}`, header: { Authorization: `Bearer ${token}` } })
              .then((r) => r.statusCode === 200 && setPaths((old) => ({ ...old, [p.fileId]: r.tempFilePath })))
              .catch(() => undefined);
      },
      (e) => setError(errorText(e)),
    );

  useEffect(() => {
    void load();
  }, [id]);

  async function save() {
    if (!target) return;
    const body =
      target === 'need_more' ? { status: target, missing: text } : target === 'referred' ? { status: target, department, note: text || undefined } : { status: target, result: text };
    const parsed = ApplicationStatusChange.safeParse(body);
    if (!parsed.success) {
      void Taro.showToast({ title: parsed.error.issues[0]?.message ?? '请检查填写的内容', icon: 'none', duration: 3000 });
      return;
    }
    setBusy(true);
    try {
      setA(await changeApplication(id, parsed.data));
      setTarget(null);
      setText('');
      setDepartment('');
      void Taro.showToast({ title: '已更新，已提醒监护人', icon: 'none' });
    } catch (e) {
      void Taro.showToast({ title: errorText(e, '没有保存成功'), icon: 'none', duration: 3000 });
    } finally {
      setBusy(false);
    }
  }

  if (!a) return <PageShell className='gd-page'>{error ? <Text className='gd-error'>{error}</Text> : <Text className='gd-muted'>正在加载…</Text>}</PageShell>;
  const next = APPLICATION_TRANSITIONS[a.status].staff as Target[];
  return (
    <PageShell className='gd-page'>
      <Text className='gd-title'>{a.policyTitle}</Text>
      <ApplicationSteps status={a.status} />
      {a.latestNote ? <Text className='gd-banner gd-banner--info'>最新说明：{a.latestNote}</Text> : null}

      <View className='gd-card'>
        <Text className='gd-para'>
          孩子：{a.child.name}，{ChildSexBrief.label(a.child.sex)}，{a.child.age}岁{'\n'}
          申请人：{a.applicant.name}（{GuardianRelation.label(a.applicant.relation)}）{'\n'}
          地址：{a.villageName ? `${a.orgName} ${a.villageName}` : a.orgName}
          {a.note ? `\n说明：${a.note}` : ''}
        </Text>
        <View className='gd-btn gd-btn--light' style={{ marginTop: '16px' }} onClick={() => Taro.makePhoneCall({ phoneNumber: a.applicant.phone }).catch(() => undefined)}>
          <Text>拨打 {a.applicant.phone}</Text>
        </View>
      </View>

      <Text className='gd-section'>材料</Text>
      <View className='gd-card'>
        {a.materials.map((m) => (
          <View key={m.index} className='gd-material'>
            <View className='gd-list-item'>
              <Text className='gd-list-item__n'>{m.index + 1}</Text>
              <Text>{m.item}</Text>
            </View>
            {m.photos.length ? (
              <View className='gd-photos'>
                {m.photos.map((p) => (
                  <View key={p.fileId} className='gd-photo' onClick={() => paths[p.fileId] && Taro.previewImage({ urls: [paths[p.fileId]] })}>
                    {paths[p.fileId] ? <Image className='gd-photo__img' src={paths[p.fileId]} mode='aspectFill' /> : <Text className='gd-muted'>加载中</Text>}
                  </View>
                ))}
              </View>
            ) : (
              <Text className='gd-tag gd-tag--grey'>未上传照片</Text>
            )}
          </View>
        ))}
      </View>

      {next.length ? (
        <View className='gd-step'>
          <Text className='gd-field__label'>办理</Text>
          <Chips<Target> options={next.map((t) => ({ value: t, label: ACTION[t] }))} value={target} onChange={setTarget} />
          {target ? (
            <View style={{ marginTop: '20px' }}>
              {target === 'referred' ? <Field label='转交哪个部门' value={department} onChange={setDepartment} maxlength={100} placeholder='例如：区民政局、区医保局' /> : null}
              <Area
                value={text}
                onChange={setText}
                maxlength={500}
                placeholder={target === 'need_more' ? '写清楚还需要补充什么材料' : target === 'referred' ? '转办说明（选填）' : '写明办理结果'}
              />
              <View className={busy ? 'gd-btn gd-btn--disabled' : 'gd-btn'} onClick={busy ? undefined : save}>
                <Text>确定：{ACTION[target]}</Text>
              </View>
            </View>
          ) : null}
        </View>
      ) : null}

      <Text className='gd-section'>办理记录</Text>
      <View className='gd-card'>
        {[...a.events].reverse().map((e, i) => (
          <View key={i} className='gd-timeline__item'>
            <Text className='gd-timeline__head'>
              {ApplicationStatus.label(e.status)}
              {e.by === 'guardian' ? '（监护人）' : ''}
            </Text>
            <Text className='gd-timeline__when'>{formatDateTime(e.at)}</Text>
            {e.department ? <Text className='gd-para'>转交：{e.department}</Text> : null}
            {e.note ? <Text className='gd-para'>{e.note}</Text> : null}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
