import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { SlaSettings } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { Field } from '../../../pages/report/ui';
import '../../../pages/report/report.css';
import { adminApi } from '../../admin/api';
import { messageOf, Notice } from '../../admin/ui';
import { Btn, ErrorLine } from '../../work/ui';
import '../../work/work.css';

type Key = 'ackHours' | 'firstAnswerDays' | 'seriousFirstVisitHours' | 'referralStaleDays' | 'consultationAnswerWorkingDays' | 'fileConfirmWorkingDays' | 'vulnerableMaxIntervalDays' | 'high' | 'medium' | 'low';
const FIELDS: { key: Key; label: string }[] = [
  { key: 'ackHours', label: '新报告受理时限（小时）' },
  { key: 'firstAnswerDays', label: '首次答复报告人（天）' },
  { key: 'seriousFirstVisitHours', label: '严重侵害首次入户（小时）' },
  { key: 'referralStaleDays', label: '转介无进展视为停滞（天）' },
  { key: 'consultationAnswerWorkingDays', label: '政策咨询答复（工作日）' },
  { key: 'fileConfirmWorkingDays', label: '儿童档案确认（工作日）' },
  { key: 'high', label: '高风险儿童走访间隔（天）' },
  { key: 'medium', label: '中风险儿童走访间隔（天）' },
  { key: 'low', label: '低风险儿童走访间隔（天）' },
  { key: 'vulnerableMaxIntervalDays', label: '留守/困境儿童最长走访间隔（天）' },
];
type Form = Record<Key, string>;
const toForm = (s: SlaSettings): Form => ({
  ackHours: String(s.ackHours), firstAnswerDays: String(s.firstAnswerDays), seriousFirstVisitHours: String(s.seriousFirstVisitHours),
  referralStaleDays: String(s.referralStaleDays), consultationAnswerWorkingDays: String(s.consultationAnswerWorkingDays), fileConfirmWorkingDays: String(s.fileConfirmWorkingDays),
  vulnerableMaxIntervalDays: String(s.vulnerableMaxIntervalDays), high: String(s.visitIntervalDays.high), medium: String(s.visitIntervalDays.medium), low: String(s.visitIntervalDays.low),
});

/** The county's clock lengths and visit frequencies (defaults from the seeds). */
export default function SettingsPage() {
  const [f, setF] = useState<Form | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  useDidShow(() => void adminApi.sla().then((s) => setF(toForm(s))).catch((e: unknown) => setError(messageOf(e))));

  async function save() {
    if (!f) return;
    const n = (k: Key) => Number(f[k]);
    const body = {
      ackHours: n('ackHours'), firstAnswerDays: n('firstAnswerDays'), seriousFirstVisitHours: n('seriousFirstVisitHours'), referralStaleDays: n('referralStaleDays'),
      consultationAnswerWorkingDays: n('consultationAnswerWorkingDays'), fileConfirmWorkingDays: n('fileConfirmWorkingDays'), vulnerableMaxIntervalDays: n('vulnerableMaxIntervalDays'),
      visitIntervalDays: { high: n('high'), medium: n('medium'), low: n('low') },
    };
    const parsed = SlaSettings.safeParse(body);
    if (!parsed.success) {
      const label = FIELDS.find((x) => x.key === parsed.error.issues[0].path.at(-1))?.label ?? '';
      return setError(`${label}：请填写范围内的整数`);
    }
    setBusy(true);
    setError('');
    try {
      setF(toForm(await adminApi.saveSla(parsed.data)));
      setNotice('已保存，新的时限对之后开始计时的事项生效');
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageShell className='wk-page'>
      <Text className='wk-h1'>时限设置</Text>
      <Text className='wk-sub'>本县各项时限与走访频次；默认值来自民政部门文件。</Text>
      <Notice text={notice} />
      <ErrorLine text={error} />
      {f ? (
        <View className='wk-card'>
          {FIELDS.map((x) => (
            <Field key={x.key} label={x.label} value={f[x.key]} onChange={(v) => setF({ ...f, [x.key]: v })} type='number' maxlength={4} testid={`sla-${x.key}`} />
          ))}
          <Btn label='保存设置' busy={busy} onClick={() => void save()} testid='sla-save' />
        </View>
      ) : null}
    </PageShell>
  );
}
