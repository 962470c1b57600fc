import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Authority, PoliceOutcome, beijingDateInput } from '@wbt/shared';
import { nowValue, opts, pickedAt, text, type FormProps } from './formKit';
import { Area, Chips, DateTime, Field, Section } from './ui';

/**
 * 报告公安/民政: the report of suspected harm to the police or to civil affairs (未保法 第十一条;
 * 九部门意见 第二条) — when, to which unit, the receipt and the officer who took it.
 */
export function AuthorityReportForm({ c, register }: FormProps) {
  const policeDone = c.authorityReports.some((a) => a.authority === 'police');
  const [authority, setAuthority] = useState<string | null>(policeDone ? 'civil_affairs' : 'police');
  const [at, setAt] = useState(nowValue);
  const [unit, setUnit] = useState('');
  const [receipt, setReceipt] = useState('');
  const [officer, setOfficer] = useState('');
  const [note, setNote] = useState('');
  register(() => ({ authority: authority ?? undefined, reportedAt: pickedAt(at), unit, receipt: text(receipt), officer: text(officer), note: text(note) }));
  return (
    <>
      <View className='cs-alert' onClick={() => Taro.makePhoneCall({ phoneNumber: '110' }).catch(() => undefined)}>
        <Text>孩子正处于危险中？点此立即拨打 110</Text>
      </View>
      <Section title='报告对象'>
        <Text className='cs-hint'>疑似侵害未成年人的，应当立即向公安机关报案，并向民政部门报告（未成年人保护法第十一条）。</Text>
        <Chips testid='authority' options={opts(Authority)} value={authority} onChange={setAuthority} />
      </Section>
      <Section title='报告情况'>
        <DateTime label='报告时间' name='reportedAt' value={at} onChange={setAt} end={beijingDateInput(new Date())} testid='authority-at' />
        <Field label='接收单位' value={unit} onChange={setUnit} maxlength={100} placeholder={authority === 'civil_affairs' ? '例如：九龙坡区民政局' : '例如：铜罐驿派出所'} />
        <Field label='回执/受案回执编号（选填）' value={receipt} onChange={setReceipt} maxlength={60} placeholder='有书面回执的填写编号' />
        <Field label='接收人员（选填）' value={officer} onChange={setOfficer} maxlength={40} placeholder='例如：接警民警姓名' />
        <Area label='报告情况（选填）' value={note} onChange={setNote} placeholder='报告方式、对方的答复' maxlength={1000} />
      </Section>
    </>
  );
}

/** 公安处理结果 of a police referral, picked from the list (立案、批评教育、告诫书…). */
export function PoliceOutcomeChoice({ value, onChange }: { value: string | null; onChange: (v: string | null) => void }) {
  return (
    <>
      <Text className='rp-field__label'>公安机关处理结果</Text>
      <Chips testid='police-outcome' options={opts(PoliceOutcome)} value={value} onChange={(v) => onChange(value === v ? null : v)} />
    </>
  );
}
