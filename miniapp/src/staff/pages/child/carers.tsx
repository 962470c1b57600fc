import { Text, View } from '@tarojs/components';
import { CarerRelation, HukouType, ParentStatus } from '@wbt/shared';
import { Check, Chips, Field } from '../../../pages/report/ui';

/** The parts of the file the national children's welfare system asks for (民族, 户籍性质, parents, carers). */
export interface CarerForm {
  ethnicity: string;
  hukouType: string;
  fatherStatus: string;
  motherStatus: string;
  carerName: string;
  carerRelation: string;
  carerPhone: string;
  entrusted: boolean;
  entName: string;
  entRelation: string;
  entPhone: string;
  entIdNumber: string;
  entChecked: boolean;
  entCheckNote: string;
  entSchoolNotified: boolean;
  entVillageNotified: boolean;
  entWeeklyContact: boolean;
}

export const EMPTY_CARERS: CarerForm = {
  ethnicity: '', hukouType: '', fatherStatus: '', motherStatus: '', carerName: '', carerRelation: '', carerPhone: '',
  entrusted: false, entName: '', entRelation: '', entPhone: '', entIdNumber: '', entChecked: false, entCheckNote: '',
  entSchoolNotified: false, entVillageNotified: false, entWeeklyContact: false,
};

interface CarerDetail {
  ethnicity: string | null;
  hukouType: string | null;
  fatherStatus: string | null;
  motherStatus: string | null;
  actualCarer: { name: string; relation: string; phone: string | null } | null;
  entrustedCarer: {
    name: string; relation: string; phone: string | null; idNumber: string | null; checked: boolean; checkNote: string | null;
    schoolNotified: boolean; villageNotified: boolean; weeklyContact: boolean;
  } | null;
}

export function carersFromDetail(c: CarerDetail): CarerForm {
  const e = c.entrustedCarer;
  return {
    ethnicity: c.ethnicity ?? '', hukouType: c.hukouType ?? '', fatherStatus: c.fatherStatus ?? '', motherStatus: c.motherStatus ?? '',
    carerName: c.actualCarer?.name ?? '', carerRelation: c.actualCarer?.relation ?? '', carerPhone: c.actualCarer?.phone ?? '',
    entrusted: !!e, entName: e?.name ?? '', entRelation: e?.relation ?? '', entPhone: e?.phone ?? '', entIdNumber: e?.idNumber ?? '',
    entChecked: e?.checked ?? false, entCheckNote: e?.checkNote ?? '', entSchoolNotified: e?.schoolNotified ?? false,
    entVillageNotified: e?.villageNotified ?? false, entWeeklyContact: e?.weeklyContact ?? false,
  };
}

/** The request fields: blanks become null; no carer block without a name. */
export function carersToBody(f: CarerForm) {
  return {
    ethnicity: f.ethnicity.trim() || null,
    hukouType: f.hukouType || null,
    fatherStatus: f.fatherStatus || null,
    motherStatus: f.motherStatus || null,
    actualCarer: f.carerName.trim() ? { name: f.carerName, relation: f.carerRelation, phone: f.carerPhone.trim() || null } : null,
    entrustedCarer:
      f.entrusted && (f.entName.trim() || f.entRelation)
        ? {
            name: f.entName, relation: f.entRelation, phone: f.entPhone.trim() || null, idNumber: f.entIdNumber.trim() || null,
            checked: f.entChecked, checkNote: f.entCheckNote.trim() || null, schoolNotified: f.entSchoolNotified,
            villageNotified: f.entVillageNotified, weeklyContact: f.entWeeklyContact,
          }
        : null,
  };
}

const opts = (t: { codes: readonly string[]; label: (c: never) => string }) => t.codes.map((c) => ({ value: c, label: t.label(c as never) }));

export function NationalFields({ f, set }: { f: CarerForm; set: <K extends keyof CarerForm>(k: K, v: CarerForm[K]) => void }) {
  return (
    <View>
      <Field label='民族（选填）' value={f.ethnicity} onChange={(v) => set('ethnicity', v)} maxlength={20} placeholder='如：汉族、土家族' />
      <Text className='rp-field__label'>户籍性质</Text>
      <Chips options={opts(HukouType)} value={f.hukouType || null} onChange={(v) => set('hukouType', v)} />
    </View>
  );
}

/** Each parent's situation, who actually raises the child, and the entrusted carer (未成年人保护法 第二十二、二十三条). */
export function ParentsAndCarers({ f, set }: { f: CarerForm; set: <K extends keyof CarerForm>(k: K, v: CarerForm[K]) => void }) {
  return (
    <View>
      <Text className='rp-field__label'>父亲情况</Text>
      <Chips options={opts(ParentStatus)} value={f.fatherStatus || null} onChange={(v) => set('fatherStatus', v)} />
      <Text className='rp-field__label'>母亲情况</Text>
      <Chips options={opts(ParentStatus)} value={f.motherStatus || null} onChange={(v) => set('motherStatus', v)} />
      <View className='wk-card'>
        <Text className='wk-card__title'>实际抚养人（日常照顾孩子的人，选填）</Text>
        <Field label='姓名' value={f.carerName} onChange={(v) => set('carerName', v)} maxlength={30} />
        <Chips options={opts(CarerRelation)} value={f.carerRelation || null} onChange={(v) => set('carerRelation', v)} />
        <Field label='电话' value={f.carerPhone} onChange={(v) => set('carerPhone', v)} maxlength={20} />
      </View>
      <Check on={f.entrusted} label='父母外出，已委托他人照护（填写被委托人）' onToggle={() => set('entrusted', !f.entrusted)} />
      {f.entrusted ? (
        <View className='wk-card' data-testid='entrusted-carer'>
          <Text className='wk-card__title'>被委托人（委托照护）</Text>
          <Field label='姓名' value={f.entName} onChange={(v) => set('entName', v)} maxlength={30} />
          <Chips options={opts(CarerRelation)} value={f.entRelation || null} onChange={(v) => set('entRelation', v)} />
          <Field label='电话' value={f.entPhone} onChange={(v) => set('entPhone', v)} maxlength={20} />
          <Field label='身份证号（选填）' value={f.entIdNumber} onChange={(v) => set('entIdNumber', v.toUpperCase())} maxlength={18} />
          <Check on={f.entChecked} label='已核实被委托人条件（无侵害儿童记录、无恶习、有照护能力，听取了孩子意见）' onToggle={() => set('entChecked', !f.entChecked)} />
          <Field label='核实情况（选填）' value={f.entCheckNote} onChange={(v) => set('entCheckNote', v)} maxlength={300} />
          <Check on={f.entSchoolNotified} label='已书面告知学校（幼儿园）' onToggle={() => set('entSchoolNotified', !f.entSchoolNotified)} />
          <Check on={f.entVillageNotified} label='已书面告知村（居）委会' onToggle={() => set('entVillageNotified', !f.entVillageNotified)} />
          <Check on={f.entWeeklyContact} label='父母至少每周与孩子、被委托人联系一次' onToggle={() => set('entWeeklyContact', !f.entWeeklyContact)} />
        </View>
      ) : null}
    </View>
  );
}
