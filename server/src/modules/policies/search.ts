/**
 * In-memory full-text index of policy articles for Chinese text (no I/O; rebuilt by the service).
 *
 * Chinese has no spaces, so documents are indexed by overlapping character bigrams (and single
 * characters), which finds any word without a dictionary and tolerates a wrong character in a
 * longer term. Queries are cut into words with Intl.Segmenter (ICU's dictionary segmenter for zh),
 * stop words ("怎么", "什么", "孩子"…) are dropped, colloquial words are expanded to the terms the
 * policies use ("上学" → 教育/入学/就学, "看病" → 医疗, "低保" → 最低生活保障), and documents are
 * ranked BM25F-style with field weights title > summary > eligibility/materials/where > body, a
 * bonus for documents matching every query word and for whole words in the title.
 */
import { HAN, normalize, parseQuery, runs, type QueryWord } from './searchQuery';

export { indexTokens, normalize, parseQuery, type QueryWord } from './searchQuery';
export { SYNONYMS } from './searchVocabulary';

export interface SearchDoc {
  id: number;
  /** Only published documents are visible to the public; editors may search all. */
  status: string;
  topic: string;
  title: string;
  summary: string;
  eligibility: string;
  materials: string[];
  whereToApply: string;
  body: string;
  source: string;
}

export interface SearchOptions {
  limit?: number;
  topic?: string;
  /** Return drafts and archived documents too (editors). */
  includeAll?: boolean;
}

export interface SearchHit {
  id: number;
  score: number;
  snippet: string;
}

const FIELDS = ['title', 'summary', 'meta', 'body'] as const;
type Field = (typeof FIELDS)[number];
const FIELD_WEIGHT: Record<Field, number> = { title: 5, summary: 2.5, meta: 1.3, body: 1 };
const FIELD_B: Record<Field, number> = { title: 0.3, summary: 0.5, meta: 0.7, body: 0.75 };
const K1 = 1.2;
/** Results scoring below this share of the best result are noise and dropped. */
const RELATIVE_CUTOFF = 0.12;

/**
 * Han characters get dense ids (a few thousand distinct ones in practice); a bigram's key is
 * (first + 1) * CHAR_SPAN + second, which stays a small integer for fast Map look-ups.
 */
const CHAR_SPAN = 32768;

/** True when every character of `needle` appears in `hay` in order ("低保" in "最低生活保障"). */
function isSubsequence(needle: string[], hay: string): boolean {
  let i = 0;
  for (const ch of hay) {
    if (ch === needle[i]) i++;
    if (i === needle.length) return true;
  }
  return false;
}

interface Stored {
  doc: SearchDoc;
  /** Index tokens per field, for BM25 length normalisation. */
  len: Float64Array;
  /** Distinct token ids of the document (to take it out of the postings again). */
  tokens: Int32Array;
  title: string;
  summary: string;
  body: string;
}

/**
 * The index: token strings are interned to ids; each token has a posting list of document slots
 * with, per posting, the token's frequency in each of the four fields (flat arrays, no per-posting
 * objects). Scoring accumulates into dense per-slot arrays: a library is thousands of articles.
 */
export class PolicySearchIndex {
  /** Token key (see keyOf) → token id. */
  private readonly tokenIds = new Map<number, number>();
  /** Latin/digit words get negative keys. */
  private readonly wordKeys = new Map<string, number>();
  /** Han code point → dense character id. */
  private readonly charIds = new Map<number, number>();
  private readonly postSlots: number[][] = [];
  /** Per posting, the token's frequency in each field, 7 bits each (capped at 127), packed in one small integer. */
  private readonly postTf: number[][] = [];
  /** Build-time scratch per token id: the last slot that got a posting, and that posting's index. */
  private readonly lastSlot: number[] = [];
  private readonly lastAt: number[] = [];
  private readonly slots = new Map<number, number>();
  private readonly docs: (Stored | undefined)[] = [];
  private readonly totalLen = new Float64Array(FIELDS.length);
  private count = 0;
  /** Per-slot field weights / length normalisation and per-token scores, valid until the next change. */
  private norm: Float64Array | null = null;
  private readonly scoreCache = new Map<number, Float64Array>();

  static build(docs: SearchDoc[]): PolicySearchIndex {
    const index = new PolicySearchIndex();
    for (const d of docs) index.upsert(d);
    return index;
  }

