import type { StarterArticle } from './starterArticles';

/**
 * Local articles: what a county (and its townships) adds to the national library, each citing its
 * own documents. A pack is seeded only into the county whose org-tree name it carries, and its
 * sources may name only its own province, city and county (tests check this).
 */
export interface LocalPack {
  /** The county's name as in the org tree (the root node). */
  county: string;
  /** Place names the pack's sources may cite (its own province, city, county and townships). */
  ownPlaces: string[];
  articles: StarterArticle[];
}

const TGY_PLAN = '《铜罐驿镇未成年人保护工作实施方案》（铜罐驿府发〔2022〕3号）';

export const LOCAL_PACKS: LocalPack[] = [
  {
    county: '重庆市九龙坡区',
    ownPlaces: ['重庆', '九龙坡', '铜罐驿'],
    articles: [
      {
        slug: 'cq-jlp-tgy-station',
        topic: 'guardianship',
        title: '铜罐驿镇未成年人保护工作站能帮什么',
        summary: '镇未保站设在镇民政和社事办，有服务窗口专门办理未成年人相关事务：来访接待、政策解读、信息采集、解难帮困、权益保障。',
        eligibility: '铜罐驿镇的孩子和家长、照顾孩子的亲属，以及发现孩子需要帮助的任何人。',
        materials: ['不需要材料，直接来窗口或找村（社区）儿童主任'],
        whereToApply: '铜罐驿镇未成年人保护工作站服务窗口（镇民政和社事办），或所在村（社区）儿童主任。',
        body:
          '【谁在工作站】\n分管民政工作的副镇长任站长，派出所负责人任副站长，团委、妇联、残联、司法等部门负责人是成员，镇儿童督导员具体办理未成年人相关事务。\n\n' +
          '【窗口能办什么】\n来访接待、政策解读、信息采集、解难帮困、权益保障。\n\n' +
          '【一人一档】\n农村留守儿童、孤儿、事实无人抚养儿童及监护缺失、受侵害、无户籍、辍学或不在校、患重病、残疾等困境未成年人，工作站分类建立档案，动态管理。',
        source: `${TGY_PLAN} 五、设施建设`,
        canApply: false,
      },
      {
        slug: 'cq-jlp-tgy-family-education',
        topic: 'guardianship',
        title: '铜罐驿镇社区家长学校和家庭教育指导',
        summary: '各村（社区）依托党群服务中心、文化活动室办家长学校和家庭教育指导服务站点，每季度至少开展一次宣传培训、家庭教育指导活动。',
        eligibility: '铜罐驿镇孩子的父母、其他监护人和受委托照护孩子的亲属。',
        materials: ['不需要材料，联系儿童主任报名'],
        whereToApply: '所在村（社区）党群服务中心或儿童主任；镇妇联、镇未保站。',
        body:
          '【有什么活动】\n家庭教育讲座和培训、家庭教育指导，倡导无烟家庭。每季度至少一次，具体时间请咨询儿童主任。\n\n' +
          '【儿童之家】\n儿童之家、儿童活动中心、图书馆等对未成年人免费开放。',
        source: `${TGY_PLAN} 附件 第25项、第40项`,
        canApply: false,
      },
    ],
  },
];
