import { ChildBenefit } from '@wbt/shared';
import { LOCAL_PACKS } from '../../server/src/modules/policies/localArticles';
import { STARTER_ARTICLES } from '../../server/src/modules/policies/starterArticles';
import { startTestServer, type TestServer } from './harness';

/** Places that are not national: a national article never cites them; a local pack cites only its own. */
const PROVINCES = ['北京', '天津', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '上海', '江苏', '浙江', '安徽', '福建', '江西', '山东', '河南', '湖北', '湖南', '广东', '广西', '海南', '重庆', '四川', '贵州', '云南', '西藏', '陕西', '甘肃', '青海', '宁夏', '新疆'];
const SEED_PLACES = ['运城', '晋江', '青阳', '银川'];
const text = (a: { title: string; summary: string; eligibility: string; materials: string[]; whereToApply: string; body: string }) =>
  [a.title, a.summary, a.eligibility, a.materials.join(' '), a.whereToApply, a.body].join(' ');

describe('policy library sources', () => {
  it('national articles cite only national law and documents — no province, city or county', () => {
    for (const a of STARTER_ARTICLES) {
      const cited = [...PROVINCES, ...SEED_PLACES].filter((p) => a.source.includes(p));
      expect({ slug: a.slug, cited }).toEqual({ slug: a.slug, cited: [] });
    }
  });

  it('a local pack cites only its own places, and the demo county’s never another province', () => {
    for (const pack of LOCAL_PACKS) {
      for (const a of pack.articles) {
        const foreign = [...PROVINCES, ...SEED_PLACES].filter((p) => a.source.includes(p) && !pack.ownPlaces.some((own) => own.includes(p) || p.includes(own)));
        expect({ slug: a.slug, foreign }).toEqual({ slug: a.slug, foreign: [] });
      }
    }
    expect(LOCAL_PACKS.find((p) => p.county === '重庆市九龙坡区')?.articles.length).toBeGreaterThan(0);
  });

  it('does not promise a 24-hour visit (a Ningxia standard) to the public', () => {
    const reporting = STARTER_ARTICLES.find((a) => a.slug === 'mandatory-reporting')!;
    expect(text(reporting)).not.toMatch(/24\s*小时/);
    expect(text(reporting)).toMatch(/第十一条/);
  });

  it('states 未成年人保护法 第二十三条: written notice to school and village, contact at least weekly', () => {
    const a = STARTER_ARTICLES.find((x) => x.slug === 'left-behind-entrusted-care')!;
    expect(text(a)).toMatch(/书面告知/);
    expect(text(a)).toMatch(/学校/);
    expect(text(a)).toMatch(/村（居）委会/);
    expect(text(a)).toMatch(/至少每周联系/);
  });

  it('names 事实无人抚养儿童基本生活补贴 correctly and splits the two disability subsidies', () => {
    const all = STARTER_ARTICLES.map(text).join('\n');
    expect(all).not.toMatch(/事实无人抚养儿童基本生活费/);
    expect(ChildBenefit.label('unsupported_allowance')).toBe('事实无人抚养儿童基本生活补贴');
    const titles = STARTER_ARTICLES.map((a) => a.title);
    expect(titles).toEqual(expect.arrayContaining(['困难残疾人生活补贴', '重度残疾人护理补贴']));
    expect(titles.some((t) => t.includes('两项补贴'))).toBe(false);
    expect(ChildBenefit.codes).toEqual(expect.arrayContaining(['disability_living_subsidy', 'disability_care_subsidy']));
  });

  it('lists the national mental-health hotline 12356', () => {
    const psych = STARTER_ARTICLES.find((a) => a.slug === 'psychological-support')!;
    expect(text(psych)).toMatch(/12356/);
  });
});

describe('local articles are seeded into their own county', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('the demo county gets its pack, recorded as the county’s', async () => {
    const res = await t.request('GET', '/api/policies?limit=100');
    const slugs = res.body.items.map((i: { slug: string }) => i.slug);
    for (const a of LOCAL_PACKS[0].articles) expect(slugs).toContain(a.slug);
    const [rows] = await t.runtime.database.pool.query("SELECT o.name FROM policy_articles p JOIN orgs o ON o.id = p.org_id WHERE p.slug LIKE 'cq-jlp-%'");
    expect((rows as { name: string }[]).every((r) => r.name === '重庆市九龙坡区')).toBe(true);
    expect(rows).toHaveLength(LOCAL_PACKS[0].articles.length);
  });
});
