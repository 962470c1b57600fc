import { z } from 'zod';
import type { RouteTable } from '../../http/route';
import { clientKey } from '../../http/clientKey';
import { RATE_POLICIES, type RateLimitService } from '../ratelimit/ratelimit.service';
import { MAX_IMAGE_BYTES, type FilesService } from './files.service';
import { readSingleFile } from './multipart';

const UploadedImage = z.object({ fileId: z.string(), ticket: z.string(), width: z.number(), height: z.number() });

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
}
