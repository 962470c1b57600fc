import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ApplicationStatus, MAX_APPLICATION_PHOTOS, type ApplicationDetail, formatDateTime } from '@wbt/shared';
import { PageShell } from '../../components/PageShell';
import { addApplicationPhotos, errorText, myApplication, resubmitApplication } from '../../guardian/api';
import { ApplicationSteps, Area, PhotoRow } from '../../guardian/ui';
import { pickAndUpload } from './photos';
import '../../guardian/guardian.css';

const EVENT_TEXT = (status: ApplicationStatus, by: 'guardian' | 'staff') =>
  status === 'submitted' ? (by === 'guardian' ? '您提交了申办' : '已提交') : ApplicationStatus.label(status);

/** Where the application stands, what the station asked for, and adding what is missing. */
export default function ApplicationDetailPage() {
  const id = Number(useRouter().params.id);
  const [a, setA] = useState<ApplicationDetail | null>(null);
  const [error, setError] = useState('');
  const [uploadingItem, setUploadingItem] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    myApplication(id).then(setA, (e) => setError(errorText(e)));
  }, [id]);

  async function addPhotos(item: number) {
    if (!a) return;
    const count = a.materials.reduce((n, m) => n + m.photos.length, 0);
    setUploadingItem(item);
    const added = await pickAndUpload(MAX_APPLICATION_PHOTOS - count);
    if (added.length) {
      try {
        setA(await addApplicationPhotos(id, added.map((p) => ({ fileId: p.fileId, ticket: p.ticket, itemIndex: item }))));
        void Taro.showToast({ title: '照片已添加', icon: 'success' });
      } catch (e) {
        void Taro.showToast({ title: errorText(e, '照片没有添加成功'), icon: 'none', duration: 3000 });
      }
    }
    setUploadingItem(null);
  }

  async function resubmit() {
    setBusy(true);
    try {
      setA(await resubmitApplication(id, note.trim() || undefined));
      setNote('');
      void Taro.showToast({ title: '已重新提交', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorText(e, '没有提交成功，请重试'), icon: 'none', duration: 3000 });
    } finally {
      setBusy(false);
    }
  }

  if (!a) {
    return <PageShell className='gd-page'>{error ? <Text className='gd-error'>{error}</Text> : <Text className='gd-muted'>正在加载…</Text>}</PageShell>;
  }
  return (
    <PageShell className='gd-page'>
      <Text className='gd-title'>{a.policyTitle}</Text>
      <Text className='gd-sub'>
        {a.childName} · {a.villageName ?? a.orgName}
      </Text>
      <ApplicationSteps status={a.status} />

      {a.status === 'submitted' ? (
        <Text className='gd-banner gd-banner--info'>已交给{a.orgName}未保站，工作人员会打电话和您核对材料。</Text>
      ) : null}
      {a.status === 'need_more' ? (
        <Text className='gd-banner gd-banner--warn' data-testid='need-more'>
          需要补充：{a.latestNote}
        </Text>
      ) : null}
      {a.status === 'referred' ? <Text className='gd-banner gd-banner--info'>已转交：{a.department}</Text> : null}
      {a.status === 'done' ? <Text className='gd-banner gd-banner--ok'>办理结果：{a.latestNote}</Text> : null}

      {a.status === 'need_more' ? (
        <View className='gd-step'>
          <Text className='gd-field__label'>补好材料后，点这里告诉未保站</Text>
          <Area value={note} onChange={setNote} placeholder='可以写一句说明（选填）' maxlength={500} />
          <View className={busy ? 'gd-btn gd-btn--green gd-btn--disabled' : 'gd-btn gd-btn--green'} onClick={busy ? undefined : resubmit}>
            <Text>材料已补充，重新提交</Text>
          </View>
        </View>
      ) : null}

      <Text className='gd-section'>材料清单</Text>
      <View className='gd-card'>
        {a.materials.map((m) => (
          <View key={m.index} className='gd-material'>
            <View className='gd-list-item'>
              <Text className='gd-list-item__n'>{m.index + 1}</Text>
              <Text>{m.item}</Text>
            </View>
            <Text className={m.photos.length ? 'gd-tag gd-tag--green' : 'gd-tag gd-tag--grey'}>{m.photos.length ? `已传${m.photos.length}张照片` : '还没有照片'}</Text>
            {a.status !== 'done' ? <PhotoRow photos={[]} busy={uploadingItem === m.index} onAdd={() => void addPhotos(m.index)} /> : null}
          </View>
        ))}
      </View>

      <Text className='gd-section'>办理记录</Text>
      <View className='gd-card'>
        {[...a.events].reverse().map((e, i) => (
          <View key={i} className='gd-timeline__item'>
            <Text className='gd-timeline__head'>{EVENT_TEXT(e.status, e.by)}</Text>
            <Text className='gd-timeline__when'>{formatDateTime(e.at)}</Text>
            {e.department ? <Text className='gd-para'>转交：{e.department}</Text> : null}
            {e.note ? <Text className='gd-para'>{e.note}</Text> : null}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