  /**
   * The same index, built in slices of about `sliceMs` of work with a turn of the event loop
   * between them, so other requests keep being served while thousands of articles are indexed.
   */
  static async buildSliced(docs: SearchDoc[], sliceMs = 8): Promise<PolicySearchIndex> {
    const index = new PolicySearchIndex();
    let sliceStart = performance.now();
    for (const d of docs) {
      index.upsert(d);
      if (performance.now() - sliceStart >= sliceMs) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    return index;
  }

  get size(): number {
    return this.count;
  }

  private changed(): void {
    this.norm = null;
    this.scoreCache.clear();
  }

  upsert(doc: SearchDoc): void {
    this.remove(doc.id);
    this.changed();
    const slot = this.docs.length;
    const texts = [
      doc.title,
      doc.summary,
      [doc.eligibility, doc.materials.join('\n'), doc.whereToApply, doc.source].join('\n'),
      doc.body,
    ];
    const len = new Float64Array(FIELDS.length);
    const own: number[] = [];
    texts.forEach((text, f) => {
      const shift = f * 7;
      const add = (key: number) => {
        len[f] += 1;
        let id = this.tokenIds.get(key);
        if (id === undefined) {
          id = this.postSlots.length;
          this.tokenIds.set(key, id);
          this.postSlots.push([]);
          this.postTf.push([]);
          this.lastSlot.push(-1);
          this.lastAt.push(0);
        }
        let at: number;
        if (this.lastSlot[id] === slot) {
          at = this.lastAt[id];
        } else {
          at = this.postSlots[id].length;
          this.postSlots[id].push(slot);
          this.postTf[id].push(0);
          this.lastSlot[id] = slot;
          this.lastAt[id] = at;
          own.push(id);
        }
        const tf = this.postTf[id];
        if (((tf[at] >> shift) & 127) < 127) tf[at] += 1 << shift;
      };
      for (const run of runs(text)) {
        if (!HAN.test(run[0])) {
          add(this.wordKey(run, true)!);
          continue;
        }
        let prev = -1;
        for (let i = 0; i < run.length; i++) {
          const cp = run.codePointAt(i)!;
          if (cp > 0xffff) i++;
          let c = this.charIds.get(cp);
          if (c === undefined) this.charIds.set(cp, (c = this.charIds.size));
          add(c);
          if (prev >= 0) add((prev + 1) * CHAR_SPAN + c);
          prev = c;
        }
      }
      this.totalLen[f] += len[f];
    });
    this.docs.push({ doc, len, tokens: Int32Array.from(own), title: normalize(doc.title), summary: normalize(doc.summary), body: normalize(doc.body) });
    this.slots.set(doc.id, slot);
    this.count += 1;
  }

  /** Numeric key of an index token: a Han character is its code point, a bigram a pair of them. */
  private keyOf(token: string): number | undefined {
    if (!HAN.test(token)) return this.wordKey(token, false);
    const ids = Array.from(token, (ch) => this.charIds.get(ch.codePointAt(0)!));
    if (ids.some((c) => c === undefined)) return undefined;
    return ids.length === 1 ? ids[0] : (ids[0]! + 1) * CHAR_SPAN + ids[1]!;
  }

  private wordKey(word: string, create: boolean): number | undefined {
    let key = this.wordKeys.get(word);
    if (key === undefined && create) this.wordKeys.set(word, (key = -(this.wordKeys.size + 1)));
    return key;
  }

  remove(id: number): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    const stored = this.docs[slot]!;
    this.changed();
    for (const t of stored.tokens) {
      const list = this.postSlots[t];
      const at = list.indexOf(slot);
      if (at < 0) continue;
      list.splice(at, 1);
      this.postTf[t].splice(at, 1);
      this.lastSlot[t] = -1;
    }
    for (let f = 0; f < FIELDS.length; f++) this.totalLen[f] -= stored.len[f];
    this.docs[slot] = undefined;
    this.slots.delete(id);
    this.count -= 1;
  }

