import { createRuntime, type Runtime } from '../../server/src/runtime';
import { LOCAL_PACKS } from '../../server/src/modules/policies/localArticles';
import { STARTER_ARTICLES } from '../../server/src/modules/policies/starterArticles';
import { startTestServer, type TestServer } from './harness';

let t: TestServer;
let slugOf: Map<number, string>;

const newArticle = (over: Record<string, unknown> = {}) => ({
  topic: 'living',
  title: '测试用困难家庭冬季取暖帮扶',
  summary: '冬季取暖有困难的家庭，可以向镇上申请取暖帮扶，具体标准请咨询镇未保站或民政办。',
  eligibility: '冬季取暖确有困难的低保家庭和困境儿童家庭。',
  materials: ['户口簿', '困难情况说明'],
  whereToApply: '户籍所在地镇人民政府（街道办事处）。',
  body: '冬季取暖帮扶由当地确定具体办法，请先咨询镇未保站。',
  source: '测试文件（不得用于正式发布）',
  ...over,
});

async function search(q: string, token?: string, extra = '') {
  const res = await t.request('GET', `/api/policies/search?q=${encodeURIComponent(q)}${extra}`, { token });
  expect(res.status).toBe(200);
  return res.body.items as { id: number; slug: string | null; title: string; snippet: string; status: string }[];
}

beforeAll(async () => {
  t = await startTestServer();
  const res = await t.request('GET', '/api/policies?limit=100');
  slugOf = new Map(res.body.items.map((i: { id: number; slug: string }) => [i.id, i.slug]));
});
afterAll(() => t.close());

