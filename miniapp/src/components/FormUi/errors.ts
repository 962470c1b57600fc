import Taro from '@tarojs/taro';
import { IS_WEAPP } from '../../services/config';

/** The element id of a form field, from its path in the request body ("child.age" → "fld-child-age"). */
export const fieldId = (name: string): string => `fld-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** The first message of each field path ("child.age"), from zod issues or the API's error details. */
export function issuesByPath(issues: { path: readonly PropertyKey[] | string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = typeof issue.path === 'string' ? issue.path.replace(/^body\./, '') : issue.path.map(String).join('.');
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** The field with an error that comes first on the page (`order` lists the form's fields top to bottom). */
export function firstErrorPath(errors: Record<string, string>, order: string[]): string | undefined {
  const keys = Object.keys(errors);
  return order.find((name) => keys.some((k) => k === name || k.startsWith(`${name}.`))) ?? keys[0];
}

/** Brings a field into view, in the middle of the screen. */
export function scrollToField(name: string): void {
  const id = fieldId(name);
  if (IS_WEAPP) {
    Taro.pageScrollTo({ selector: `#${id}`, offsetTop: -120, duration: 300 }).catch(() => undefined);
    return;
  }
  // H5 keeps earlier pages of the stack in the document: take the one that is on screen.
  const el = Array.from(document.querySelectorAll<HTMLElement>(`[id="${id}"]`)).find((e) => e.offsetParent !== null);
  el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}
