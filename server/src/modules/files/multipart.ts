import busboy from 'busboy';
import type Koa from 'koa';
import { AppError } from '../../http/errors';

export interface UploadedFile {
  data: Buffer;
  fields: Record<string, string>;
}

const tooLarge = (maxBytes: number, what: string) =>
  new AppError('PAYLOAD_TOO_LARGE', `${what}不能超过 ${Math.round(maxBytes / 1024 / 1024)}MB，${what === '照片' ? '请换一张或压缩后再传' : '请换一个或压缩后再传'}`, [
    { path: 'file', message: '文件过大' },
  ]);

/**
 * Reads one file from a multipart/form-data request into memory, stopping at maxBytes: nothing is
 * written to disk here, so a refused upload leaves no trace. The rest of an oversize body is
 * discarded unread into memory, and the connection is closed after the 413.
 */
export async function readSingleFile(ctx: Koa.Context, maxBytes: number, what = '照片'): Promise<UploadedFile> {
  if (!ctx.is('multipart/form-data')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `请以 multipart/form-data 方式上传${what}（字段名 file）`, [{ path: 'file', message: '上传方式不正确' }]);
  }
  const encoding = ctx.get('content-encoding').trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    ctx.set('Connection', 'close');
    ctx.req.resume();
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `上传${what}时请不要压缩请求（不支持 Content-Encoding），${what}本身已是压缩格式`, [{ path: 'file', message: '不支持的内容编码' }]);
  }
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > maxBytes + 64 * 1024) {
    ctx.set('Connection', 'close');
    ctx.req.resume();
    throw tooLarge(maxBytes, what);
  }
  const req = ctx.req;
  let bb: busboy.Busboy;
  try {
    bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes, fields: 8, fieldSize: 1024, parts: 10, headerPairs: 50 } });
  } catch {
    throw AppError.validation('file', '上传内容格式不正确');
  }
  return new Promise<UploadedFile>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const fields: Record<string, string> = {};
    let size = 0;
    let gotFile = false;
    let settled = false;
    const fail = (err: AppError) => {
      if (settled) return;
      settled = true;
      chunks.length = 0;
      req.unpipe(bb);
      ctx.set('Connection', 'close');
      req.resume();
      reject(err);
    };
    const cutOff = () => fail(AppError.validation('file', '上传内容不完整，请重试'));
    bb.on('file', (_name, stream) => {
      // A file stream errors when the form ends before its closing boundary ("Unexpected end of
      // form"); an 'error' event without a listener would take the whole process down.
      stream.on('error', cutOff);
      if (gotFile) {
        stream.resume();
        return;
      }
      gotFile = true;
      stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        chunks.push(chunk);
      });
      stream.on('limit', () => fail(tooLarge(maxBytes, what)));
    });
    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('filesLimit', () => fail(AppError.validation('file', what === '照片' ? '一次只能上传一张照片' : `一次只能上传一个${what}`)));
    bb.on('partsLimit', () => fail(AppError.validation('file', '上传内容格式不正确')));
    bb.on('error', cutOff);
    bb.on('close', () => {
      if (settled) return;
      settled = true;
      if (!gotFile || size === 0) reject(AppError.validation('file', `请选择要上传的${what}`));
      else resolve({ data: Buffer.concat(chunks, size), fields });
    });
    req.on('aborted', () => fail(AppError.validation('file', '上传被中断，请重试')));
    req.pipe(bb);
  });
}
