import type Koa from 'koa';
import type { StoredImage } from './files.service';

/**
 * Sends a stored photo to the staff member (or guardian) allowed to see it: its type, a file name
 * that says nothing but its id, shown inline, and never kept by any cache.
 */
export function sendPrivatePhoto(koa: Koa.Context, image: Pick<StoredImage, 'mime' | 'data'>, fileId: string): Buffer {
  koa.type = image.mime;
  koa.set('Cache-Control', 'private, no-store');
  const ext = image.mime === 'image/jpeg' ? 'jpg' : 'bin';
  koa.set('Content-Disposition', `inline; filename="photo-${fileId.replace(/[^A-Za-z0-9-]/g, '')}.${ext}"`);
  return image.data;
}
