import { useRouter } from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ChildFileFormData } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { ApiError } from '../../../services/api';
import { FormSection, FormSheet, FormToolbar } from '../../work/FormSheet';
import { formsApi } from '../../work/formsApi';
import { ErrorLine } from '../../work/ui';
import '../../work/work.css';

/** 一人一档: the child's file with guardians and visits, laid out as the paper file for printing. */
export default function ChildFilePrintPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const [f, setF] = useState<ChildFileFormData | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    formsApi
      .child(id)
      .then(setF)
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'));
  }, [id]);
  const download = () => {
    setError('');
    formsApi.downloadChild(id).catch((e: unknown) => setError(e instanceof Error ? e.message : '导出失败'));
  };
  const pair = (a: string, av: string | number, b: string, bv: string | number) => [{ label: a }, { value: av, w: 2 }, { label: b }, { value: bv, w: 2 }];
  return (
    <PageShell className='wk-page'>
      <FormToolbar onDownload={download} />
      <ErrorLine text={error} />
      {f ? (
        <FormSheet
          title={`${f.orgName}儿童信息档案（一人一档）`}
          meta={`档案编号：${f.id}\u3000建档日期：${f.createdAt}\u3000打印日期：${f.today}`}
          signs={['儿童主任（签字）：＿＿＿＿＿＿', '儿童督导员（签字）：＿＿＿＿＿＿', '日期：＿＿＿＿年＿＿月＿＿日']}
        >
          <FormSection
            rows={[
              pair('姓名', f.name, '性别', f.sex),
              pair('出生日期', f.dob, '身份证号', f.idNumber),
              pair('户籍地', f.householdReg, '联系电话', f.phone),
              pair('家庭住址', f.address, '所属村（社区）', f.village),
              pair('儿童类别', f.categories, '风险等级', f.riskTier),
              pair('监护状况', f.guardianshipState, '父母外出情况', f.parentsAway),
              pair('外出务工地', f.parentsAwayWhere, '委托监护确认书', f.entrustment),
              pair('就学情况', f.schooling, '学校及年级', f.school),
              pair('健康状况', f.health, '残疾情况', f.disability),
              pair('保障待遇', f.benefits, '走访周期', `每${f.visitIntervalDays}天`),
              [{ label: '风险原因' }, { value: f.riskReason, w: 5 }],
              [{ label: '服务情况' }, { value: f.servicesNote, w: 5 }],
            ]}
          />
          <Text className='fm-heading'>监护人</Text>
          <FormSection
            rows={[
              [{ label: '姓名' }, { label: '关系' }, { label: '电话' }, { label: '委托监护人' }],
              ...f.guardians.map((g) => [{ value: g.name }, { value: g.relation }, { value: g.phone }, { value: g.entrusted }]),
            ]}
          />
          <Text className='fm-heading'>走访记录</Text>
          <FormSection
            rows={[
              [{ label: '走访时间', w: 2 }, { label: '走访人' }, { label: '侵害迹象' }, { label: '走访情况', w: 3 }],
              ...f.visits.map((v) => [{ value: v.visitedAt, w: 2 }, { value: v.visitor }, { value: v.harmSigns }, { value: v.findings, w: 3 }]),
            ]}
          />
        </FormSheet>
      ) : null}
    </PageShell>
  );
}
