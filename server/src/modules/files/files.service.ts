import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { MAX_DOCUMENT_BYTES, type DocumentType } from '@wbt/shared';
import type { Db, DbOrTx } from '../../db/client';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import { randomToken } from '../../lib/ids';
import type { Logger } from '../../logger';
import { filesRepo, type FileRow } from './files.repo';
import { isDocumentMime, sniffDocument } from './documentSniffer';
import { declaredDimensions } from './imageDimensions';
import { MAX_INPUT_PIXELS, sanitizeImage, sniffImage, UNSUPPORTED_IMAGE_MESSAGE } from './imageSanitizer';
import { WorkLimiter } from './workLimiter';

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/**
 * Unclaimed uploads (a report never sent) are removed after this long; with the hourly sweep,
 * none is kept more than 24 hours.
 */
export const PENDING_TTL_MS = 23 * 3600 * 1000;
/** Photos decoded at once, and how many more may wait (the machine has few cores). */
export const IMAGE_WORKERS = 2;
export const IMAGE_QUEUE = 8;
const IMAGE_RETRY_AFTER_SEC = 3;

export interface FileOwner {
  ownerType: string;
  ownerId: string | number | null;
}

export interface StoredImage {
  data: Buffer;
  mime: string;
  width: number;
  height: number;
}

/**
 * Photos for every module: content-sniffed, re-encoded without metadata, sealed (AES-256-GCM)
 * and written under config.uploadDir, which no route serves. Callers check access before readImage.
 */
export class FilesService {
  readonly imageWork = new WorkLimiter(
    IMAGE_WORKERS,
    IMAGE_QUEUE,
    () =>
      new AppError('UNAVAILABLE', '现在上传照片的人较多，请过几秒再试', [{ path: 'file', message: '服务器繁忙' }], {
        'Retry-After': String(IMAGE_RETRY_AFTER_SEC),
      }),
  );

  constructor(
    private readonly db: Db,
    private readonly crypto: FieldCrypto,
    private readonly clock: Clock,
    private readonly uploadDir: string,
    private readonly logger: Logger,
  ) {}

  /**
   * Validates, sanitises and stores one image; returns the file id. Over 10 MB or over 60
   * megapixels (read from the header, before decoding) → 413, not a JPEG/PNG/HEIC/WebP by content
   * → 415, too many photos being processed → 503; a refused image is never written to disk.
   * With a tx, the row commits with the caller's own rows (a rolled-back tx leaves a sealed file
   * without a row, removed by sweepOrphans).
   */
  async storeImage(input: Buffer | Readable, owner: FileOwner, tx?: DbOrTx, opts: { claimHash?: string } = {}): Promise<string> {
    const raw = Buffer.isBuffer(input) ? input : await readLimited(input, MAX_IMAGE_BYTES);
    if (raw.length > MAX_IMAGE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', '照片不能超过 10MB，请换一张或压缩后再传');
    const kind = sniffImage(raw);
    if (!kind) throw new AppError('UNSUPPORTED_MEDIA_TYPE', UNSUPPORTED_IMAGE_MESSAGE, [{ path: 'file', message: '文件类型不支持' }]);
    // Bound the pixels from the header before anything is decoded (a few-KB PNG can declare 20000×20000).
    const size = await declaredDimensions(raw, kind);
    if (!size) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '照片已损坏或无法识别，请换一张照片', [{ path: 'file', message: '无法读取照片尺寸' }]);
    if (size.width * size.height > MAX_INPUT_PIXELS) {
      throw new AppError('PAYLOAD_TOO_LARGE', `照片像素过多（${size.width}×${size.height}），最多 6000 万像素，请缩小后再传`, [{ path: 'file', message: '像素过多' }]);
    }
    const clean = await this.imageWork.run(() => sanitizeImage(raw, kind));
    const id = randomUUID();
    const storageKey = `${id.slice(0, 2)}/${id}.bin`;
    await this.writeSealed(storageKey, this.crypto.sealFile(clean.data));
    try {
      await filesRepo.insert(tx ?? this.db, {
        id,
        ownerType: owner.ownerType,
        ownerId: owner.ownerId === null ? null : String(owner.ownerId),
        claimHash: opts.claimHash ?? null,
        mime: clean.mime,
        width: clean.width,
        height: clean.height,
        bytes: clean.data.length,
        storageKey,
        createdAt: this.clock.now(),
      });
    } catch (err) {
      await unlink(this.fullPath(storageKey)).catch(() => undefined);
      throw err;
    }
    return id;
  }

  /** An upload made before its report exists: the ticket (returned once) lets the sender claim it. */
  async storePending(input: Buffer): Promise<{ fileId: string; ticket: string }> {
    const ticket = randomToken(24);
    const fileId = await this.storeImage(input, { ownerType: 'pending', ownerId: null }, undefined, { claimHash: this.ticketHash(ticket) });
    return { fileId, ticket };
  }

