/**
 * Cutting Chinese text into what the policy index looks up: index tokens of a text (Han bigrams and
 * single characters, latin/digit words), and a query's meaningful words with their synonyms.
 */
import { STOPWORDS, SYNONYMS } from './searchVocabulary';

/** Weight of a query word's synonyms relative to the word itself. */
const SYNONYM_WEIGHT = 0.8;

export const HAN = /\p{Script=Han}/u;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** NFKC (full-width → half-width), lower case. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Runs of Han characters and runs of latin letters/digits; everything else separates. */
export function runs(text: string): string[] {
  return normalize(text).match(/\p{Script=Han}+|[a-z0-9]+/gu) ?? [];
}

/** Index tokens of a text: every Han bigram and single character, and whole latin/digit words. */
export function indexTokens(text: string): string[] {
  const out: string[] = [];
  for (const run of runs(text)) {
    if (!HAN.test(run[0])) {
      out.push(run);
      continue;
    }
    const chars = Array.from(run);
    for (let i = 0; i < chars.length; i++) {
      out.push(chars[i]);
      if (i + 1 < chars.length) out.push(chars[i] + chars[i + 1]);
    }
  }
  return out;
}

/** Tokens a query word is looked up by: its bigrams (a single character stands for itself). */
function wordTokens(word: string): string[] {
  if (!HAN.test(word)) return [word];
  const chars = Array.from(word);
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

const SYNONYM_KEYS = Object.keys(SYNONYMS)
  .filter((k) => Array.from(k).length >= 2)
  .sort((a, b) => b.length - a.length);

function splitOnKeys(run: string): { text: string; key: boolean }[] {
  const out: { text: string; key: boolean }[] = [];
  let rest = '';
  for (let i = 0; i < run.length; ) {
    const key = SYNONYM_KEYS.find((k) => run.startsWith(k, i));
    if (key) {
      if (rest) out.push({ text: rest, key: false });
      rest = '';
      out.push({ text: key, key: true });
      i += key.length;
    } else {
      rest += run[i];
      i += 1;
    }
  }
  if (rest) out.push({ text: rest, key: false });
  return out;
}

/** Segmenter words minus stop words; runs of single characters it split ("低|保") are joined. */
function segmentWords(text: string): string[] {
  const words: string[] = [];
  let pending = '';
  const flush = () => {
    if (pending && !STOPWORDS.has(pending)) words.push(pending);
    pending = '';
  };
  for (const { segment } of segmenter.segment(text)) {
    if (STOPWORDS.has(segment)) {
      flush();
    } else if (Array.from(segment).length === 1) {
      pending += segment;
    } else {
      flush();
      words.push(segment);
    }
  }
  flush();
  return words;
}

export interface QueryWord {
  word: string;
  /** A lone Han character ("管") says little: it counts less than a real word. */
  weight: number;
  /** The word itself (weight 1) and its synonyms (lower weight). */
  alternatives: { text: string; weight: number; tokens: string[] }[];
}

/**
 * Splits a query into meaningful words: whitespace separates, Intl.Segmenter cuts the rest, stop
 * words go, and runs of single characters the segmenter split ("低|保") are joined again.
 */
export function parseQuery(query: string): QueryWord[] {
  const words: string[] = [];
  for (const run of runs(query)) {
    if (!HAN.test(run[0])) {
      words.push(run);
      continue;
    }
    if (STOPWORDS.has(run)) continue;
    // Known colloquial phrases ("没人管", "打孩子", "急用钱") are kept whole, longest first;
    // the text between them is cut by the segmenter.
    for (const piece of splitOnKeys(run)) {
      if (piece.key) words.push(piece.text);
      else words.push(...segmentWords(piece.text));
    }
  }
  // A query of nothing but stop words ("孩子") still searches for what was typed.
  if (words.length === 0) words.push(...runs(query));

  const seen = new Set<string>();
  const out: QueryWord[] = [];
  for (const word of words) {
    if (seen.has(word)) continue;
    seen.add(word);
    const alternatives = [{ text: word, weight: 1, tokens: wordTokens(word) }];
    const known = new Set([word]);
    // Keys found in the word; a key inside a longer matching key ("钱" in "急用钱") is dropped.
    const keys = Object.keys(SYNONYMS).filter((k) => word.includes(k));
    for (const key of keys.filter((k) => !keys.some((other) => other !== k && other.includes(k)))) {
      for (const e of SYNONYMS[key]) {
        const text = normalize(e);
        if (known.has(text)) continue;
        known.add(text);
        alternatives.push({ text, weight: SYNONYM_WEIGHT, tokens: wordTokens(text) });
      }
    }
    const lone = HAN.test(word) && Array.from(word).length === 1;
    out.push({ word, weight: lone ? 0.35 : 1, alternatives });
  }
  return out;
}
