import Taro from '@tarojs/taro';
import { MAX_DOCUMENT_BYTES, type DocumentType } from '@wbt/shared';
import { ApiError, NETWORK_ERROR_MESSAGE } from '../../services/api';
import { API_BASE, IS_WEAPP } from '../../services/config';

const EXTENSIONS = ['pdf', 'mp3', 'm4a', 'aac', 'wav', 'amr', 'ogg'];

export interface PickedFile {
  path: string;
  name: string;
  size: number;
}

const extOf = (name: string) => (name.split('.').pop() ?? '').toLowerCase();

/**
 * Lets the person pick one recording or PDF: from a WeChat chat in the mini-program, from the
 * phone's files in the browser. Null when cancelled. Type and size are checked here first (the
 * server checks the content again).
 */
export async function chooseDocument(): Promise<PickedFile | null> {
  let picked: PickedFile | null = null;
  if (IS_WEAPP) {
    try {
      const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: EXTENSIONS });
      const f = res.tempFiles[0];
      picked = f ? { path: f.path, name: f.name, size: f.size } : null;
    } catch {
      return null;
    }
  } else {
    picked = await new Promise<PickedFile | null>((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.pdf,application/pdf,audio/*';
      input.onchange = () => {
        const f = input.files?.[0];
        resolve(f ? { path: URL.createObjectURL(f), name: f.name, size: f.size } : null);
      };
      input.addEventListener('cancel', () => resolve(null));
      input.click();
    });
  }
  if (!picked) return null;
  if (!EXTENSIONS.includes(extOf(picked.name))) throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', '只能添加录音（MP3、M4A、AAC、WAV、AMR、OGG）或 PDF 文件');
  if (picked.size > MAX_DOCUMENT_BYTES) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', '文件不能超过 20MB');
  return picked;
}

/** Uploads one recording or PDF (multipart, field "file"); never sends who uploads it. */
export async function uploadDocument(file: PickedFile): Promise<{ fileId: string; ticket: string; type: DocumentType }> {
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({ url: `${API_BASE}/api/uploads/documents`, filePath: file.path, name: 'file', fileName: file.name, timeout: 120_000 } as Taro.uploadFile.Option);
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
  }
  let data: unknown = res.data;
  try {
    data = typeof res.data === 'string' ? JSON.parse(res.data) : res.data;
  } catch {
    // keep the raw text
  }
  if (res.statusCode === 201 && data && typeof data === 'object') return data as { fileId: string; ticket: string; type: DocumentType };
  const err = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
  throw new ApiError(res.statusCode, err?.code ?? `HTTP_${res.statusCode}`, err?.message ?? '文件上传失败，请重试');
}