describe('starter library', () => {
  it('is seeded on a fresh database, published, covering every topic', async () => {
    const res = await t.request('GET', '/api/policies?limit=100');
    expect(res.status).toBe(200);
    // The national library, plus the demo county's own local articles.
    const local = LOCAL_PACKS.find((p) => p.county === '重庆市九龙坡区')!.articles;
    expect(res.body.items.length).toBe(STARTER_ARTICLES.length + local.length);
    expect(STARTER_ARTICLES.length).toBeGreaterThanOrEqual(16);
    const topics = new Set(res.body.items.map((i: { topic: string }) => i.topic));
    expect([...topics].sort()).toEqual(['disability', 'education', 'guardianship', 'legal', 'living', 'medical', 'psych', 'reporting']);
    expect(res.body.items.every((i: { status: string }) => i.status === 'published')).toBe(true);
  });

  it('never states an amount of money or a deadline date, and sends readers to the station for standards', () => {
    for (const a of STARTER_ARTICLES) {
      const all = [a.title, a.summary, a.eligibility, a.materials.join(' '), a.whereToApply, a.body].join(' ');
      expect({ slug: a.slug, money: /\d[\d,.]*\s*(元|块)|每月\s*\d/.test(all) }).toEqual({ slug: a.slug, money: false });
      expect({ slug: a.slug, date: /\d{4}\s*年\s*\d{1,2}\s*月/.test(all) }).toEqual({ slug: a.slug, date: false });
      expect(a.source.length).toBeGreaterThan(4);
    }
    const withStandards = STARTER_ARTICLES.filter((a) => /标准|金额/.test(a.body));
    expect(withStandards.length).toBeGreaterThanOrEqual(10);
    for (const a of withStandards) expect({ slug: a.slug, ok: /请咨询|问学校|咨询儿童主任/.test(a.body) }).toEqual({ slug: a.slug, ok: true });
  });

  it('shows an article with who qualifies, what to bring, where to apply and its source', async () => {
    const id = [...slugOf].find(([, s]) => s === 'factual-unsupported-children')![0];
    const res = await t.request('GET', `/api/policies/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('事实无人抚养儿童保障');
    expect(res.body.eligibility).toMatch(/服刑/);
    expect(res.body.materials.length).toBeGreaterThanOrEqual(3);
    expect(res.body.whereToApply).toMatch(/镇/);
    expect(res.body.source).toMatch(/民发〔2019〕62号/);
    expect(res.body.canApply).toBe(true);
  });

  it('answers a bad id and an unknown id in Chinese, not 500', async () => {
    expect((await t.request('GET', '/api/policies/abc')).status).toBe(400);
    const missing = await t.request('GET', '/api/policies/999999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/政策文章不存在/);
  });
});

describe('search quality on a fixed query set', () => {
  // Query → the article that must come first (and, where it matters, others expected in the top 3).
  const CASES: [string, string, string[]?][] = [
    ['低保', 'minimum-living-allowance'],
    ['低保怎么申请', 'minimum-living-allowance'],
    ['上学', 'compulsory-education-two-free-one-subsidy', ['student-financial-aid']],
    ['上学 补助', 'compulsory-education-two-free-one-subsidy', ['student-financial-aid']],
    ['孩子上学有什么补助', 'compulsory-education-two-free-one-subsidy', ['student-financial-aid']],
    ['助学贷款', 'student-financial-aid'],
    ['看病', 'medical-assistance'],
    ['医保', 'medical-assistance'],
    ['孤儿', 'orphan-basic-living'],
    ['事实无人抚养', 'factual-unsupported-children'],
    ['事实无人扶养', 'factual-unsupported-children'], // typo: 扶 for 抚
    ['爸妈坐牢了孩子谁管', 'factual-unsupported-children'],
    ['爸妈打工 没人管', 'left-behind-entrusted-care'],
    ['残疾 康复', 'disabled-child-rehabilitation', ['disability-certificate']],
    ['自闭症', 'disabled-child-rehabilitation'],
    ['残疾证', 'disability-certificate'],
    ['两免一补', 'compulsory-education-two-free-one-subsidy'],
    ['住校 生活费', 'compulsory-education-two-free-one-subsidy'],
    ['急用钱', 'temporary-assistance'],
    ['户口', 'household-registration'],
    ['律师', 'legal-aid'],
    ['家暴', 'domestic-violence-protection-order'],
    ['打孩子', 'mandatory-reporting', ['domestic-violence-protection-order']],
    ['欺负', 'bullying'],
    ['心理', 'psychological-support'],
  ];

  it.each(CASES)('"%s" ranks %s first', async (q, first, alsoTop3 = []) => {
    const items = await search(q);
    const slugs = items.map((i) => slugOf.get(i.id));
    expect(slugs[0]).toBe(first);
    for (const s of alsoTop3) expect(slugs.slice(0, 3)).toContain(s);
    expect(items[0].snippet.length).toBeGreaterThan(0);
  });

  it('finds nothing for text that is in no article, and refuses an empty query in Chinese', async () => {
    expect(await search('xyzzy')).toEqual([]);
    const res = await t.request('GET', '/api/policies/search?q=%20');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/请输入要搜索的内容/);
  });

  it('filters by topic', async () => {
    const items = await search('救助', undefined, '&topic=medical');
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => slugOf.get(i.id) === 'medical-assistance')).toBe(true);
  });
});

describe('editing and drafts', () => {
  it('lets station staff write a draft that the public and directors cannot see or find', async () => {
    const staff = await t.login('shegong');
    const created = await t.request('POST', '/api/policies', { token: staff, body: newArticle() });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('draft');
    const id = created.body.id;

    const director = await t.login('zhuren01');
    expect((await t.request('GET', `/api/policies/${id}`)).status).toBe(404);
    expect((await t.request('GET', `/api/policies/${id}`, { token: director })).status).toBe(404);
    expect((await search('取暖')).map((i) => i.id)).not.toContain(id);
    expect((await search('取暖', director)).map((i) => i.id)).not.toContain(id);
    expect((await t.request('GET', '/api/policies?status=draft')).status).toBe(403);
    expect((await t.request('GET', '/api/policies/search?q=取暖&all=1', { token: director })).status).toBe(403);

    // Editors see and find it when they ask for all statuses.
    expect((await t.request('GET', `/api/policies/${id}`, { token: staff })).status).toBe(200);
    expect((await search('取暖', staff, '&all=1')).map((i) => i.id)).toContain(id);
    const drafts = await t.request('GET', '/api/policies?status=draft', { token: staff });
    expect(drafts.body.items.map((i: { id: number }) => i.id)).toContain(id);
  });

  it('publishes, edits and unpublishes, each change searchable at once and audited', async () => {
    const admin = await t.login('admin');
    const id = (await t.request('POST', '/api/policies', { token: admin, body: newArticle({ title: '测试用冬季送温暖活动' }) })).body.id;
    const pub = await t.request('POST', `/api/policies/${id}/publish`, { token: admin });
    expect(pub.status).toBe(200);
    expect(pub.body.status).toBe('published');
    expect((await search('送温暖')).map((i) => i.id)[0]).toBe(id);
    expect((await t.request('POST', `/api/policies/${id}/publish`, { token: admin })).status).toBe(409);

    const edit = await t.request('PUT', `/api/policies/${id}`, { token: admin, body: { title: '测试用冬季暖冬行动' } });
    expect(edit.status).toBe(200);
    expect(edit.body.title).toBe('测试用冬季暖冬行动');
    expect(edit.body.canApply).toBe(false);
    expect((await search('暖冬')).map((i) => i.id)[0]).toBe(id);
    expect((await search('送温暖')).map((i) => i.id)).not.toContain(id);

    expect((await t.request('POST', `/api/policies/${id}/unpublish`, { token: admin })).body.status).toBe('archived');
    expect((await search('暖冬')).map((i) => i.id)).not.toContain(id);
    expect((await t.request('GET', `/api/policies/${id}`)).status).toBe(404);

    const actions = (await t.runtime.services.audit.forTarget('policy', id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['policy.create', 'policy.publish', 'policy.update', 'policy.unpublish']));
  });

  it('refuses writers who are not station staff or county admin', async () => {
    const director = await t.login('zhuren02');
    expect((await t.request('POST', '/api/policies', { token: director, body: newArticle() })).status).toBe(403);
    expect((await t.request('POST', '/api/policies', { body: newArticle() })).status).toBe(401);
    const guardian = (await t.request('POST', '/api/auth/wechat', { body: { code: 'policy-guardian' } })).body.accessToken;
    expect((await t.request('POST', '/api/policies', { token: guardian, body: newArticle() })).status).toBe(403);
  });

  it('names the failing field in Chinese', async () => {
    const staff = await t.login('dudao');
    const res = await t.request('POST', '/api/policies', { token: staff, body: newArticle({ title: '', materials: ['户口簿\n身份证'] }) });
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(res.body.error.details.map((d: { path: string; message: string }) => [d.path, d.message]));
    expect(byPath['body.title']).toMatch(/标题/);
    expect(byPath['body.materials.0']).toMatch(/材料名称不能换行/);
  });
});

describe('more than one server process', () => {
  let other: Runtime;
  beforeAll(async () => {
    other = await createRuntime(t.config, { clock: t.clock, logger: t.runtime.deps.logger, seed: false });
  });
  afterAll(() => other.close());

  it('finds an article another process published, without a restart', async () => {
    await search('低保'); // this process has its index loaded
    const actor = {
      userId: 0,
      role: 'station_head' as const,
      name: '站长',
      orgId: null,
      orgPath: null,
      orgLevel: null,
      sessionId: 'x',
    };
    const a = await other.services.policies.create(actor, { ...newArticle({ title: '测试用另一进程发布的政策' }), canApply: false } as never);
    await other.services.policies.setStatus(actor, a.id, 'published');
    // The background job picks it up; a search would too.
    const [[{ n }]] = (await t.runtime.database.pool.query('SELECT COUNT(*) AS n FROM policy_articles')) as unknown as [[{ n: number }]];
    expect(await t.runtime.services.policies.warmIndex()).toBe(Number(n));
    expect((await search('另一进程')).map((i) => i.id)).toContain(a.id);
  });
});
