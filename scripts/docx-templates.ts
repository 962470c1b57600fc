/**
 * Writes the editable Word templates of the printable documents (server/templates/*.docx) from a
 * plain description, once; the committed .docx files are what a county edits afterwards in Word or
 * WPS (keep the {tags}; loops are {#list}…{/list}). Usage: npx tsx scripts/docx-templates.ts [--force]
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';

type Block = { p: string; bold?: boolean; size?: number; center?: boolean } | { table: string[][]; header?: boolean } | { pageBreak: true };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const run = (text: string, bold?: boolean, size = 24) =>
  `<w:r><w:rPr><w:rFonts w:ascii="SimSun" w:eastAsia="SimSun" w:hAnsi="SimSun"/>${bold ? '<w:b/>' : ''}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
const para = (text: string, o: { bold?: boolean; size?: number; center?: boolean } = {}) =>
  `<w:p><w:pPr>${o.center ? '<w:jc w:val="center"/>' : ''}<w:spacing w:after="120" w:line="360" w:lineRule="auto"/></w:pPr>${run(text, o.bold, o.size)}</w:p>`;
const cell = (text: string, bold: boolean) => `<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>${para(text, { bold, size: 21 })}</w:tc>`;
const table = (rows: string[][], header = true) =>
  `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
    .map((b) => `<w:${b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
    .join('')}</w:tblBorders></w:tblPr>${rows.map((r, i) => `<w:tr>${r.map((c) => cell(c, header && i === 0)).join('')}</w:tr>`).join('')}</w:tbl>${para('')}`;

const PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';

function docx(blocks: Block[]): Buffer {
  const body = blocks.map((b) => ('pageBreak' in b ? PAGE_BREAK : 'table' in b ? table(b.table, b.header) : para(b.p, b))).join('');
  const zip = new PizZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`,
  );
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** 半年工作报告 (seed 003 工作职责七: 每半年向镇未成年人保护工作领导小组进行汇报). */
const halfYear: Block[] = [
  { p: '{orgName}未成年人保护工作站', center: true, size: 32, bold: true },
  { p: '{periodLabel}工作情况报告', center: true, size: 32, bold: true },
  { p: '统计期间：{from} 至 {to}　　统计范围：{orgName}', center: true, size: 21 },
  { p: '一、基本情况', bold: true },
  { p: '截至{to}，全{orgKind}在档农村留守儿童{leftBehind}人，困境儿童{plight}人，散居孤儿和事实无人抚养儿童{orphans}人。' },
  { p: '二、发现报告与个案办理', bold: true },
  { p: '本期共接待报告、来电、来访和求助{reports}件，新立救助保护个案{casesOpened}件，结案{casesArchived}件，目前在办个案{casesOpen}件；转介{referrals}次。' },
  { table: [['报告来源', '件数'], ['{#bySource}{label}', '{value}{/bySource}']] },
  { table: [['报告分类', '件数'], ['{#byCategory}{label}', '{value}{/byCategory}']] },
  { table: [['事发到报告的时间', '件数'], ['{#delay}{label}', '{value}{/delay}']] },
  { p: '报告到受理用时中位数{ackMedian}；报告到首次家访用时中位数{visitMedian}；报告到结案用时中位数{closeMedian}。' },
  { p: '三、走访与关爱服务', bold: true },
  { p: '本期入户走访{visits}次。各月应走访儿童与已走访情况：' },
  { table: [['月份', '应走访儿童', '已走访', '走访次数'], ['{#visitsByMonth}{month}', '{due}', '{covered}', '{visits}{/visitsByMonth}']] },
  { p: '四、超时与督办', bold: true },
  { p: '截至制表时，超时未办事项{overdue}项。' },
  { p: '五、存在问题和下步打算', bold: true },
  { p: '（请填写）' },
  { p: '' },
  { p: '填报人：＿＿＿＿＿＿　　审核人（站长）：＿＿＿＿＿＿　　填报日期：{today}' },
];

