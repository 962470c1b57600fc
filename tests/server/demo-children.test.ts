import { addDays, ChildCreate, chinaDate, childFileIssues } from '@wbt/shared';
import { DEMO_CHILDREN } from '../../server/src/modules/children/children.demo';

/** The demo township's children pass the same consistency rules as any file saved in the app. */
describe('demo children', () => {
  const today = chinaDate(new Date());
  it.each(DEMO_CHILDREN.map((d) => [d.file.name, d] as const))('%s is consistent on the day it was entered and today', (_name, demo) => {
    const file = ChildCreate.parse(demo.file);
    for (const on of [chinaDate(addDays(new Date(), -demo.enteredDaysAgo)), today]) {
      expect(childFileIssues(file, on)).toEqual([]);
    }
  });

  it('刘子豪 is left behind because both parents are away, not with the mother at home', () => {
    const liu = ChildCreate.parse(DEMO_CHILDREN.find((d) => d.file.name === '刘子豪')!.file);
    expect(liu.categories).toContain('left_behind');
    expect([liu.fatherStatus, liu.motherStatus]).toEqual(['migrant_work', 'migrant_work']);
  });

  it('赵一鸣 is unattended with no guardian listed, raised by his grandmother', () => {
    const zhao = ChildCreate.parse(DEMO_CHILDREN.find((d) => d.file.name === '赵一鸣')!.file);
    expect(zhao).toMatchObject({ guardianshipState: 'unattended', guardians: [], actualCarer: { name: '赵秀珍' } });
  });
});
