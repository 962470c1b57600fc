import { addDays, chinaDate, type ChildCreate, type StaffRole } from '@wbt/shared';
import { ChildCreate as ChildCreateSchema, DispatchTaskInput, ReportCreate, TriageRequest, VisitCreate } from '@wbt/shared';
import type { DemoSeeder } from '../../db/seed/demo';
import type { Actor } from '../../http/actor';
import type { Clock } from '../../lib/clock';
import type { Services } from '../index';
import { TasksService } from '../tasks/tasks.service';
import { VisitsService } from '../visits/visits.service';
import { ChildrenService } from './children.service';

/**
 * Invented children across the 铜罐驿镇 villages (place names from seed 003; every person invented).
 * Entered "in the past" through the real services with a shifted clock, so plans, history and
 * confirmation clocks are what they would be: 双骑龙村 (zhuren01) has an overdue visit, a visit due
 * this week and a file waiting for the supervisor; 建设村 has a confirmation that ran late.
 */
export interface DemoChild {
  village: string;
  file: ChildCreate;
  /** Days before now the director entered the file. */
  enteredDaysAgo: number;
  /** Days before now the supervisor confirmed it (omit: still pending). */
  confirmedDaysAgo?: number;
  /** Days before now of home visits already recorded. */
  visitsDaysAgo?: number[];
}