  /**
   * A recording or PDF (附件5/6 attachments beyond photos): told by content, at most 20 MB, sealed as
   * it is (nothing to strip: it is never shown inline to the public). 413 / 415 otherwise.
   */
  async storePendingDocument(input: Buffer): Promise<{ fileId: string; ticket: string; type: DocumentType; mime: string; bytes: number }> {
    if (input.length > MAX_DOCUMENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', '文件不能超过 20MB', [{ path: 'file', message: '文件过大' }]);
    const kind = sniffDocument(input);
    if (!kind)
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只能上传录音（MP3、M4A、AAC、WAV、AMR、OGG）或 PDF 文件', [{ path: 'file', message: '文件类型不支持' }]);
    const ticket = randomToken(24);
    const id = randomUUID();
    const storageKey = `${id.slice(0, 2)}/${id}.bin`;
    await this.writeSealed(storageKey, this.crypto.sealFile(input));
    try {
      await filesRepo.insert(this.db, {
        id,
        ownerType: 'pending',
        ownerId: null,
        claimHash: this.ticketHash(ticket),
        mime: kind.mime,
        width: 0,
        height: 0,
        bytes: input.length,
        storageKey,
        createdAt: this.clock.now(),
      });
    } catch (err) {
      await unlink(this.fullPath(storageKey)).catch(() => undefined);
      throw err;
    }
    return { fileId: id, ticket, type: kind.type, mime: kind.mime, bytes: input.length };
  }

  /**
   * Attaches pending uploads to their owner inside the caller's transaction; any bad ticket → 400.
   * `kind` keeps photos and documents apart (a PDF is never claimed as a photo, nor the reverse).
   */
  async claim(
    refs: { fileId: string; ticket: string }[],
    owner: { ownerType: string; ownerId: string | number },
    tx: DbOrTx,
    kind: 'image' | 'document' = 'image',
  ): Promise<number> {
    const seen = new Set<string>();
    const field = kind === 'image' ? 'attachments' : 'documents';
    const lost = kind === 'image' ? '有照片已失效，请删除后重新添加' : '有录音或文件已失效，请删除后重新添加';
    for (const ref of refs) {
      if (seen.has(ref.fileId)) continue;
      seen.add(ref.fileId);
      const row = await filesRepo.byId(tx, ref.fileId);
      if (!row || isDocumentMime(row.mime) !== (kind === 'document')) throw AppError.validation(field, lost);
      const ok = await filesRepo.claim(tx, ref.fileId, this.ticketHash(ref.ticket), { ownerType: owner.ownerType, ownerId: String(owner.ownerId) });
      if (!ok) throw AppError.validation(field, lost);
    }
    return seen.size;
  }

  /** A stored recording or PDF (callers check access first). */
  async readDocument(fileId: string): Promise<StoredImage | undefined> {
    const row = await filesRepo.byId(this.db, fileId);
    if (!row || row.ownerType === 'pending' || !isDocumentMime(row.mime)) return undefined;
    const sealed = await readFile(this.fullPath(row.storageKey));
    return { data: this.crypto.openFile(sealed), mime: row.mime, width: 0, height: 0 };
  }

  async readImage(fileId: string): Promise<StoredImage | undefined> {
    const row = await filesRepo.byId(this.db, fileId);
    if (!row || row.ownerType === 'pending' || isDocumentMime(row.mime)) return undefined;
    const sealed = await readFile(this.fullPath(row.storageKey));
    return { data: this.crypto.openFile(sealed), mime: row.mime, width: row.width, height: row.height };
  }

  meta(fileId: string): Promise<FileRow | undefined> {
    return filesRepo.byId(this.db, fileId);
  }

  listByOwner(ownerType: string, ownerId: string | number): Promise<FileRow[]> {
    return filesRepo.byOwner(this.db, ownerType, String(ownerId));
  }

  listByOwners(ownerType: string, ownerIds: (string | number)[]): Promise<FileRow[]> {
    return filesRepo.byOwners(this.db, ownerType, ownerIds.map(String));
  }

  /** Removes uploads never claimed by a report, row and file. */
  async sweepPending(): Promise<number> {
    const stale = await filesRepo.stalePending(this.db, new Date(this.clock.now().getTime() - PENDING_TTL_MS));
    for (const row of stale) {
      await filesRepo.delete(this.db, row.id);
      await unlink(this.fullPath(row.storageKey)).catch(() => undefined);
    }
    return stale.length;
  }

  /** Removes sealed files older than an hour that have no row (a caller's transaction rolled back). */
  async sweepOrphans(minAgeMs = 3600_000): Promise<number> {
    let removed = 0;
    const dirs = await readdir(this.uploadDir).catch(() => [] as string[]);
    for (const dir of dirs) {
      const names = await readdir(path.join(this.uploadDir, dir)).catch(() => [] as string[]);
      const keys = names.filter((n) => n.endsWith('.bin')).map((n) => `${dir}/${n}`);
      const known = await filesRepo.storageKeys(this.db, keys);
      for (const key of keys) {
        if (known.has(key)) continue;
        const st = await stat(this.fullPath(key)).catch(() => null);
        if (st && Date.now() - st.mtimeMs > minAgeMs) {
          await unlink(this.fullPath(key)).catch(() => undefined);
          removed++;
        }
      }
    }
    return removed;
  }

  private ticketHash(ticket: string): string {
    return this.crypto.blindIndex('upload-ticket', ticket);
  }

  private fullPath(storageKey: string): string {
    return path.join(this.uploadDir, storageKey);
  }

  /** Write to a temp name, fsync, rename: a crash never leaves a half-written file under its key. */
  private async writeSealed(storageKey: string, data: Buffer): Promise<void> {
    const target = this.fullPath(storageKey);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const tmp = `${target}.tmp-${randomToken(6)}`;
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await rename(tmp, target);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      this.logger.error({ err }, 'storing an upload failed');
      throw err;
    }
  }
}

async function readLimited(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      stream.destroy();
      throw new AppError('PAYLOAD_TOO_LARGE', '照片不能超过 10MB，请换一张或压缩后再传');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}
