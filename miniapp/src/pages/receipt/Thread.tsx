import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { formatDateTime, MAX_REPORT_PHOTOS, REPORT_STATUS_ORDER, ReportKind, ReportStatus, type AttachmentRef, type ReporterView } from '@wbt/shared';
import { ApiError } from '../../services/api';
import type { PhotoRef } from '../report/draft';
import { uploadPhoto } from '../report/reportApi';
import { Area, CallBar, PhotoStrip } from '../report/ui';
import '../report/report.css';

const WHO = { station: '未保站', reporter: '我', system: '' } as const;

/** Status steps, the thread with the station, and a box to add information and photos. */
export function ReporterThread({ view, onSend }: { view: ReporterView; onSend: (text: string, photos: AttachmentRef[]) => Promise<void> }) {
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<PhotoRef[]>([]);
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const reached = REPORT_STATUS_ORDER.indexOf(view.status);

  async function addPhotos() {
    const left = MAX_REPORT_PHOTOS - photos.length;
    let paths: string[] = [];
    try {
      paths = (await Taro.chooseImage({ count: left, sizeType: ['compressed'] })).tempFilePaths.slice(0, left);
    } catch {
      return;
    }
    setUploading(true);
    for (const path of paths) {
      try {
        const ref = await uploadPhoto(path);
        setPhotos((p) => [...p, { fileId: ref.fileId, ticket: ref.ticket, path }]);
      } catch (e) {
        void Taro.showToast({ title: e instanceof ApiError ? e.message : '照片上传失败', icon: 'none', duration: 3000 });
      }
    }
    setUploading(false);
  }

  async function send() {
    if (!text.trim()) {
      void Taro.showToast({ title: '请填写要补充的内容', icon: 'none' });
      return;
    }
    setBusy(true);
    try {
      await onSend(text.trim(), photos.map(({ fileId, ticket }) => ({ fileId, ticket })));
      setText('');
      setPhotos([]);
      void Taro.showToast({ title: '已送达', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : '没有送出，请重试', icon: 'none', duration: 3000 });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View>
      <View className='rp-card' data-testid='receipt-status'>
        <Text className='rp-field__label'>
          {ReportKind.label(view.kind)} · {formatDateTime(view.receivedAt)} 送达{view.township.name}未保站
        </Text>
        <Text className='rp-title'>{view.statusLabel}</Text>
        <View className='rp-status'>
          {REPORT_STATUS_ORDER.map((s, i) => (
            <Text key={s} className={i <= reached ? 'rp-status__dot rp-status__dot--on' : 'rp-status__dot'}>
              {ReportStatus.label(s)}
            </Text>
          ))}
        </View>
      </View>

      <View className='rp-card'>
        <Text className='rp-sub'>和未保站的留言</Text>
        <View className='rp-thread' data-testid='thread'>
          {view.messages.length === 0 ? <Text className='rp-para'>还没有留言。未保站回复后会显示在这里。</Text> : null}
          {view.messages.map((m) => (
            <View key={m.id} className={`rp-msg rp-msg--${m.from}`}>
              {m.from !== 'system' ? <Text className='rp-msg__who'>{WHO[m.from]} · {formatDateTime(m.at)}</Text> : null}
              <Text>{m.text}</Text>
              {m.photoCount ? <Text className='rp-msg__who'>（附照片 {m.photoCount} 张）</Text> : null}
            </View>
          ))}
        </View>
      </View>

      {view.status !== 'closed' ? (
        <View className='rp-card'>
          <Text className='rp-sub'>补充情况</Text>
          <Area value={text} onChange={setText} placeholder='还想告诉未保站的事情，写在这里' maxlength={2000} />
          <PhotoStrip photos={photos} onAdd={addPhotos} onRemove={(i) => setPhotos((p) => p.filter((_, j) => j !== i))} busy={uploading} max={MAX_REPORT_PHOTOS} />
          <View className={busy ? 'rp-btn rp-btn--busy' : 'rp-btn'} onClick={busy ? undefined : send}>
            <Text>{busy ? '正在送出…' : '送出补充'}</Text>
          </View>
        </View>
      ) : null}
      <CallBar stationPhone={view.township.phone} stationName={view.township.name} />
    </View>
  );
}
