import sharp from 'sharp';
import type { ImageKind } from './imageSanitizer';

export interface Dimensions {
  width: number;
  height: number;
}

/** ISO BMFF boxes that only hold other boxes on the way from the file to `ispe`. */
const CONTAINERS = new Set(['meta', 'iprp', 'ipco']);
/** Full boxes carry 4 bytes of version and flags before their children or fields. */
const FULL_BOXES = new Set(['meta', 'ispe']);

/**
 * The largest image size any `ispe` (image spatial extents) property of a HEIF file declares.
 * Every image item (the primary image, a grid, its tiles, thumbnails) must have one, so the
 * largest is the most pixels a decoder will be asked for. Reads only box headers: no decoding.
 */
export function heifDimensions(buf: Buffer): Dimensions | null {
  let best: Dimensions | null = null;
  const walk = (start: number, end: number, depth: number): void => {
    let o = start;
    while (o + 8 <= end && depth < 6) {
      let size = buf.readUInt32BE(o);
      const type = buf.toString('latin1', o + 4, o + 8);
      let header = 8;
      if (size === 1) {
        if (o + 16 > end) return;
        const big = buf.readBigUInt64BE(o + 8);
        if (big > BigInt(end - o)) return;
        size = Number(big);
        header = 16;
      } else if (size === 0) {
        size = end - o;
      }
      if (size < header || o + size > end) return;
      const body = o + header + (FULL_BOXES.has(type) ? 4 : 0);
      if (type === 'ispe' && body + 8 <= o + size) {
        const d = { width: buf.readUInt32BE(body), height: buf.readUInt32BE(body + 4) };
        if (!best || d.width * d.height > best.width * best.height) best = d;
      } else if (CONTAINERS.has(type)) {
        walk(body, o + size, depth + 1);
      }
      o += size;
    }
  };
  walk(0, buf.length, 0);
  return best;
}

/**
 * Width and height as the file's header declares them, before any pixel is decoded: sharp reads
 * only the header of JPEG, PNG and WebP in metadata(); HEIC (which sharp's build cannot decode)
 * is read from its ispe boxes. null when the header cannot be read.
 */
export async function declaredDimensions(buf: Buffer, kind: ImageKind): Promise<Dimensions | null> {
  if (kind === 'heic') return heifDimensions(buf);
  try {
    const meta = await sharp(buf, { limitInputPixels: false }).metadata();
    return meta.width && meta.height ? { width: meta.width, height: meta.height } : null;
  } catch {
    return null;
  }
}
