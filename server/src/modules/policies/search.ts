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
/** Weight of a query word's synonyms relative to the word itself. */
const SYNONYM_WEIGHT = 0.8;
/** Results scoring below this share of the best result are noise and dropped. */
const RELATIVE_CUTOFF = 0.12;

/**
 * Colloquial word → terms the policy texts use. Matched when a query word contains the key.
 * Keep entries to well-known Chinese welfare vocabulary; no amounts, no local facts.
 */
export const SYNONYMS: Record<string, string[]> = {
  上学: ['入学', '就学', '义务教育', '学生资助', '助学', '学费'],
  读书: ['就学', '入学', '义务教育', '学生资助'],
  念书: ['就学', '入学', '义务教育'],
  学费: ['免学费', '教育资助', '助学金', '学生资助'],
  学杂费: ['免学费', '教育资助'],
  书本费: ['免费教科书', '两免一补'],
  住校: ['寄宿', '寄宿生生活费'],
  寄宿: ['寄宿生生活费'],
  吃饭: ['营养改善', '生活费'],
  营养餐: ['营养改善计划'],
  助学金: ['国家助学金', '学生资助'],
  贷款: ['助学贷款'],
  大学: ['高等教育', '助学贷款', '新生入学资助'],
  退学: ['失学辍学', '控辍保学'],
  不上学: ['失学辍学', '控辍保学', '劝返'],
  辍学: ['失学辍学', '控辍保学'],
  补助: ['补贴', '资助', '救助', '助学金', '基本生活费'],
  补贴: ['补助', '资助', '基本生活费'],
  生活费: ['基本生活费', '基本生活保障', '基本生活'],
  钱: ['补贴', '补助', '救助', '基本生活费'],
  低保: ['最低生活保障', '低保家庭'],
  特困: ['特困人员', '救助供养'],
  没饭吃: ['临时救助', '最低生活保障'],
  急用钱: ['临时救助'],
  救急: ['临时救助'],
  遭灾: ['临时救助', '受灾'],
  着火: ['临时救助', '火灾'],
  出车祸: ['临时救助', '意外'],
  看病: ['医疗', '就医', '医疗救助', '医疗保障'],
  住院: ['医疗救助', '住院'],
  生病: ['医疗', '重病', '大病', '医疗救助'],
  大病: ['重病', '重特大疾病', '医疗救助', '大病保险'],
  医药费: ['医疗救助', '医疗费用'],
  医保: ['医疗保险', '医疗保障', '居民医保', '参保'],
  残疾: ['残疾儿童', '残疾人', '康复'],
  残障: ['残疾'],
  残疾证: ['残疾人证'],
  康复: ['康复救助', '康复训练'],
  自闭症: ['孤独症', '康复救助'],
  脑瘫: ['康复救助', '残疾儿童'],
  聋: ['听力', '人工耳蜗', '康复救助'],
  耳蜗: ['人工耳蜗', '康复救助'],
  没人管: ['事实无人抚养', '监护缺失', '无人监护'],
  谁管: ['监护', '无人监护', '事实无人抚养'],
  没人照顾: ['无人监护', '监护缺失', '委托照护', '临时监护'],
  没人带: ['无人监护', '委托照护'],
  爸妈: ['父母'],
  爸爸: ['父母', '父亲'],
  妈妈: ['父母', '母亲'],
  没人养: ['事实无人抚养', '无人抚养'],
  没爹妈: ['孤儿', '事实无人抚养'],
  没爸妈: ['孤儿', '事实无人抚养'],
  父母双亡: ['孤儿'],
  扶养: ['抚养'],
  坐牢: ['服刑', '事实无人抚养'],
  服刑: ['服刑在押', '事实无人抚养'],
  戒毒: ['强制隔离戒毒', '事实无人抚养'],
  失联: ['失联', '失踪', '事实无人抚养'],
  失踪: ['失联', '事实无人抚养'],
  打工: ['外出务工', '留守儿童', '委托监护'],
  外出: ['外出务工', '留守儿童', '委托监护'],
  留守: ['留守儿童', '委托监护'],
  爷爷: ['祖父母', '委托监护'],
  奶奶: ['祖父母', '委托监护'],
  外公: ['祖父母', '委托监护'],
  外婆: ['祖父母', '委托监护'],
  带孩子: ['监护', '委托照护', '家庭教育'],
  管孩子: ['家庭教育', '监护'],
  教孩子: ['家庭教育', '亲子'],
  叛逆: ['家庭教育', '亲子沟通', '心理'],
  沉迷: ['网络', '家庭教育', '心理'],
  手机: ['网络', '沉迷'],
  打孩子: ['家庭暴力', '虐待', '强制报告'],
  打骂: ['家庭暴力', '虐待', '强制报告'],
  家暴: ['家庭暴力', '人身安全保护令', '强制报告'],
  虐待: ['家庭暴力', '强制报告'],
  性侵: ['性侵害', '强制报告', '报警'],
  猥亵: ['性侵害', '强制报告', '报警'],
  欺负: ['欺凌', '霸凌'],
  霸凌: ['欺凌'],
  报警: ['110', '强制报告'],
  举报: ['强制报告', '发现报告'],
  求助: ['求助', '报告'],
  心理: ['心理支持', '心理疏导', '心理健康'],
  抑郁: ['心理', '心理疏导', '心理健康'],
  想不开: ['心理危机', '心理疏导', '12355'],
  自杀: ['心理危机', '心理疏导', '12355'],
  不说话: ['心理', '情绪'],
  打官司: ['法律援助', '诉讼'],
  律师: ['法律援助', '法律咨询'],
  抚养费: ['法律援助', '抚养费'],
  离婚: ['抚养', '法律援助', '监护'],
  户口: ['户籍', '无户籍', '落户', '登记户口'],
  上户口: ['户籍', '落户', '登记户口'],
  黑户: ['无户籍', '登记户口'],
  托管: ['四点半课堂', '儿童之家', '课后'],
  放学: ['四点半课堂', '课后'],
  暑假: ['假期', '儿童之家'],
  收养: ['收养', '孤儿'],
  寄养: ['家庭寄养', '替代照料'],
};

/** Words that carry no meaning in a question ("孩子上学有什么补助" → 上学 补助). */
const STOPWORDS = new Set(
  (
    '的 了 吗 呢 啊 吧 么 嘛 呀 哦 是 在 和 与 及 跟 给 对 把 被 让 也 都 就 还 又 才 ' +
    '怎么 怎么样 怎样 怎么办 如何 什么 啥 哪里 哪儿 哪 哪些 哪个 去哪 去哪里 谁 多少 几 ' +
    '可以 能 能不能 可不可以 会 有 有没有 没有吗 是否 是不是 要 想 想要 需要 应该 ' +
    '我 我们 我家 俺 俺家 你 你们 您 他 她 他们 她们 自己 请问 请 问 问一下 一下 咨询 ' +
    '孩子 小孩 小孩子 娃 娃娃 儿子 女儿 孙子 孙女 家里 家 这个 那个 这 那 个 些 ' +
    '政策 相关 关于 方面 情况 事情 事 办 办理 能否'
  ).split(/\s+/),
);

const HAN = /\p{Script=Han}/u;
/**
 * Han characters get dense ids (a few thousand distinct ones in practice); a bigram's key is
 * (first + 1) * CHAR_SPAN + second, which stays a small integer for fast Map look-ups.
 */
const CHAR_SPAN = 32768;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** NFKC (full-width → half-width), lower case. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Runs of Han characters and runs of latin letters/digits; everything else separates. */
function runs(text: string): string[] {
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
