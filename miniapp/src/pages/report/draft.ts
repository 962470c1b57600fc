import Taro from '@tarojs/taro';
import type { ReportKind } from '@wbt/shared';
import { newIdempotencyKey } from './reportApi';

export interface PhotoRef {
  fileId: string;
  ticket: string;
  /** Local preview path (may be gone after the app restarts). */
  path: string;
}

/** A recording or PDF uploaded for the report. */
export interface DocRef {
  fileId: string;
  ticket: string;
  name: string;
  type: 'audio' | 'pdf';
}

export interface Person {
  name: string;
  phone: string;
}

export interface FormValues {
  orgId: number | null;
  situations: string[];
  /** The seeds' further situations (脱离监护、意外伤害…). */
  triggers: string[];
  situationOther: string;
  account: string;
  place: string;
  /** "YYYY-MM-DD HH:mm" (Beijing), picked; empty when not known. */
  occurredAt: string;
  child: { name: string; sex: string; age: string; address: string; phone: string };
  guardian: { name: string; relation: string; phone: string };
  perpetrator: { name: string; relation: string; address: string; phone: string };
  childState: { physical: string; mental: string; behaviour: string; view: string };
  anonymous: boolean;
  reporter: { name: string; phone: string; identity: string; identityNote: string };
  method: string;
  methodNote: string;
  reportedAt: string;
}

export interface Draft {
  /** Idempotency-Key of this report: the same for every send until the server acknowledges it. */
  key: string;
  values: FormValues;
  photos: PhotoRef[];
  documents?: DocRef[];
  updatedAt: number;
}

export const emptyValues = (): FormValues => ({
  orgId: null,
  situations: [],
  triggers: [],
  situationOther: '',
  account: '',
  place: '',
  occurredAt: '',
  child: { name: '', sex: '', age: '', address: '', phone: '' },
  guardian: { name: '', relation: '', phone: '' },
  perpetrator: { name: '', relation: '', address: '', phone: '' },
  childState: { physical: '', mental: '', behaviour: '', view: '' },
  anonymous: true,
  reporter: { name: '', phone: '', identity: '', identityNote: '' },
  method: 'phone',
  methodNote: '',
  reportedAt: '',
});

const storageKey = (kind: ReportKind) => `wbt.report.draft.${kind}`;

/** An anonymous draft keeps no name or phone of the reporter. */
function scrub(values: FormValues): FormValues {
  if (!values.anonymous) return values;
  return { ...values, reporter: { ...values.reporter, name: '', phone: '' } };
}

export function loadDraft(kind: ReportKind): Draft {
  try {
    const stored = Taro.getStorageSync(storageKey(kind)) as Draft | '';
    if (stored && typeof stored === 'object' && stored.key && stored.values) {
      // A draft from before the date-time picker kept free text: it cannot be sent as a time.
      const occurredAt = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(stored.values.occurredAt ?? '') ? stored.values.occurredAt : '';
      return { ...stored, documents: stored.documents ?? [], values: { ...emptyValues(), ...stored.values, occurredAt } };
    }
  } catch {
    // storage unavailable: start empty
  }
  return { key: newIdempotencyKey(), values: emptyValues(), photos: [], documents: [], updatedAt: 0 };
}

export function saveDraft(kind: ReportKind, draft: Draft): void {
  try {
    Taro.setStorageSync(storageKey(kind), { ...draft, values: scrub(draft.values), updatedAt: Date.now() });
  } catch {
    // storage full or unavailable: the form still works, only the draft is not kept
  }
}

/** Only after the server acknowledged the report. */
export function removeDraft(kind: ReportKind): void {
  try {
    Taro.removeStorageSync(storageKey(kind));
  } catch {
    // nothing to remove
  }
}

export function hasContent(v: FormValues): boolean {
  return !!(v.account.trim() || v.situations.length || v.triggers.length || v.orgId);
}
