import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ApplicationCreate, ChildSexBrief, GuardianRelation, MAX_APPLICATION_PHOTOS, type PolicyArticle } from '@wbt/shared';
import { PageShell } from '../../components/PageShell';
import { applyFor, errorText, getPolicy, isGuardianSession } from '../../guardian/api';
import { SignInNotice } from '../../guardian/SignInNotice';
import { Area, Chips, Field, OrgPicker, PhotoRow, Step, type LocalPhoto } from '../../guardian/ui';
import { useGuardianSubmit } from '../../guardian/useSubmit';
import { pickAndUpload } from './photos';
import '../../guardian/guardian.css';

/** The form's fields top to bottom: the first one with an error is scrolled to. */
const ORDER = ['orgId', 'photos', 'child.name', 'child.sex', 'child.age', 'applicant.name', 'applicant.phone', 'applicant.relation', 'note'];

/** 协助申办: the policy's checklist with photos per item, the child, and who to call back. */
export default function ApplyPage() {
  const policyId = Number(useRouter().params.policyId);
  const [policy, setPolicy] = useState<PolicyArticle | null>(null);
  const [signedIn, setSignedIn] = useState(isGuardianSession());
  const [orgId, setOrgId] = useState<number | null>(null);
  const [photos, setPhotos] = useState<Record<number, LocalPhoto[]>>({});
  const [uploadingItem, setUploadingItem] = useState<number | null>(null);
  const [childName, setChildName] = useState('');
  const [childSex, setChildSex] = useState<'male' | 'female' | null>(null);
  const [childAge, setChildAge] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [relation, setRelation] = useState<GuardianRelation | null>(null);
  const [note, setNote] = useState('');
  const { error, setError, errors, clear, busy, send } = useGuardianSubmit(ORDER);
  /** A setter that also clears the field's red mark. */
  const edit = <T,>(path: string, setter: (v: T) => void) => (v: T) => {
    clear(path);
    setter(v);
  };

  useEffect(() => {
    getPolicy(policyId).then(setPolicy, (e) => setError(errorText(e)));
  }, [policyId]);

  const photoCount = Object.values(photos).reduce((n, list) => n + list.length, 0);

  async function addPhotos(item: number) {
    setUploadingItem(item);
    const added = await pickAndUpload(MAX_APPLICATION_PHOTOS - photoCount);
    setPhotos((p) => ({ ...p, [item]: [...(p[item] ?? []), ...added] }));
    setUploadingItem(null);
  }

  async function submit() {
    const body = {
      policyId,
      orgId: orgId ?? undefined,
      child: { name: childName, sex: childSex ?? undefined, age: childAge === '' ? undefined : Number(childAge) },
      applicant: { name, phone, relation: relation ?? undefined },
      note: note || undefined,
      photos: Object.entries(photos).flatMap(([item, list]) => list.map((p) => ({ fileId: p.fileId, ticket: p.ticket, itemIndex: Number(item) }))),
    };
    const parsed = ApplicationCreate.safeParse(body);
    await send(parsed, applyFor, { detailUrl: (created) => `/pages/apply/detail?id=${created.id}` });
  }

  if (!policy) {
    return <PageShell className='gd-page'>{error ? <Text className='gd-error'>{error}</Text> : <Text className='gd-muted'>正在加载…</Text>}</PageShell>;
  }
  if (!signedIn) {
    return (
      <PageShell className='gd-page'>
        <Text className='gd-title'>申办：{policy.title}</Text>
        <SignInNotice reason='请未保站协助申办需要先登录，这样每一步进展您都能看到。' onSignedIn={() => setSignedIn(true)} />
      </PageShell>
    );
  }
  return (
    <PageShell className='gd-page'>
      <Text className='gd-title'>申办：{policy.title}</Text>
      <Text className='gd-sub'>未保站工作人员会帮您核对材料、代为提交，每一步进展都会提醒您。</Text>

      <Step n={1} title='家住哪里' must name='orgId' error={errors.orgId}>
        <OrgPicker value={orgId} onChange={edit('orgId', (id: number) => setOrgId(id))} />
      </Step>

      <Step n={2} title='准备材料' hint='每样材料可以拍照上传；没有的先不传，工作人员会告诉您怎么补。'>
        {policy.materials.map((m, i) => (
          <View key={i} className='gd-material'>
            <View className='gd-list-item'>
              <Text className='gd-list-item__n'>{i + 1}</Text>
              <Text>{m}</Text>
            </View>
            <PhotoRow
              testid={`material-${i}`}
              photos={photos[i] ?? []}
              busy={uploadingItem === i}
              onAdd={() => void addPhotos(i)}
              onRemove={(k) => setPhotos((p) => ({ ...p, [i]: (p[i] ?? []).filter((_, j) => j !== k) }))}
            />
          </View>
        ))}
      </Step>

      <Step n={3} title='孩子的情况' must>
        <Field testid='child-name' name='child.name' label='孩子姓名' value={childName} onChange={edit('child.name', setChildName)} maxlength={30} error={errors['child.name']} />
        <View id='fld-child-sex'>
          <Text className='gd-field__label'>孩子性别</Text>
          <Chips options={ChildSexBrief.codes.map((c) => ({ value: c, label: ChildSexBrief.label(c) }))} value={childSex} onChange={edit('child.sex', setChildSex)} />
          {errors['child.sex'] ? <Text className='wbt-field-error'>{errors['child.sex']}</Text> : null}
        </View>
        <View style={{ height: '20px' }} />
        <Field testid='child-age' name='child.age' label='孩子年龄（岁）' value={childAge} onChange={edit('child.age', setChildAge)} type='number' maxlength={2} error={errors['child.age']} />
      </Step>

      <Step n={4} title='您的联系方式' must hint='工作人员会打电话和您核对'>
        <Field testid='applicant-name' name='applicant.name' label='您的姓名' value={name} onChange={edit('applicant.name', setName)} maxlength={30} error={errors['applicant.name']} />
        <Field testid='applicant-phone' name='applicant.phone' label='手机号' value={phone} onChange={edit('applicant.phone', setPhone)} type='number' maxlength={13} error={errors['applicant.phone']} />
        <View id='fld-applicant-relation'>
          <Text className='gd-field__label'>您是孩子的</Text>
          <Chips options={GuardianRelation.codes.map((c) => ({ value: c, label: GuardianRelation.label(c) }))} value={relation} onChange={edit('applicant.relation', setRelation)} />
          {errors['applicant.relation'] ? <Text className='wbt-field-error'>{errors['applicant.relation']}</Text> : null}
        </View>
      </Step>

      <Step n={5} title='还想说明的' hint='家里的情况、不方便去镇上等，都可以写'>
        <Area name='note' value={note} onChange={edit('note', setNote)} placeholder='选填' maxlength={1000} error={errors.note} />
      </Step>

      {Object.keys(errors).length ? <Text className='wbt-field-error'>还有 {Object.keys(errors).length} 处需要填写或修改，已用红色标出。</Text> : null}
      {error ? <Text className='gd-error'>{error}</Text> : null}
      <View className='gd-actions'>
        <View className={busy ? 'gd-btn gd-btn--green gd-btn--disabled' : 'gd-btn gd-btn--green'} onClick={busy ? undefined : submit} data-testid='submit-application'>
          <Text>{busy ? '正在提交…' : '提交申办'}</Text>
        </View>
      </View>
    </PageShell>
  );
}
