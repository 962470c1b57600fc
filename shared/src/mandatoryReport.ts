import { labelled } from './labels';

/**
 * The nine situations that must be reported under 最高人民检察院等九部门《关于建立侵害未成年人案件
 * 强制报告制度的意见（试行）》(2020) 第四条. `labels` are short plain words a villager understands;
 * `MANDATORY_SITUATION_TEXT` keeps the opinion's own wording for staff.
 */
export const MandatorySituation = labelled({
  private_injury: '孩子的生殖器官或隐私部位受伤（或疑似）',
  sexual_abuse_under14: '不满14岁的女孩被性侵害，或怀孕、流产（或疑似）',
  pregnancy_over14: '14岁以上的女孩因被性侵害而怀孕、流产（或疑似）',
  abuse_injuries: '身上多处伤、严重营养不良、神志不清，可能被家暴、欺凌、虐待、殴打或被下药',
  abnormal_harm: '因自杀、自残、工伤、中毒、被下药、殴打等原因伤残或死亡',
  abandoned: '孩子被遗弃，或长期没有人照顾',
  trafficking: '孩子来历不明、失踪，或被拐卖、收买',
  begging: '孩子被人组织去乞讨',
  other_serious: '其他严重伤害孩子身心的情况，或孩子正面临危险',
});
export type MandatorySituation = (typeof MandatorySituation.codes)[number];

export const MANDATORY_SITUATION_TEXT: Record<MandatorySituation, string> = {
  private_injury: '未成年人的生殖器官或隐私部位遭受或疑似遭受非正常损伤的',
  sexual_abuse_under14: '不满十四周岁的女性未成年人遭受或疑似遭受性侵害、怀孕、流产的',
  pregnancy_over14: '十四周岁以上女性未成年人遭受或疑似遭受性侵害所致怀孕、流产的',
  abuse_injuries: '未成年人身体存在多处损伤、严重营养不良、意识不清，存在或疑似存在受到家庭暴力、欺凌、虐待、殴打或者被人麻醉等情形的',
  abnormal_harm: '未成年人因自杀、自残、工伤、中毒、被人麻醉、殴打等非正常原因导致伤残、死亡情形的',
  abandoned: '未成年人被遗弃或长期处于无人照料状态的',
  trafficking: '发现未成年人来源不明、失踪或者被拐卖、收买的',
  begging: '发现未成年人被组织乞讨的',
  other_serious: '其他严重侵害未成年人身心健康的情形或未成年人正在面临不法侵害危险的',
};

/**
 * Further situations the station must hear of at once (seed 002 §4.2 and 附件3; seed 004): shown as
 * checkboxes beside the nine situations.
 */
export const ReportTrigger = labelled({
  unsupervised: '孩子脱离监护、独自居住或失踪',
  guardian_failing: '监护人丧失监护能力或不履行监护责任',
  accident: '孩子遭受意外伤害',
  emergency_illness: '孩子遭遇突发事件或重大疾病',
});
export type ReportTrigger = (typeof ReportTrigger.codes)[number];
