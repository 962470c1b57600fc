import sharp from 'sharp';
import { AppError } from '../../http/errors';

export type ImageKind = 'jpeg' | 'png' | 'webp' | 'heic';

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);

/** Identifies the image type from its first bytes (never from a name or a declared type). */
export function sniffImage(buf: Buffer): ImageKind | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (buf.length >= 12 && buf.toString('latin1', 4, 8) === 'ftyp') {
    const boxSize = Math.min(buf.readUInt32BE(0), buf.length, 64);
    const brands = [buf.toString('latin1', 8, 12)];
    for (let o = 16; o + 4 <= boxSize; o += 4) brands.push(buf.toString('latin1', o, o + 4));
    if (brands.some((b) => HEIF_BRANDS.has(b))) return 'heic';
  }
  return null;
}

export const UNSUPPORTED_IMAGE_MESSAGE = '只能上传照片（JPEG、PNG、HEIC 或 WebP 格式）';

/** Longest side kept; larger photos are scaled down (also bounds the stored size). */
const MAX_SIDE = 4096;
/** Refuse decompression bombs before decoding: 60 megapixels is more than any phone camera. */
export const MAX_INPUT_PIXELS = 60_000_000;

export interface CleanImage {
  data: Buffer;
  mime: 'image/jpeg';
  width: number;
  height: number;
}

/**
 * Decodes and re-encodes to a fresh JPEG: the pixels survive, nothing else does (sharp writes no
 * EXIF/XMP/IPTC/ICC unless asked). EXIF orientation is applied to the pixels first.
 *
 * HEIC: the prebuilt libvips in sharp carries libheif with the AV1 decoder only (HEVC is not built
 * in: "Support for this compression format has not been built in"), so HEIC photos are decoded
 * with heic-decode (libheif + libde265 compiled to WebAssembly) into raw RGBA, then encoded by sharp.
 */
export async function sanitizeImage(buf: Buffer, kind: ImageKind): Promise<CleanImage> {
  let pipeline: sharp.Sharp;
  if (kind === 'heic') {
    const decoded = await decodeHeic(buf);
    pipeline = sharp(decoded.data, { raw: { width: decoded.width, height: decoded.height, channels: 4 }, limitInputPixels: MAX_INPUT_PIXELS });
  } else {
    pipeline = sharp(buf, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
  }
  try {
    const { data, info } = await pipeline
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { data, mime: 'image/jpeg', width: info.width, height: info.height };
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '照片已损坏或无法识别，请换一张照片');
  }
}

async function decodeHeic(buf: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  // Loaded on first use: the WebAssembly bundle is large and most uploads are JPEG.
  const { default: decode } = await import('heic-decode');
  try {
    const out = await decode({ buffer: buf });
    if (out.width * out.height > MAX_INPUT_PIXELS) throw new Error('too many pixels');
    return { data: Buffer.from(out.data.buffer, out.data.byteOffset, out.data.byteLength), width: out.width, height: out.height };
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'HEIC 照片无法识别，请在手机设置中改为“兼容性最佳”格式后重拍，或换一张照片');
  }
}
