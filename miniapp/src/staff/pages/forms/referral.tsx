import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { ReferralFormData } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { ApiError } from '../../../services/api';
import { FormSection, FormSheet, FormToolbar } from '../../work/FormSheet';
import { formsApi } from '../../work/formsApi';
import { ErrorLine } from '../../work/ui';
import '../../work/work.css';

/** 附件7 未成年人保护服务转介记录表 of one referral, laid out as the paper form for printing. */
export default function ReferralFormPage() {
  const { params } = useRouter();
  const caseId = Number(params.caseId);
  const referralId = Number(params.referralId);
  const [f, setF] = useState<ReferralFormData | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    formsApi
      .referral(caseId, referralId)
      .then(setF)
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'));
  }, [caseId, referralId]);
  const download = () => {
    setError('');
    formsApi.downloadReferral(caseId, referralId).catch((e: unknown) => setError(e instanceof Error ? e.message : '导出失败'));
  };
  return (
    <PageShell className='wk-page'>
      <FormToolbar onDownload={download} />
      <ErrorLine text={error} />
      {f ? (
        <FormSheet
          title='未成年人保护服务转介记录表'
          meta={`附件7\u3000${f.sentYear}年${f.sentMonth}月${f.sentDay}日\u3000个案编号：${f.caseCode}`}
          signs={[`填写人姓名：${f.filler}`, `填写日期：${f.sentDate}`, '（签字）＿＿＿＿＿＿']}
        >
          <FormSection
            title='未成年人信息'
            rows={[
              [{ label: '姓名' }, { value: f.childName, w: 2 }, { label: '性别' }, { value: f.childSex }, { label: '年龄' }, { value: f.childAge }],
              [{ label: '住址' }, { value: f.childAddress, w: 3 }, { label: '联系电话' }, { value: f.childPhone, w: 2 }],
              [{ label: '监护人姓名' }, { value: f.guardianName }, { label: '身份' }, { value: f.guardianRelation }, { label: '联系电话' }, { value: f.guardianPhone }],
            ]}
          />
          <FormSection title='转介服务记录' rows={[[{ label: '转介理由' }, { value: f.reason, w: 4 }]]} />
          <FormSection
            title='转介信息'
            rows={[
              [{ label: '转介接收单位' }, { value: `${f.unit}（${f.unitType}）`, w: 4 }],
              [{ label: '单位地址' }, { value: f.unitAddress, w: 4 }],
              [{ label: '对接负责人姓名' }, { value: f.contactName, w: 2 }, { label: '联系方式' }, { value: f.contactPhone }],
            ]}
          />
          <FormSection
            title='未保工作站'
            rows={[
              [{ label: '后续跟进计划' }, { value: f.followUpPlan, w: 4 }],
              [{ label: '办理状态' }, { value: f.status }, { label: '办理结果' }, { value: f.result, w: 2 }],
            ]}
          />
        </FormSheet>
      ) : null}
    </PageShell>
  );
}
