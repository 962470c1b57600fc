import { CASE_STEPS, CaseListQuery, CaseStatus, CaseStep, IntakeQuery, TriageRequest } from '@wbt/shared';
import { z } from 'zod';
import type { RouteTable } from '../../http/route';
import type { CasesService, StepInputs, WorkStep } from './cases.service';

const CaseParams = z.object({ id: z.coerce.number({ error: '个案编号必须是数字' }).int().positive('个案编号不正确') });
const ReportParams = z.object({ reportId: z.coerce.number({ error: '报告编号必须是数字' }).int().positive('报告编号不正确') });
const IntakeListQuery = IntakeQuery.extend({
  cursor: z.string().max(200, '分页游标格式不正确').optional(),
  limit: z.coerce.number({ error: '每页条数必须是数字' }).int().min(1).max(50, '每页最多50条').default(30),
});

const CaseSummary = z.looseObject({
  id: z.number(),
  code: z.string(),
  status: z.enum(CaseStatus.codes),
  statusLabel: z.string(),
  restricted: z.boolean(),
  allowedSteps: z.array(z.object({ step: z.string(), label: z.string(), suggested: z.boolean() })),
});

const WORK_STEPS = CaseStep.codes.filter((s): s is WorkStep => s !== 'open');

export function caseRoutes(routes: RouteTable, cases: CasesService): void {
  routes.add({
    method: 'get', path: '/api/intake', audit: 'list', summary: '受理台：本乡镇新报告（含时长、受理时限与是否超时）', tags: ['cases'],
    auth: ['supervisor', 'station_head', 'county_admin'], query: IntakeListQuery,
    response: z.object({ items: z.array(z.looseObject({ id: z.number(), age: z.string(), ackOverdue: z.boolean() })), nextCursor: z.string().nullable() }),
    handler: ({ actor, query }) => cases.intake(actor, query),
  });
  routes.add({
    method: 'post', path: '/api/intake/:reportId/triage', summary: '分类受理：转咨询、立案或并入已有个案', tags: ['cases'],
    auth: 'staff', params: ReportParams, body: TriageRequest, status: 201,
    response: z.object({ reportId: z.number(), category: z.string(), caseId: z.number().nullable(), caseCode: z.string().nullable() }),
    handler: ({ actor, params, body }) => cases.triage(actor, params.reportId, body),
  });
  routes.add({
    method: 'get', path: '/api/cases', audit: 'list', summary: '个案列表（儿童主任：本村个案）', tags: ['cases'], auth: 'staff', query: CaseListQuery,
    response: z.object({ items: z.array(z.looseObject({ id: z.number(), code: z.string(), overdue: z.boolean() })), nextCursor: z.number().nullable() }),
    handler: ({ actor, query }) => cases.list(actor, query),
  });
  routes.add({
    method: 'get', path: '/api/cases/linkable', audit: 'list', summary: '可并入的未归档个案（同一儿童的多份报告）', tags: ['cases'], auth: ['supervisor', 'station_head'],
    response: z.object({ items: z.array(z.looseObject({ id: z.number(), code: z.string() })) }),
    handler: async ({ actor }) => ({ items: await cases.linkable(actor) }),
  });
  routes.add({
    method: 'get', path: '/api/cases/:id', audit: 'service', summary: '个案详情：办理记录与当前可办理的步骤（儿童主任只见儿童与任务）', tags: ['cases'], auth: 'staff', params: CaseParams,
    response: CaseSummary,
    handler: ({ actor, params }) => cases.detail(actor, params.id),
  });
  const Option = z.object({ id: z.number(), name: z.string() });
  routes.add({
    method: 'get', path: '/api/cases/:id/assignable', audit: 'list', summary: '可指定的负责人、儿童社工、儿童主任与村（社区）', tags: ['cases'], auth: ['supervisor', 'station_head', 'social_worker', 'county_admin'], params: CaseParams,
    response: z.object({
      owners: z.array(Option),
      socialWorkers: z.array(Option),
      directors: z.array(Option),
      supervisors: z.array(Option),
      villages: z.array(Option),
      firstVisitDefault: z.number().nullable(),
    }),
    handler: ({ actor, params }) => cases.assignable(actor, params.id),
  });
  for (const step of WORK_STEPS) {
    routes.add({
      method: 'post', path: `/api/cases/:id/steps/${step}`, summary: `个案步骤：${CaseStep.label(step)}`, tags: ['cases'], auth: 'staff', params: CaseParams,
      body: CASE_STEPS[step].input, response: CaseSummary,
      handler: ({ actor, params, body }) => cases.step(actor, params.id, step, body as StepInputs[typeof step]),
    });
  }
}
