import {
  Authority,
  CaseStatus,
  CaseTaskKind,
    ConferenceUnit,
  ConsultationType,
  InterventionMeasure,
  IntakeCategory,
  Placement,
  PoliceCaller,
  PoliceOutcome,
  ReferralAction,
  ReferralUnitType,
  RiskLevel,
  SupportService,
  VisitMethod,
  formatDate,
  formatDateTime,
  type CaseFieldChange,
  type CaseStep,
} from '@wbt/shared';

export type FieldChange = CaseFieldChange;

export const CASE_FIELD_LABELS: Record<string, string> = {
  status: '阶段',
  riskLevel: '风险等级',
  harmSuspected: '疑似伤害',
  serious: '严重家庭暴力或不法侵害',
  ownerUserId: '负责人',
  socialWorkerUserId: '儿童社工',
  villageId: '所在村（社区）',
  childId: '儿童档案',
  child: '儿童信息',
  followUpIntervalDays: '回访间隔（天）',
  followUpFinished: '回访计划',
  firstReportedAt: '最早报告时间',
  policeReportedAt: '向公安机关报告时间',
  civilAffairsReportedAt: '向民政部门报告时间',
};

const yes = (b: unknown) => (b ? '是' : '否');
const list = <T extends string>(codes: unknown, label: (c: T) => string) => (Array.isArray(codes) ? codes.map((c) => label(c as T)).join('、') : '');

type Data = Record<string, unknown>;

/**
 * The lines a chronology entry shows: the step's input in the words of the forms. Unknown fields are
 * left out rather than shown raw.
 */
export function eventLines(step: CaseStep | string, data: Data): string[] {
  const s = (k: string) => (data[k] === undefined || data[k] === null || data[k] === '' ? null : String(data[k]));
  const out: (string | null)[] = [];
  const add = (label: string, value: string | null | undefined) => {
    if (value) out.push(`${label}：${value}`);
  };
  switch (step) {
    case 'open':
      add('分类', data.category ? IntakeCategory.label(data.category as IntakeCategory) : null);
      add('咨询类型', data.consultationType ? ConsultationType.label(data.consultationType as ConsultationType) : null);
      add('来源', s('source'));
      add('说明', s('note'));
      break;
    case 'link_report':
      add('关联报告', data.reportId ? `#${data.reportId}` : null);
      add('说明', s('note'));
      break;
    case 'assess':
      add('疑似伤害', yes(data.harmSuspected));
      add('有伤情', yes(data.injured));
      add('严重家庭暴力或不法侵害', yes(data.serious));
      add('风险等级', data.riskLevel ? RiskLevel.label(data.riskLevel as RiskLevel) : null);
      add('评估理由', s('reasons'));
      add('回访间隔', data.followUpIntervalDays ? `${data.followUpIntervalDays}天` : null);
      break;
    case 'police_call':
      add('报警时间', data.calledAt ? formatDateTime(String(data.calledAt)) : null);
      add('报警人', data.calledBy ? PoliceCaller.label(data.calledBy as keyof typeof PoliceCaller.labels) : null);
      add('出警派出所', s('policeStation'));
      add('警情/案件编号', s('policeCaseNumber'));
      add('出警情况', s('note'));
      break;
    case 'report_authority':
      add('报告对象', data.authority ? Authority.label(data.authority as Authority) : null);
      add('报告时间', data.reportedAt ? formatDateTime(String(data.reportedAt)) : null);
      add('接收单位', s('unit'));
      add('回执/受案回执编号', s('receipt'));
      add('接收人员', s('officer'));
      add('报告情况', s('note'));
      break;
    case 'intervene':
      add('干预措施', list(data.measures, InterventionMeasure.label));
      add('报告的上级单位', s('reportedTo'));
      add('庇护/安置地点', s('placementPlace'));
      add('参与的其他部门', s('agencies'));
      add('干预情况', s('details'));
      break;
    case 'support':
      add('支持服务', list(data.services, SupportService.label));
      add('服务提供方', s('provider'));
      add('服务情况', s('details'));
      break;
    case 'dispatch_task':
      add('任务', data.kind ? CaseTaskKind.label(data.kind as CaseTaskKind) : null);
      add('执行人', s('assigneeName'));
      add('完成时限', data.dueAt ? formatDateTime(String(data.dueAt)) : null);
      add('任务说明', s('reason'));
      break;
    case 'refer':
      add('接收单位类型', data.unitType ? ReferralUnitType.label(data.unitType as ReferralUnitType) : null);
      add('转介接收单位', s('unit'));
      add('单位地址', s('unitAddress'));
      add('对接负责人', s('contactName'));
      add('联系方式', s('contactPhone'));
      add('转介理由', s('reason'));
      add('后续跟进计划', s('followUpPlan'));
      break;
    case 'referral_update':
      add('转介', s('unit'));
      add('进展', data.action ? ReferralAction.label(data.action as ReferralAction) : null);
      add('拒绝原因', s('rejectReason'));
      add('公安处理结果', data.policeOutcome ? PoliceOutcome.label(data.policeOutcome as PoliceOutcome) : null);
      add('服务结果', s('outcome'));
      add('跟进情况', s('note'));
      break;
    case 'follow_up':
      add('回访时间', data.visitedAt ? formatDateTime(String(data.visitedAt)) : null);
      add('回访方式', data.method ? VisitMethod.label(data.method as VisitMethod) : null);
      add('康复状况', s('recovery'));
      add('再受伤害可能', data.repeatHarmRisk ? RiskLevel.label(data.repeatHarmRisk as RiskLevel) : null);
      add('安置情况', data.placement ? Placement.label(data.placement as Placement) : null);
      add('回访情况', s('findings'));
      if (data.planFinished) out.push('回访计划已结束');
      break;
    case 'conference': {
      add('会商日期', data.heldAt ? formatDate(String(data.heldAt)) : null);
      const people = Array.isArray(data.participants)
        ? (data.participants as { name: string; unitType: string; unit?: string }[])
            .map((p) => `${p.name}（${p.unit || ConferenceUnit.label(p.unitType as ConferenceUnit)}）`)
            .join('、')
        : null;
      add('参会人员', people);
      add('会商议题', s('topic'));
      add('会商决定', s('decisions'));
      if (data.escalateToCounty) out.push('已提请县（区）未保办进行个案会商');
      break;
    }
    case 'answer_reporter':
      add('答复内容', s('message'));
      break;
    case 'note':
      add('记录', s('text'));
      break;
    case 'archive':
      add('结案小结', s('summary'));
      add('告知报告人的处理结果', s('outcomeForReporter'));
      add('未向公安机关报告的原因', s('noPoliceReportReason'));
      add('归档时停止的时限', Array.isArray(data.stoppedClocks) && data.stoppedClocks.length ? (data.stoppedClocks as string[]).join('；') : null);
      add('撤回的未完成任务', Array.isArray(data.withdrawnTasks) && data.withdrawnTasks.length ? (data.withdrawnTasks as string[]).join('；') : null);
      break;
    case 'reopen':
      add('重新开启原因', s('reason'));
      add('回到阶段', data.reopenTo ? CaseStatus.label(data.reopenTo as CaseStatus) : null);
      break;
    case 'task_done':
      add('任务', data.kind ? CaseTaskKind.labels[data.kind as CaseTaskKind] ?? String(data.kind) : null);
      add('完成人', s('by'));
      break;
    default:
      break;
  }
  return out.filter((x): x is string => !!x);
}
