import type { ActualCarer, EntrustedCarer, ParentStatus } from './childFile';
import { PARENT_UNABLE, ParentStatus as ParentStatusLabels } from './childFile';

/**
 * Consistency rules of a child file: categories that the facts of the file contradict. Pure, so the
 * server enforces them on every save and the mini-program shows them before sending.
 *
 * - 农村留守儿童 (国发〔2016〕13号): under 16, and both parents away for work, or one away and the
 *   other unable to act as guardian.
 * - 事实无人抚养儿童 (民发〔2019〕62号): both parents unable (重残、重病、服刑在押、强制隔离戒毒、失联、
 *   被撤销监护资格、被遣送出境), or one dead or missing and the other unable; not counted again as an orphan.
 * - 孤儿 and 散居孤儿: a 散居孤儿 is an orphan raised outside an institution; the two never both apply.
 * - 无人监护 with a guardian listed: one of the two is wrong.
 */
export interface FileFacts {
  dob: string;
  categories: readonly string[];
  parentsAway: string;
  fatherStatus?: ParentStatus | null;
  motherStatus?: ParentStatus | null;
  guardianshipState: string;
  guardians: readonly { name: string; entrusted?: boolean }[];
  actualCarer?: ActualCarer | null;
  entrustedCarer?: EntrustedCarer | null;
  entrustmentSigned: boolean;
}

export interface FileIssue {
  /** The field the person should look at. */
  path: string;
  message: string;
}

export const LEFT_BEHIND_MAX_AGE = 16;

function fullYears(dob: string, on: string): number {
  let age = Number(on.slice(0, 4)) - Number(dob.slice(0, 4));
  if (on.slice(5) < dob.slice(5)) age -= 1;
  return age;
}

const unable = (s: ParentStatus | null | undefined) => !!s && PARENT_UNABLE.includes(s);
const present = (s: ParentStatus | null | undefined) => s === 'at_home' || s === 'migrant_work';
const statusText = (s: ParentStatus | null | undefined) => (s ? ParentStatusLabels.label(s) : '未填');

/** Each parent away for work, from the parents-away choice or the parent's own status. */
export function parentsAwayFacts(f: Pick<FileFacts, 'parentsAway' | 'fatherStatus' | 'motherStatus'>): { father: boolean; mother: boolean } {
  return {
    father: f.parentsAway === 'father' || f.parentsAway === 'both' || f.fatherStatus === 'migrant_work',
    mother: f.parentsAway === 'mother' || f.parentsAway === 'both' || f.motherStatus === 'migrant_work',
  };
}

/** Whether the facts make a child 农村留守儿童 (age aside). */
export function qualifiesLeftBehind(f: Pick<FileFacts, 'parentsAway' | 'fatherStatus' | 'motherStatus' | 'guardianshipState'>): boolean {
  const away = parentsAwayFacts(f);
  if (away.father && away.mother) return true;
  if (away.father && unable(f.motherStatus)) return true;
  if (away.mother && unable(f.fatherStatus)) return true;
  // Statuses not recorded yet: the guardianship assessment says the parent at home cannot act.
  const otherUnknown = (away.father && !f.motherStatus) || (away.mother && !f.fatherStatus);
  return otherUnknown && f.guardianshipState === 'one_parent_away_other_unable';
}