export const DEMO_CHILDREN: DemoChild[] = [
  {
    village: '双骑龙村',
    enteredDaysAgo: 24,
    confirmedDaysAgo: 22,
    visitsDaysAgo: [17, 10],
    file: {
      name: '王小雨', sex: 'female', dob: '2015-03-18', hukouType: 'agricultural', ethnicity: '汉族', householdReg: '重庆市九龙坡区铜罐驿镇', address: '双骑龙村3组17号',
      categories: ['left_behind', 'plight_family'],
      guardians: [{ name: '王德明', relation: 'grandparent', phone: '13800000001', entrusted: true }],
      parentsAway: 'both', parentsAwayWhere: '广东东莞', fatherStatus: 'migrant_work', motherStatus: 'migrant_work', guardianshipState: 'entrusted_insufficient', entrustmentSigned: true,
      entrustedCarer: { name: '王德明', relation: 'grandparent', phone: '13800000001', checked: true, checkNote: '年迈多病，照护能力有限', schoolNotified: true, villageNotified: true, weeklyContact: true },
      schooling: 'primary', schoolName: '铜罐驿镇中心小学', grade: '四年级', health: '良好', benefits: [],
      riskTier: 'high', riskReason: '祖父年迈多病，照护能力不足；父母常年在外务工',
    },
  },
  {
    village: '双骑龙村',
    enteredDaysAgo: 40,
    confirmedDaysAgo: 36,
    visitsDaysAgo: [25],
    file: {
      name: '陈思琪', sex: 'female', dob: '2012-11-02', hukouType: 'agricultural', ethnicity: '汉族', householdReg: '重庆市九龙坡区铜罐驿镇', address: '双骑龙村5组8号',
      categories: ['disabled', 'dibao_family'],
      guardians: [{ name: '陈建华', relation: 'father', phone: '13800000002', entrusted: false }],
      parentsAway: 'none', guardianshipState: 'adequate', entrustmentSigned: false,
      schooling: 'junior', schoolName: '铜罐驿中学', grade: '初一', health: '听力残疾二级，已配助听器', disability: '听力残疾二级', fatherStatus: 'at_home', motherStatus: 'at_home',
      benefits: ['dibao', 'disability_living_subsidy'], riskTier: 'low', riskReason: '家庭照护良好，低保和残疾补贴已落实',
    },
  },
  {
    village: '双骑龙村',
    enteredDaysAgo: 2,
    file: {
      name: '刘子豪', sex: 'male', dob: '2017-07-21', householdReg: '重庆市九龙坡区铜罐驿镇', hukouType: 'agricultural', ethnicity: '汉族', address: '双骑龙村1组4号',
      categories: ['left_behind'],
      guardians: [{ name: '刘桂兰', relation: 'grandparent', phone: '13800000003', entrusted: true }],
      parentsAway: 'both', parentsAwayWhere: '四川成都', fatherStatus: 'migrant_work', motherStatus: 'migrant_work', guardianshipState: 'adequate', entrustmentSigned: false,
      entrustedCarer: { name: '刘桂兰', relation: 'grandparent', phone: '13800000003', checked: true, checkNote: '身体尚好，无不良记录，孩子愿意跟奶奶住', schoolNotified: false, villageNotified: true, weeklyContact: false },
      schooling: 'primary', schoolName: '铜罐驿镇中心小学', grade: '二年级', benefits: [],
      riskTier: 'medium', riskReason: '父母均在成都务工，由奶奶照看；委托照护确认书尚未签订，未书面告知学校，父母不能做到每周联系',
    },
  },
  {
    village: '建设村',
    enteredDaysAgo: 15,
    visitsDaysAgo: [15],
    file: {
      name: '赵一鸣', sex: 'male', dob: '2011-01-09', householdReg: '重庆市九龙坡区铜罐驿镇', hukouType: 'agricultural', ethnicity: '汉族', address: '建设村2组21号',
      categories: ['de_facto_unsupported', 'dropout'],
      // Father in prison, mother unreachable: nobody holds guardianship yet; the grandmother raises him.
      guardians: [],
      actualCarer: { name: '赵秀珍', relation: 'grandparent', phone: '13800000004' },
      parentsAway: 'na', fatherStatus: 'imprisoned', motherStatus: 'missing', guardianshipState: 'unattended', entrustmentSigned: false,
      schooling: 'dropout', health: '良好', benefits: ['unsupported_allowance'],
      riskTier: 'high', riskReason: '父亲服刑、母亲失联，由年迈祖母抚养，无人担任监护人；已辍学在家，已立个案跟进',
    },
  },
  {
    village: '观音桥村',
    enteredDaysAgo: 30,
    confirmedDaysAgo: 28,
    visitsDaysAgo: [12],
    file: {
      name: '周欣怡', sex: 'female', dob: '2013-09-30', hukouType: 'agricultural', ethnicity: '汉族', householdReg: '重庆市九龙坡区铜罐驿镇', address: '观音桥村6组2号',
      categories: ['scattered_orphan'],
      guardians: [{ name: '周国强', relation: 'other_relative', phone: '13800000005', entrusted: false }],
      parentsAway: 'na', fatherStatus: 'deceased', motherStatus: 'deceased', guardianshipState: 'adequate', entrustmentSigned: false,
      schooling: 'primary', grade: '六年级', benefits: ['orphan_allowance', 'education_aid'],
      riskTier: 'medium', riskReason: '由叔叔抚养，需关注心理状况',
    },
  },
  {
    village: '英雄湾村',
    enteredDaysAgo: 50,
    confirmedDaysAgo: 47,
    visitsDaysAgo: [32],
    file: {
      name: '吴浩然', sex: 'male', dob: '2016-04-14', hukouType: 'agricultural', ethnicity: '汉族', householdReg: '重庆市九龙坡区铜罐驿镇', address: '英雄湾村4组11号',
      categories: ['serious_illness'],
      guardians: [{ name: '吴芳', relation: 'mother', phone: '13800000006', entrusted: false }],
      parentsAway: 'none', guardianshipState: 'adequate', entrustmentSigned: false,
      schooling: 'primary', health: '白血病，化疗中', benefits: ['medical_aid'],
      riskTier: 'low', riskReason: '父母照护到位，医疗救助已申请',
    },
  },
  {
    village: '冬笋坝社区',
    enteredDaysAgo: 20,
    confirmedDaysAgo: 18,
    visitsDaysAgo: [6],
    file: {
      name: '郑佳怡', sex: 'female', dob: '2014-12-25', hukouType: 'agricultural', ethnicity: '汉族', householdReg: '四川省泸州市', address: '冬笋坝社区滨江路9号',
      categories: ['migrant'],
      guardians: [{ name: '郑伟', relation: 'father', phone: '13800000007', entrusted: false }],
      parentsAway: 'none', guardianshipState: 'adequate', entrustmentSigned: false,
      schooling: 'primary', benefits: [], riskTier: 'low', riskReason: '随父母在本地居住，生活稳定',
    },
  },
];

function actorFor(user: { id: number; name: string; role: string }, org: { id: number; path: string; level: 'county' | 'township' | 'village' }): Actor {
  return { userId: user.id, role: user.role as StaffRole, name: user.name, orgId: org.id, orgPath: org.path, orgLevel: org.level, sessionId: 'demo-seed' };
}

/** Services like the app's, reading time from a clock the seeder moves. */
function servicesAt(clock: Clock, deps: Parameters<DemoSeeder>[0], s: Services) {
  const tasks = new TasksService(deps.db, clock, deps.crypto, s.org, s.audit, s.users, s.notifications);
  const children = new ChildrenService(deps.db, clock, deps.crypto, s.org, s.audit, s.settings, tasks, s.users);
  const visits = new VisitsService(deps.db, clock, deps.crypto, s.audit, s.users, children, tasks, s.files, s.reports, s.org, s.notifications);
  return { tasks, children, visits };
}

