import { childFileIssues, type FileFacts } from '@wbt/shared';

const TODAY = '2026-06-01';
const base: FileFacts = {
  dob: '2016-05-01',
  categories: ['left_behind'],
  parentsAway: 'both',
  fatherStatus: null,
  motherStatus: null,
  guardianshipState: 'adequate',
  guardians: [{ name: '王德明', entrusted: true }],
  entrustmentSigned: false,
};
const paths = (f: Partial<FileFacts>) => childFileIssues({ ...base, ...f }, TODAY).map((i) => i.path);

describe('child file consistency rules', () => {
  // [description, overrides, expected issue paths]
  const table: [string, Partial<FileFacts>, string[]][] = [
    ['left-behind: both parents away', {}, []],
    ['left-behind: both away by status', { parentsAway: 'both', fatherStatus: 'migrant_work', motherStatus: 'migrant_work' }, []],
    ['left-behind: father away, mother at home', { parentsAway: 'father', motherStatus: 'at_home' }, ['categories']],
    ['left-behind: father away, mother status unknown, guardianship fine', { parentsAway: 'father' }, ['categories']],
    ['left-behind: father away, mother imprisoned', { parentsAway: 'father', fatherStatus: 'migrant_work', motherStatus: 'imprisoned' }, []],
    ['left-behind: mother away, father seriously disabled', { parentsAway: 'mother', motherStatus: 'migrant_work', fatherStatus: 'severe_disability' }, []],
    ['left-behind: one away, other unable by guardianship assessment', { parentsAway: 'father', guardianshipState: 'one_parent_away_other_unable' }, []],
    ['left-behind: nobody away', { parentsAway: 'none' }, ['categories']],
    ['left-behind: 16 today is too old', { dob: '2010-06-01' }, ['categories']],
    ['left-behind: 15 and a day before 16 is fine', { dob: '2010-06-02' }, []],
    ['parents away contradicts father status', { parentsAway: 'mother', fatherStatus: 'migrant_work', motherStatus: 'migrant_work', categories: ['migrant'] }, ['parentsAway']],
    ['father away but recorded at home', { parentsAway: 'both', fatherStatus: 'at_home', categories: ['migrant'] }, ['fatherStatus']],
    ['orphan and scattered orphan double-count', { categories: ['orphan', 'scattered_orphan'], parentsAway: 'na', guardianshipState: 'adequate' }, ['categories']],
    ['scattered orphan alone', { categories: ['scattered_orphan'], parentsAway: 'na', fatherStatus: 'deceased', motherStatus: 'deceased' }, []],
    ['orphan with a parent at home', { categories: ['orphan'], parentsAway: 'none', fatherStatus: 'at_home', motherStatus: 'deceased' }, ['categories']],
    ['orphan and de-facto-unsupported', { categories: ['scattered_orphan', 'de_facto_unsupported'], parentsAway: 'na' }, ['categories']],
    ['de facto: father imprisoned, mother missing', { categories: ['de_facto_unsupported'], parentsAway: 'na', fatherStatus: 'imprisoned', motherStatus: 'missing' }, []],
    ['de facto: father imprisoned, mother at home', { categories: ['de_facto_unsupported'], parentsAway: 'none', fatherStatus: 'imprisoned', motherStatus: 'at_home' }, ['categories']],
    ['de facto: both parents dead is an orphan', { categories: ['de_facto_unsupported'], parentsAway: 'na', fatherStatus: 'deceased', motherStatus: 'deceased' }, ['categories']],
    ['unattended with a guardian listed', { categories: ['dropout'], parentsAway: 'none', guardianshipState: 'unattended' }, ['guardianshipState']],
    ['unattended with nobody listed', { categories: ['dropout'], parentsAway: 'none', guardianshipState: 'unattended', guardians: [] }, []],
    ['one away other unable, but nobody away', { categories: ['plight_family'], parentsAway: 'none', guardianshipState: 'one_parent_away_other_unable' }, ['guardianshipState']],
    ['entrustment signed with no entrusted carer', { guardians: [{ name: '王芳', entrusted: false }], entrustmentSigned: true }, ['entrustedCarer']],
    ['entrustment signed with an entrusted guardian', { entrustmentSigned: true }, []],
  ];
  it.each(table)('%s', (_name, overrides, expected) => {
    expect(paths(overrides)).toEqual(expected);
  });

  it('names the field and the rule in Chinese', () => {
    const [issue] = childFileIssues({ ...base, parentsAway: 'father', motherStatus: 'at_home' }, TODAY);
    expect(issue.message).toContain('国发〔2016〕13号');
    expect(issue.message).toContain('母亲：在家');
  });
});