export function childFileIssues(f: FileFacts, today: string): FileIssue[] {
  const issues: FileIssue[] = [];
  const has = (c: string) => f.categories.includes(c);
  const away = parentsAwayFacts(f);

  // Parents-away choice against each parent's own status.
  const sayFather = f.fatherStatus;
  const sayMother = f.motherStatus;
  if (sayFather === 'migrant_work' && !(f.parentsAway === 'father' || f.parentsAway === 'both')) {
    issues.push({ path: 'parentsAway', message: '父亲情况为“外出务工”，但“父母外出情况”未选父亲外出，请核对' });
  }
  if (sayMother === 'migrant_work' && !(f.parentsAway === 'mother' || f.parentsAway === 'both')) {
    issues.push({ path: 'parentsAway', message: '母亲情况为“外出务工”，但“父母外出情况”未选母亲外出，请核对' });
  }
  if (sayFather && sayFather !== 'migrant_work' && sayFather !== 'unknown' && (f.parentsAway === 'father' || f.parentsAway === 'both')) {
    issues.push({ path: 'fatherStatus', message: `“父母外出情况”选了父亲外出，但父亲情况填的是“${statusText(sayFather)}”，请核对` });
  }
  if (sayMother && sayMother !== 'migrant_work' && sayMother !== 'unknown' && (f.parentsAway === 'mother' || f.parentsAway === 'both')) {
    issues.push({ path: 'motherStatus', message: `“父母外出情况”选了母亲外出，但母亲情况填的是“${statusText(sayMother)}”，请核对` });
  }

  if (has('left_behind')) {
    if (fullYears(f.dob, today) >= LEFT_BEHIND_MAX_AGE) {
      issues.push({ path: 'categories', message: '农村留守儿童指不满16周岁的儿童（国发〔2016〕13号），该儿童已满16周岁，请取消“农村留守儿童”' });
    }
    if (!qualifiesLeftBehind(f)) {
      issues.push({
        path: 'categories',
        message: `农村留守儿童须父母双方外出务工，或一方外出务工、另一方无监护能力（国发〔2016〕13号）。按档案所填（父亲：${away.father ? '外出' : statusText(sayFather)}；母亲：${away.mother ? '外出' : statusText(sayMother)}）不符合，请核对父母情况或取消“农村留守儿童”`,
      });
    }
  }

  if (has('orphan') && has('scattered_orphan')) {
    issues.push({ path: 'categories', message: '“散居孤儿”已是孤儿的一种：社会散居的只选“散居孤儿”，机构养育的只选“孤儿”，不要重复计数' });
  }
  const orphan = has('orphan') || has('scattered_orphan');
  if (orphan && has('de_facto_unsupported')) {
    issues.push({ path: 'categories', message: '孤儿与事实无人抚养儿童不重复认定（民发〔2019〕62号），请只保留一个' });
  }
  if (orphan && (present(sayFather) || present(sayMother))) {
    issues.push({ path: 'categories', message: '孤儿指父母均已死亡或被宣告死亡、失踪；档案中父亲或母亲填的是在家或外出务工，请核对' });
  }

  if (has('de_facto_unsupported') && sayFather && sayMother && sayFather !== 'unknown' && sayMother !== 'unknown') {
    // Both parents unable (death and 失联 count as unable); both dead is an orphan, not this category.
    if (!(unable(sayFather) && unable(sayMother)) || (sayFather === 'deceased' && sayMother === 'deceased')) {
      issues.push({
        path: 'categories',
        message: `事实无人抚养儿童须父母双方都无法履行抚养义务（重残、重病、服刑在押、强制隔离戒毒、失联等），或一方死亡/失踪、另一方属于上述情形（民发〔2019〕62号）。按档案所填（父亲：${statusText(sayFather)}；母亲：${statusText(sayMother)}）不符合，请核对`,
      });
    }
  }

  if (f.guardianshipState === 'unattended' && f.guardians.length > 0) {
    const names = f.guardians.map((g) => g.name).join('、');
    issues.push({
      path: 'guardianshipState',
      message: `监护状况为“无人监护”，但档案列有监护人（${names}）：如${names}实际在监护，请改选监护状况；如并未监护，请删去该监护人，另填实际抚养人`,
    });
  }
  if (f.guardianshipState === 'one_parent_away_other_unable' && !(away.father || away.mother)) {
    issues.push({ path: 'guardianshipState', message: '监护状况为“父母一方外出、另一方无监护能力”，但档案中没有外出的父母，请核对' });
  }

  const entrustedGuardian = f.guardians.some((g) => g.entrusted);
  if (f.entrustmentSigned && !f.entrustedCarer && !entrustedGuardian) {
    issues.push({ path: 'entrustedCarer', message: '已签订委托照护确认书，请填写被委托人' });
  }
  return issues;
}
