import { parseQuery, PolicySearchIndex, type SearchDoc } from '../../server/src/modules/policies/search';
import { STARTER_ARTICLES } from '../../server/src/modules/policies/starterArticles';

const docs: SearchDoc[] = STARTER_ARTICLES.map((a, i) => ({ ...a, id: i + 1, status: 'published' }));
const bySlug = (slug: string) => docs[STARTER_ARTICLES.findIndex((a) => a.slug === slug)].id;

describe('query parsing', () => {
  it('drops question words, keeps the meaning, and expands colloquial words', () => {
    expect(parseQuery('孩子上学有什么补助').map((w) => w.word)).toEqual(['上学', '补助']);
    expect(parseQuery('低保怎么申请').map((w) => w.word)).toEqual(['低保', '申请']);
    expect(parseQuery('爸妈坐牢了孩子谁管').map((w) => w.word)).toEqual(['爸妈', '坐牢', '谁管']);
    const school = parseQuery('上学')[0].alternatives.map((a) => a.text);
    expect(school).toEqual(expect.arrayContaining(['上学', '入学', '就学', '学生资助']));
    expect(parseQuery('低保')[0].alternatives.map((a) => a.text)).toContain('最低生活保障');
    // A key inside a longer matched key does not add its own synonyms ("钱" in "急用钱").
    expect(parseQuery('急用钱')[0].alternatives.map((a) => a.text)).toEqual(['急用钱', '临时救助']);
  });

  it('treats full-width and upper-case input like the normal form', () => {
    expect(parseQuery('ＡＢＣ １１０').map((w) => w.word)).toEqual(['abc', '110']);
    expect(parseQuery('怎么办')).toEqual([expect.objectContaining({ word: '怎么办' })]);
  });
});

describe('index', () => {
  it('hides drafts unless asked, and filters by topic', () => {
    const index = PolicySearchIndex.build([...docs, { ...docs[0], id: 900, title: '草稿：事实无人抚养儿童新规', status: 'draft' }]);
    expect(index.search('事实无人抚养').map((h) => h.id)).not.toContain(900);
    expect(index.search('事实无人抚养', { includeAll: true }).map((h) => h.id)).toContain(900);
    const medical = index.search('救助', { topic: 'medical' });
    expect(medical.length).toBeGreaterThan(0);
    expect(medical.every((h) => docs.find((d) => d.id === h.id)?.topic === 'medical')).toBe(true);
  });

  it('gives the same answers after edits and removals as a fresh build', () => {
    const edited = docs.map((d) => (d.id === bySlug('legal-aid') ? { ...d, title: '法律援助和公益律师', body: `${d.body}\n新增：公益律师值班。` } : d));
    const incremental = PolicySearchIndex.build(docs);
    incremental.upsert(edited.find((d) => d.id === bySlug('legal-aid'))!);
    incremental.remove(bySlug('bullying'));
    const fresh = PolicySearchIndex.build(edited.filter((d) => d.id !== bySlug('bullying')));
    for (const q of ['律师', '公益律师', '欺负', '上学 补助', '低保', '学']) {
      expect({ q, hits: incremental.search(q) }).toEqual({ q, hits: fresh.search(q) });
    }
    expect(incremental.size).toBe(docs.length - 1);
    expect(incremental.search('欺负').map((h) => h.id)).not.toContain(bySlug('bullying'));
  });

  it('tolerates one wrong character in a longer term, but not noise', () => {
    const index = PolicySearchIndex.build(docs);
    expect(index.search('残疾儿童康复就助')[0].id).toBe(bySlug('disabled-child-rehabilitation'));
    expect(index.search('最低生活报障')[0].id).toBe(bySlug('minimum-living-allowance'));
    expect(index.search('火星探测器')).toEqual([]);
  });

  it('returns a snippet around the match', () => {
    const index = PolicySearchIndex.build(docs);
    const [hit] = index.search('人工耳蜗');
    expect(hit.id).toBe(bySlug('disabled-child-rehabilitation'));
    expect(hit.snippet).toMatch(/人工耳蜗/);
  });
});

describe('building off the request path', () => {
  it('builds in slices that let other work run between them, with the same answers as one build', async () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ ...docs[i % docs.length], id: 10_000 + i }));
    let turns = 0;
    let building = true;
    const other = () => {
      if (!building) return;
      turns += 1;
      setImmediate(other);
    };
    setImmediate(other);
    const sliced = await PolicySearchIndex.buildSliced(many, 0);
    building = false;
    // Each slice gave the event loop a turn: another callback ran while the index was being built.
    expect(turns).toBeGreaterThan(10);
    const whole = PolicySearchIndex.build(many);
    for (const q of ['低保怎么申请', '孩子上学有什么补助', '法律援助']) expect(sliced.search(q)).toEqual(whole.search(q));
  });
});
