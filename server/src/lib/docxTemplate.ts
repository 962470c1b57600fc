import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';

/** server/templates, from the source tree (tsx) or from the bundle in server/dist. */
function templatePath(name: string): string {
  const candidates = [path.resolve(__dirname, '../../templates', name), path.resolve(__dirname, '../../../templates', name), path.resolve(__dirname, '../templates', name)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`template ${name} not found`);
  return found;
}

/**
 * Fills an editable Word template (server/templates/<name>, {tags} and {#loops}) with docxtemplater.
 * Missing values print as empty, never as "undefined".
 */
export function fillDocx(name: string, data: Record<string, unknown>): Buffer {
  const doc = new Docxtemplater(new PizZip(readFileSync(templatePath(name))), { paragraphLoop: true, linebreaks: true, nullGetter: () => '' });
  doc.render(data);
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer;
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const attachment = (filename: string, ascii: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