/** 一人一档: the child's file as it is kept on paper, with its visits and the signature lines. */
const childFile: Block[] = [
  { p: '{orgName}儿童信息档案（一人一档）', center: true, size: 32, bold: true },
  { p: '档案编号：{id}　　建档日期：{createdAt}　　打印日期：{today}', center: true, size: 21 },
  {
    table: [
      ['姓名', '{name}', '性别', '{sex}'],
      ['出生日期', '{dob}', '身份证号', '{idNumber}'],
      ['户籍地', '{householdReg}', '联系电话', '{phone}'],
      ['家庭住址', '{address}', '所属村（社区）', '{village}'],
      ['儿童类别', '{categories}', '风险等级', '{riskTier}'],
      ['监护状况', '{guardianshipState}', '父母外出情况', '{parentsAway}'],
      ['外出务工地', '{parentsAwayWhere}', '委托监护确认书', '{entrustment}'],
      ['就学情况', '{schooling}', '学校及年级', '{school}'],
      ['健康状况', '{health}', '残疾情况', '{disability}'],
      ['保障待遇', '{benefits}', '走访周期', '每{visitIntervalDays}天'],
    ],
    header: false,
  },
  { p: '监护人', bold: true },
  { table: [['姓名', '关系', '电话', '委托监护人'], ['{#guardians}{name}', '{relation}', '{phone}', '{entrusted}{/guardians}']] },
  { p: '风险原因：{riskReason}' },
  { p: '服务情况：{servicesNote}' },
  { p: '走访记录', bold: true },
  { table: [['走访时间', '走访人', '发现侵害迹象', '走访情况'], ['{#visits}{visitedAt}', '{visitor}', '{harmSigns}', '{findings}{/visits}']] },
  { p: '' },
  { p: '儿童主任（签字）：＿＿＿＿＿＿　　儿童督导员（签字）：＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日' },
];

/** 附件7 未成年人保护服务转介记录表 (seed 002), field for field, with the filler's name and date. */
const referral: Block[] = [
  { p: '未成年人保护服务转介记录表', center: true, size: 32, bold: true },
  { p: '{sentYear}年{sentMonth}月{sentDay}日　　个案编号：{caseCode}', center: true, size: 21 },
  {
    table: [
      ['未成年人信息', '姓名', '{childName}', '性别', '{childSex}', '年龄', '{childAge}'],
      ['', '住址', '{childAddress}', '联系电话', '{childPhone}', '', ''],
      ['', '监护人姓名', '{guardianName}', '身份', '{guardianRelation}', '联系电话', '{guardianPhone}'],
      ['转介服务记录', '转介理由', '{reason}', '', '', '', ''],
      ['转介信息', '转介接收单位', '{unit}（{unitType}）', '', '', '', ''],
      ['', '单位地址', '{unitAddress}', '', '', '', ''],
      ['', '对接负责人姓名', '{contactName}', '联系方式', '{contactPhone}', '', ''],
      ['未保工作站', '后续跟进计划', '{followUpPlan}', '', '', '', ''],
      ['', '办理状态', '{status}', '办理结果', '{result}', '', ''],
    ],
    header: false,
  },
  { p: '填写人姓名：{filler}　　填写日期：{sentDate}' },
  { p: '（签字）＿＿＿＿＿＿' },
];

/** 附件5 未成年人疑似伤害事件求助登记表 (seed 002), field for field, with the filler's line. */
const report5: Block[] = [
  { p: '未成年人疑似伤害事件求助登记表', center: true, size: 32, bold: true },
  { p: '登记编号：{reportId}　　接收单位：{townshipName}未成年人保护工作站（{orgName}）', center: true, size: 21 },
  {
    table: [
      ['未成年人信息', '姓名', '{childName}', '性别', '{childSex}', '年龄', '{childAge}'],
      ['', '住址', '{childAddress}', '联系电话', '{childPhone}', '', ''],
      ['', '监护人姓名', '{guardianName}', '身份', '{guardianRelation}', '联系电话', '{guardianPhone}'],
      ['情况陈述', '地点', '{place}', '时间', '{occurredAt}', '', ''],
      ['', '具体经过', '{account}', '', '', '', ''],
      ['', '所涉情形', '{situations}', '', '', '', ''],
      ['疑似施害者', '姓名', '{perpetratorName}', '身份', '{perpetratorRelation}', '', ''],
      ['', '住址', '{perpetratorAddress}', '联系电话', '{perpetratorPhone}', '', ''],
      ['附件（文字记录、图片等相关证明）', '{attachments}', '', '', '', '', ''],
    ],
    header: false,
  },
  { p: '填写人：{filler}　　填写日期：{filledDate}' },
  { p: '（签字）＿＿＿＿＿＿' },
];