export const childrenDemoSeeder: DemoSeeder = async (deps, s, orgs) => {
  const now = deps.clock.now();
  let at = now;
  const clock: Clock = { now: () => new Date(at) };
  const past = servicesAt(clock, deps, s);
  const township = (await s.org.get(orgs.township))!;
  const supervisor = (await s.users.staffOf(township.id, 'supervisor'))[0];
  const supervisorActor = actorFor(supervisor, township);

  const ids = new Map<string, { childId: number; director: Actor }>();
  // Oldest events first, so every clock runs as it would have.
  const events: { daysAgo: number; run: () => Promise<void> }[] = [];
  for (const demo of DEMO_CHILDREN) {
    const village = (await s.org.get(orgs.villages[demo.village]))!;
    const director = (await s.users.staffOf(village.id, 'director'))[0];
    const directorActor = actorFor(director, village);
    let childId = 0;
    events.push({
      daysAgo: demo.enteredDaysAgo,
      run: async () => {
        childId = (await past.children.create(directorActor, ChildCreateSchema.parse(demo.file))).id;
        ids.set(demo.file.name, { childId, director: directorActor });
      },
    });
    if (demo.confirmedDaysAgo !== undefined) {
      events.push({ daysAgo: demo.confirmedDaysAgo, run: async () => void (await past.children.confirm(supervisorActor, childId, '已核对')) });
    }
    for (const daysAgo of demo.visitsDaysAgo ?? []) {
      events.push({
        daysAgo: daysAgo - 0.01,
        run: async () => {
          const visit = VisitCreate.parse({
            childId,
            visitedAt: clock.now().toISOString(),
            metWith: ['child', 'guardian'],
            living: { rating: 'fair' },
            guardianship: { rating: demo.file.guardianshipState === 'adequate' ? 'adequate' : 'insufficient' },
            schooling: { rating: demo.file.schooling === 'dropout' ? 'dropout' : 'attending' },
            health: { rating: 'good' },
            findings: '家中整洁，孩子精神状态尚可',
            nextSteps: '按计划继续走访',
          });
          await past.visits.create(directorActor, visit, null);
        },
      });
    }
  }
  events.sort((a, b) => b.daysAgo - a.daysAgo);
  for (const e of events) {
    // 10:00 China time that day: working hours, so the working-day clocks start on the day itself.
    at = new Date(`${chinaDate(addDays(now, -Math.ceil(e.daysAgo)))}T10:00:00+08:00`);
    await e.run();
  }
  await openCaseFor(s, supervisorActor, ids.get('赵一鸣')!);
};

/**
 * A high-risk child needs a case, not only a file: 赵一鸣 (no one holds guardianship, out of school)
 * is brought to the station by his director as a help request (求助), opened as a case linked to his
 * file, with a verification visit dispatched to the director.
 */
async function openCaseFor(s: Services, supervisor: Actor, child: { childId: number; director: Actor }): Promise<void> {
  const file = await s.children.get(supervisor, child.childId);
  const report = ReportCreate.parse({
    kind: 'help',
    anonymous: false,
    orgId: file.orgId,
    account: '父亲服刑、母亲失联，孩子由年迈的奶奶抚养，无人担任监护人；已辍学在家，需要协调监护和返校。',
    place: file.address,
    child: { name: file.name, sex: file.sex, age: file.age, address: file.address },
    // The grandmother asks for help; the director enters it from the home visit.
    reporter: { name: file.actualCarer?.name ?? '实际抚养人', identity: 'relative' },
    method: 'in_person',
    methodNote: '儿童主任入户时代为登记',
  });
  const { created } = await s.reports.create(report, { actor: child.director, idempotencyKey: `demo-child-${child.childId}` });
  const triage = await s.cases.triage(supervisor, created.id, TriageRequest.parse({ category: 'help', villageId: file.orgId, note: '无人监护、辍学，开案跟进' }));
  const caseId = triage.caseId!;
  await s.cases.step(supervisor, caseId, 'assign', { childId: child.childId });
  // The grandmother was answered on the spot (the first-answer clock is met).
  await s.cases.step(supervisor, caseId, 'answer_reporter', { message: '已受理，镇未保站已立案跟进，儿童主任近期上门核实监护和上学情况。' });
  await s.cases.step(supervisor, caseId, 'dispatch_task', DispatchTaskInput.parse({ kind: 'verification', reason: '入户核实监护和就学情况，联系学校劝返' }));
}
