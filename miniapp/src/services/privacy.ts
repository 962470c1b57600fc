import Taro from '@tarojs/taro';
import { IS_WEAPP } from './config';

type PrivacyResolve = Parameters<Parameters<typeof Taro.onNeedPrivacyAuthorization>[0]>[0];
type Listener = (open: boolean) => void;

export const PRIVACY_AGREE_BUTTON_ID = 'wbt-privacy-agree';

let pending: PrivacyResolve[] = [];
const listeners = new Set<Listener>();
let installed = false;

/**
 * WeChat asks the app to show its privacy notice before the first privacy-scoped API (photos,
 * location, clipboard…). The dialog mounted on the current page answers; with no dialog, refuse.
 */
export function installPrivacyHandler(): void {
  if (!IS_WEAPP || installed || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  installed = true;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    if (listeners.size === 0) {
      resolve({ event: 'disagree' });
      return;
    }
    pending.push(resolve);
    resolve({ event: 'exposureAuthorization' });
    listeners.forEach((l) => l(true));
  });
}

export function onPrivacyRequest(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Answer every pending request; `agree` must come from the agreePrivacyAuthorization button. */
export function answerPrivacy(agree: boolean): void {
  const resolves = pending;
  pending = [];
  for (const resolve of resolves) {
    resolve(agree ? { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID } : { event: 'disagree' });
  }
  listeners.forEach((l) => l(false));
}