/** 附件6 未成年人保护强制报告登记表 (seed 002), its tick boxes ticked, with the filler's line. */
const report6: Block[] = [
  { p: '未成年人保护强制报告登记表', center: true, size: 32, bold: true },
  { p: '登记编号：{reportId}　　接收单位：{townshipName}未成年人保护工作站（{orgName}）', center: true, size: 21 },
  {
    table: [
      ['报告人信息', '公开或匿名', '{disclosureBoxes}', '', ''],
      ['', '报告人姓名', '{reporterName}', '联系方式', '{reporterPhone}'],
      ['', '报告人身份', '{identityBoxes}{identityNote}', '', ''],
      ['', '报告方式', '{methodBoxes}{methodNote}', '', ''],
      ['', '报告时间', '{reportedAt}', '', ''],
      ['未成年人信息', '未成年人姓名', '{childName}', '性别', '{childSex}'],
      ['', '年龄', '{childAge}', '联系电话', '{childPhone}'],
      ['', '居住地址', '{childAddress}', '', ''],
      ['', '监护人姓名', '{guardianName}', '身份', '{guardianRelation}'],
      ['', '监护人联系电话', '{guardianPhone}', '', ''],
      ['情况陈述', '案件发生地', '{place}', '发生时间', '{occurredAt}'],
      ['', '案件经过', '{account}', '', ''],
      ['', '所涉情形', '{situations}', '', ''],
      ['', '疑似施害者姓名', '{perpetratorName}', '身份', '{perpetratorRelation}'],
      ['未成年人具体状态', '身体状态', '{physical}', '', ''],
      ['', '精神状态', '{mental}', '', ''],
      ['', '行为表现', '{behaviour}', '', ''],
      ['未成年人对伤害案件的认知与评价', '（认识、理解与评价：对施害者行为的认识、关系及信任程度、亲密程度、继续相处意愿等）', '{view}', '', ''],
      ['附件（文字记录、图片等相关信息）', '{attachments}', '', '', ''],
    ],
    header: false,
  },
  { p: '填写人：{filler}　　填写日期：{filledDate}' },
  { p: '（签字）＿＿＿＿＿＿' },
];

/**
 * 组卷 (seed 002 附件4 step 8): one file of an archived case, a cover and contents, then the case's
 * 附件5/6 and 附件7 forms, its chronology and its visits, each part on a new page.
 */
const bundle: Block[] = [
  { p: '{townshipName}未成年人保护工作站', center: true, size: 32, bold: true },
  { p: '个案卷宗', center: true, size: 44, bold: true },
  {
    table: [
      ['个案编号', '{caseCode}'],
      ['个案类型', '{kindLabel}'],
      ['未成年人', '{childName}'],
      ['所在村（社区）', '{villageName}'],
      ['风险等级', '{riskLabel}'],
      ['负责人', '{ownerName}'],
      ['首次报告日期', '{firstReportedAt}'],
      ['立案日期', '{openedAt}'],
      ['归档日期', '{archivedAt}'],
      ['结案小结', '{summary}'],
    ],
    header: false,
  },
  { p: '卷内目录', bold: true },
  { p: '一、报告/求助登记表（附件5、附件6）{reportCount}份' },
  { p: '二、未成年人保护服务转介记录表（附件7）{referralCount}份' },
  { p: '三、办理经过（{eventCount}条）' },
  { p: '四、走访与回访记录（{visitCount}条）' },
  { p: '' },
  { p: '组卷人（签字）：＿＿＿＿＿＿　　审核人（站长）：＿＿＿＿＿＿　　组卷日期：{today}' },
  { pageBreak: true },
  { p: '{#reports}' },
  { p: '{#help}' },
  ...report5,
  { p: '{/help}' },
  { p: '{#harm}' },
  ...report6,
  { p: '{/harm}' },
  { pageBreak: true },
  { p: '{/reports}' },
  { p: '{#referrals}' },
  ...referral,
  { pageBreak: true },
  { p: '{/referrals}' },
  { p: '办理经过', center: true, size: 32, bold: true },
  { p: '个案编号：{caseCode}', center: true, size: 21 },
  { table: [['时间', '步骤', '办理人', '内容'], ['{#events}{at}', '{stepLabel}', '{actor}', '{lines}{/events}']] },
  { pageBreak: true },
  { p: '走访与回访记录', center: true, size: 32, bold: true },
  { p: '个案编号：{caseCode}', center: true, size: 21 },
  { table: [['时间', '类别', '走访人', '情况'], ['{#visits}{at}', '{kind}', '{by}', '{findings}{/visits}']] },
  { p: '' },
  { p: '儿童督导员（签字）：＿＿＿＿＿＿　　站长（签字）：＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日' },
];

const out = path.resolve(__dirname, '../server/templates');
const templates: Record<string, Block[]> = { 'half-year-report.docx': halfYear, 'child-file.docx': childFile, 'referral.docx': referral,
  'report-help.docx': report5,
  'report-harm.docx': report6,
  'case-bundle.docx': bundle,
};
for (const [name, blocks] of Object.entries(templates)) {
  const file = path.join(out, name);
  if (existsSync(file) && !process.argv.includes('--force')) {
    console.log(`${name} exists (edited templates are kept; --force rewrites)`);
    continue;
  }
  writeFileSync(file, docx(blocks));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
