import type { DocumentType } from '@wbt/shared';

export interface DocumentKind {
  type: DocumentType;
  mime: string;
}

const ascii = (buf: Buffer, at: number, text: string) => buf.length >= at + text.length && buf.toString('latin1', at, at + text.length) === text;

/**
 * Recordings and PDFs a report may carry, told by their content (never by the name or the declared
 * type): PDF; MP3 (ID3 tag or an MPEG audio frame), AAC (ADTS), M4A (MP4 audio brand), WAV, AMR, Ogg.
 * Anything else (a program, an archive, a web page) is refused.
 */
export function sniffDocument(buf: Buffer): DocumentKind | null {
  if (buf.length < 12) return null;
  if (ascii(buf, 0, '%PDF-')) return { type: 'pdf', mime: 'application/pdf' };
  if (ascii(buf, 0, 'ID3')) return { type: 'audio', mime: 'audio/mpeg' };
  if (buf[0] === 0xff && (buf[1] & 0xf6) === 0xf0) return { type: 'audio', mime: 'audio/aac' };
  if (buf[0] === 0xff && (buf[1] & 0xe0) === 0xe0) return { type: 'audio', mime: 'audio/mpeg' };
  if (ascii(buf, 0, 'RIFF') && ascii(buf, 8, 'WAVE')) return { type: 'audio', mime: 'audio/wav' };
  if (ascii(buf, 0, '#!AMR')) return { type: 'audio', mime: 'audio/amr' };
  if (ascii(buf, 0, 'OggS')) return { type: 'audio', mime: 'audio/ogg' };
  if (ascii(buf, 4, 'ftyp')) {
    const brand = buf.toString('latin1', 8, 12);
    if (['M4A ', 'M4B ', 'mp42', 'isom', 'mp41', '3gp4', '3gp5'].includes(brand)) return { type: 'audio', mime: 'audio/mp4' };
  }
  return null;
}

export const isDocumentMime = (mime: string) => mime === 'application/pdf' || mime.startsWith('audio/');
