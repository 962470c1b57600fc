import { z } from 'zod';

// Validation messages in Chinese for both server answers and mini-program forms.
z.config(z.locales.zhCN());

/**
 * For clients that may not evaluate code (the H5 build under its Content-Security-Policy, WeChat's
 * runtime): zod otherwise probes `new Function("")` on its first parse, which a strict CSP reports
 * as a violation. The server keeps zod's faster compiled parsers.
 */
export function disableZodEval(): void {
  z.config({ jitless: true });
}
