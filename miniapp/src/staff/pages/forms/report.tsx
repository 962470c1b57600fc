import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { ReportFormData } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { ApiError } from '../../../services/api';
import { FormSection, FormSheet, FormToolbar } from '../../work/FormSheet';
import { formsApi } from '../../work/formsApi';
import { ErrorLine } from '../../work/ui';
import '../../work/work.css';

const SIGNS = (f: ReportFormData) => [`填写人：${f.filler}`, `填写日期：${f.filledDate}`, '（签字）＿＿＿＿＿＿'];

/** 附件5 求助登记表 or 附件6 强制报告登记表 of a report, laid out as the paper form for printing. */
export default function ReportFormPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const [f, setF] = useState<ReportFormData | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    formsApi
      .report(id)
      .then(setF)
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'));
  }, [id]);
  const download = () => {
    setError('');
    formsApi.downloadReport(id).catch((e: unknown) => setError(e instanceof Error ? e.message : '导出失败'));
  };
  const child = f
    ? [
        [{ label: '姓名' }, { value: f.childName, w: 2 }, { label: '性别' }, { value: f.childSex }, { label: '年龄' }, { value: f.childAge }],
        [{ label: '住址' }, { value: f.childAddress, w: 3 }, { label: '联系电话' }, { value: f.childPhone, w: 2 }],
        [{ label: '监护人姓名' }, { value: f.guardianName }, { label: '身份' }, { value: f.guardianRelation }, { label: '联系电话' }, { value: f.guardianPhone }],
      ]
    : [];
  return (
    <PageShell className='wk-page'>
      <FormToolbar onDownload={download} />
      <ErrorLine text={error} />
      {f && f.form === 'help' ? (
        <FormSheet title={f.title} meta={`${f.formNo}\u3000登记编号：${f.reportId}\u3000${f.townshipName}（${f.orgName}）`} signs={SIGNS(f)}>
          <FormSection title='未成年人信息' rows={child} />
          <FormSection
            title='情况陈述'
            rows={[
              [{ label: '地点' }, { value: f.place, w: 2 }, { label: '时间' }, { value: f.occurredAt, w: 2 }],
              [{ label: '具体经过' }, { value: f.account, w: 5 }],
              [{ label: '所涉情形' }, { value: f.situations, w: 5 }],
            ]}
          />
          <FormSection
            title='疑似施害者'
            rows={[
              [{ label: '姓名' }, { value: f.perpetratorName, w: 2 }, { label: '身份' }, { value: f.perpetratorRelation, w: 2 }],
              [{ label: '住址' }, { value: f.perpetratorAddress, w: 2 }, { label: '联系电话' }, { value: f.perpetratorPhone, w: 2 }],
            ]}
          />
          <FormSection title='附件' rows={[[{ label: '文字记录、图片等相关证明' }, { value: f.attachments, w: 3 }]]} />
        </FormSheet>
      ) : null}
      {f && f.form === 'harm' ? (
        <FormSheet title={f.title} meta={`${f.formNo}\u3000登记编号：${f.reportId}\u3000${f.townshipName}（${f.orgName}）`} signs={SIGNS(f)}>
          <FormSection
            title='报告人信息'
            rows={[
              [{ label: '公开或匿名' }, { value: f.disclosureBoxes, w: 4 }],
              [{ label: '报告人姓名' }, { value: f.reporterName, w: 2 }, { label: '联系方式' }, { value: f.reporterPhone }],
              [{ label: '报告人身份' }, { value: `${f.identityBoxes}${f.identityNote}`, w: 4 }],
              [{ label: '报告方式' }, { value: `${f.methodBoxes}${f.methodNote}`, w: 4 }],
              [{ label: '报告时间' }, { value: f.reportedAt, w: 4 }],
            ]}
          />
          <FormSection title='未成年人信息' rows={child} />
          <FormSection
            title='情况陈述'
            rows={[
              [{ label: '案件发生地' }, { value: f.place, w: 2 }, { label: '发生时间' }, { value: f.occurredAt, w: 2 }],
              [{ label: '案件经过' }, { value: f.account, w: 5 }],
              [{ label: '所涉情形' }, { value: f.situations, w: 5 }],
              [{ label: '疑似施害者' }, { value: f.perpetratorName, w: 2 }, { label: '身份' }, { value: f.perpetratorRelation, w: 2 }],
            ]}
          />
          <FormSection
            title='未成年人具体状态'
            rows={[
              [{ label: '身体状态' }, { value: f.physical, w: 4 }],
              [{ label: '精神状态' }, { value: f.mental, w: 4 }],
              [{ label: '行为表现' }, { value: f.behaviour, w: 4 }],
              [{ label: '对伤害案件的认知与评价' }, { value: f.view, w: 4 }],
            ]}
          />
          <FormSection title='附件' rows={[[{ label: '文字记录、图片等相关信息' }, { value: f.attachments, w: 3 }]]} />
        </FormSheet>
      ) : null}
    </PageShell>
  );
}
