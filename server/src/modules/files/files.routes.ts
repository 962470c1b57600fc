import { DocumentType, MAX_DOCUMENT_BYTES } from '@wbt/shared';
import { z } from 'zod';
import type { RouteTable } from '../../http/route';
import { clientKey } from '../../http/clientKey';
import { RATE_POLICIES, type RateLimitService } from '../ratelimit/ratelimit.service';
import { MAX_IMAGE_BYTES, type FilesService } from './files.service';
import { readSingleFile } from './multipart';

const UploadedImage = z.object({ fileId: z.string(), ticket: z.string(), width: z.number(), height: z.number() });
const UploadedDocument = z.object({ fileId: z.string(), ticket: z.string(), type: z.enum(DocumentType.codes), mime: z.string(), bytes: z.number() });

export function filesRoutes(routes: RouteTable, files: FilesService, rateLimit: RateLimitService): void {
  routes.add({
    method: 'post', path: '/api/uploads/images', tags: ['files'], auth: 'public', status: 201,
    summary: '上传一张照片（multipart/form-data，字段 file；≤10MB；JPEG/PNG/HEIC/WebP）。返回 fileId 与 ticket，提交报告或留言时凭 ticket 认领；无需登录，不记录上传者',
    rawBody: 'multipart/form-data', response: UploadedImage,
    handler: async ({ koa }) => {
      await rateLimit.consume(RATE_POLICIES.uploads, clientKey(koa));
      const upload = await readSingleFile(koa, MAX_IMAGE_BYTES);
      const { fileId, ticket } = await files.storePending(upload.data);
      const meta = (await files.meta(fileId))!;
      return { fileId, ticket, width: meta.width, height: meta.height };
    },
  });
  routes.add({
    method: 'post', path: '/api/uploads/documents', tags: ['files'], auth: 'public', status: 201,
    summary: '上传一个录音或 PDF 文件（multipart/form-data，字段 file；≤20MB；按内容识别 MP3/M4A/AAC/WAV/AMR/OGG/PDF）。返回 fileId 与 ticket，提交报告时放入 documents 认领；无需登录，不记录上传者',
    rawBody: 'multipart/form-data', response: UploadedDocument,
    handler: async ({ koa }) => {
      await rateLimit.consume(RATE_POLICIES.uploads, koa.ip);
      const upload = await readSingleFile(koa, MAX_DOCUMENT_BYTES, '文件');
      return files.storePendingDocument(upload.data);
    },
  });
}
