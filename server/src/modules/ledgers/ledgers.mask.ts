import { maskName } from '@wbt/shared';

/**
 * Masks for roles that may have a roster but not the full personal data in it (county statistics,
 * social workers): enough to tell rows apart, not enough to identify a child.
 */
export const mask = {
  name: (v: string | null | undefined): string => (v ? maskName(v) : ''),
  idNumber: (v: string | null | undefined): string => (v ? `${v.slice(0, 3)}${'*'.repeat(Math.max(0, v.length - 5))}${v.slice(-2)}` : ''),
  phone: (v: string | null | undefined): string => {
    if (!v) return '';
    if (/^1\d{10}$/.test(v)) return `${v.slice(0, 3)}****${v.slice(-4)}`;
    return `${v.slice(0, 4)}****${v.slice(-2)}`;
  },
  address: (v: string | null | undefined): string => {
    if (!v) return '';
    const chars = Array.from(v);
    return chars.length <= 6 ? `${chars.slice(0, 2).join('')}***` : `${chars.slice(0, 6).join('')}***`;
  },
  dob: (v: string | null | undefined): string => (v ? `${v.slice(0, 4)}年` : ''),
  text: (v: string | null | undefined): string => (v ? '（已隐去）' : ''),
};

export type Sensitivity = keyof typeof mask;
