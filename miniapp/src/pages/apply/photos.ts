import Taro from '@tarojs/taro';
import { uploadPhoto } from '../report/reportApi';
import { errorText } from '../../guardian/api';
import type { LocalPhoto } from '../../guardian/ui';

/** Lets the guardian take or pick photos and uploads each (metadata is stripped by the server). */
export async function pickAndUpload(max: number): Promise<LocalPhoto[]> {
  let paths: string[] = [];
  try {
    paths = (await Taro.chooseImage({ count: Math.max(1, Math.min(9, max)), sizeType: ['compressed'], sourceType: ['camera', 'album'] })).tempFilePaths;
  } catch {
    return [];
  }
  const out: LocalPhoto[] = [];
  for (const path of paths.slice(0, max)) {
    try {
      const ref = await uploadPhoto(path);
      out.push({ fileId: ref.fileId, ticket: ref.ticket, path });
    } catch (e) {
      void Taro.showToast({ title: errorText(e, '照片上传失败，请重试'), icon: 'none', duration: 3000 });
    }
  }
  return out;
}