  search(query: string, opts: SearchOptions = {}): SearchHit[] {
    const limit = opts.limit ?? 20;
    const words = parseQuery(query);
    if (words.length === 0 || this.count === 0) return [];
    const n = this.docs.length;
    const visible = (s: Stored) => (opts.includeAll || s.doc.status === 'published') && (!opts.topic || s.doc.topic === opts.topic);

    const norm = this.normalisation();
    const tokenScores = (id: number): Float64Array => {
      let scores = this.scoreCache.get(id);
      if (scores) return scores;
      const slots = this.postSlots[id];
      const tf = this.postTf[id];
      const idf = Math.log(1 + (this.count - slots.length + 0.5) / (slots.length + 0.5));
      scores = new Float64Array(slots.length);
      for (let k = 0; k < slots.length; k++) {
        const base = slots[k] * 4;
        const p = tf[k];
        const w = (p & 127) * norm[base] + ((p >> 7) & 127) * norm[base + 1] + ((p >> 14) & 127) * norm[base + 2] + ((p >> 21) & 127) * norm[base + 3];
        scores[k] = (idf * w * (K1 + 1)) / (w + K1);
      }
      if (this.scoreCache.size > 20_000) this.scoreCache.clear();
      this.scoreCache.set(id, scores);
      return scores;
    };

    const total = new Float64Array(n);
    const matched = new Float64Array(n);
    /** Real words (not lone characters) matched: a query with real words needs at least one. */
    const strong = new Uint8Array(n);
    const hasStrong = words.some((w) => w.weight === 1);
    const sum = new Float64Array(n);
    const hits = new Uint16Array(n);
    const best = new Float64Array(n);
    const abbrev = new Uint8Array(n);
    for (const word of words) {
      const bestTouched: number[] = [];
      // The word's characters in order in a title: an abbreviation ("低保" → 最低生活保障).
      const chars = Array.from(word.word);
      abbrev.fill(0);
      if (chars.length >= 2) {
        for (let slot = 0; slot < n; slot++) {
          const stored = this.docs[slot];
          if (stored && isSubsequence(chars, stored.title)) abbrev[slot] = 1;
        }
      }
      for (const alt of word.alternatives) {
        const touched: number[] = [];
        for (const t of alt.tokens) {
          const key = this.keyOf(t);
          const id = key === undefined ? undefined : this.tokenIds.get(key);
          if (id === undefined) continue;
          const slots = this.postSlots[id];
          const scores = tokenScores(id);
          for (let k = 0; k < slots.length; k++) {
            const slot = slots[k];
            if (hits[slot] === 0) touched.push(slot);
            sum[slot] += scores[k];
            hits[slot] += 1;
          }
        }
        for (const slot of touched) {
          const coverage = hits[slot] / alt.tokens.length;
          const s = sum[slot];
          sum[slot] = 0;
          hits[slot] = 0;
          // A longer word matched only in part (a typo) counts; one matched in small part does not.
          if (alt.tokens.length > 1 && coverage < 0.5) continue;
          const stored = this.docs[slot]!;
          let score = (s / alt.tokens.length) * coverage * coverage * alt.weight;
          if (stored.title.includes(alt.text)) score += 3 * alt.weight;
          else if (alt.weight === 1 && abbrev[slot] === 1) score += 1.5;
          if (stored.summary.includes(alt.text)) score += 1 * alt.weight;
          if (best[slot] === 0) bestTouched.push(slot);
          if (score > best[slot]) best[slot] = score;
        }
      }
      // Documents the bigrams cannot see at all but whose title abbreviates to the word.
      for (let slot = 0; slot < n; slot++) {
        if (abbrev[slot] === 1 && best[slot] === 0) {
          best[slot] = 1.5;
          bestTouched.push(slot);
        }
      }
      for (const slot of bestTouched) {
        if (best[slot] > 0) {
          total[slot] += best[slot] * word.weight;
          matched[slot] += word.weight;
          if (word.weight === 1) strong[slot] = 1;
        }
        best[slot] = 0;
      }
    }
    const wordWeight = words.reduce((acc, w) => acc + w.weight, 0);

    const ranked: { slot: number; score: number }[] = [];
    for (let slot = 0; slot < n; slot++) {
      if (total[slot] === 0 || (hasStrong && strong[slot] === 0)) continue;
      const stored = this.docs[slot];
      if (!stored || !visible(stored)) continue;
      const coordination = matched[slot] / wordWeight;
      ranked.push({ slot, score: total[slot] * (0.3 + 0.7 * coordination * coordination) });
    }
    ranked.sort((a, b) => b.score - a.score || this.docs[a.slot]!.doc.id - this.docs[b.slot]!.doc.id);
    const top = ranked[0]?.score ?? 0;
    return ranked
      .filter((r) => r.score >= top * RELATIVE_CUTOFF)
      .slice(0, limit)
      .map((r) => ({ id: this.docs[r.slot]!.doc.id, score: Math.round(r.score * 1000) / 1000, snippet: this.snippet(this.docs[r.slot]!, words) }));
  }

  /** BM25F: field weight / (1 - b + b * fieldLength / averageFieldLength), per slot and field. */
  private normalisation(): Float64Array {
    if (this.norm) return this.norm;
    const avg = Array.from(this.totalLen, (total) => (this.count ? total / this.count : 1) || 1);
    const norm = new Float64Array(this.docs.length * 4);
    this.docs.forEach((d, slot) => {
      if (!d) return;
      FIELDS.forEach((field, f) => {
        norm[slot * 4 + f] = FIELD_WEIGHT[field] / (1 - FIELD_B[field] + (FIELD_B[field] * d.len[f]) / avg[f]);
      });
    });
    return (this.norm = norm);
  }

  /** About 60 characters of summary or body around the first query word (or synonym) found. */
  private snippet(stored: Stored, words: QueryWord[]): string {
    const texts: [string, string][] = [
      [stored.doc.summary, stored.summary],
      [stored.doc.body, stored.body],
    ];
    for (const alt of words.flatMap((w) => w.alternatives)) {
      for (const [text, normalized] of texts) {
        const at = normalized.indexOf(alt.text);
        if (at < 0) continue;
        const start = Math.max(0, at - 20);
        const piece = text.slice(start, start + 60).replace(/\s+/g, ' ');
        return (start > 0 ? '…' : '') + piece + (start + 60 < text.length ? '…' : '');
      }
    }
    return stored.doc.summary.length > 60 ? `${stored.doc.summary.slice(0, 60)}…` : stored.doc.summary;
  }
}
