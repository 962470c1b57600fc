import { Text, View } from '@tarojs/components';
import { formatDateTime, type TaskBrief } from '@wbt/shared';
import { InfoRow } from './ui';
import './work.css';

/** A case task's brief: why it is urgent, what was reported, who the child is and where to find them. */
export function TaskBriefCard({ brief }: { brief: TaskBrief }) {
  const c = brief.child;
  const who = [c.name, c.sex, c.age !== null ? `${c.age}岁` : null].filter(Boolean).join('，');
  const g = brief.guardian;
  return (
    <View className='wk-card' data-testid='task-brief'>
      <Text className='wk-card__title'>走访须知（个案 {brief.caseCode}）</Text>
      {brief.urgency ? (
        <View className='wk-banner wk-banner--danger' data-testid='task-urgency'>
          <Text>{brief.urgency}</Text>
        </View>
      ) : null}
      {!brief.locationKnown ? (
        <View className='wk-banner wk-banner--warn' data-testid='task-no-location'>
          <Text>尚不知道孩子的住址或发生地点：出发前请联系乡镇未保站或向村民打听。</Text>
        </View>
      ) : null}
      <InfoRow label='风险等级' value={brief.riskLabel} />
      {brief.situations.length ? <InfoRow label='报告情形' value={brief.situations.join('；')} /> : null}
      <InfoRow label='儿童' value={who} testid='brief-child' />
      <InfoRow label='住址' value={c.address} testid='brief-address' />
      <InfoRow label='发生地点' value={brief.place} testid='brief-place' />
      {c.phone ? <InfoRow label='儿童电话' value={c.phone} /> : null}
      <InfoRow label='监护人' value={g ? [g.name, g.relation, g.phone].filter(Boolean).join('，') : null} />
      {brief.perpetratorRelation ? <InfoRow label='疑似施害人' value={`${brief.perpetratorRelation}（入户时注意自身安全）`} /> : null}
      {brief.accounts.map((a, i) => (
        <View key={i} className='wk-account' data-testid='brief-account'>
          <Text className='wk-account__head'>报告内容 · {formatDateTime(a.receivedAt)}收到</Text>
          <Text className='wk-account__text'>{a.text}</Text>
        </View>
      ))}
    </View>
  );
}
