import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ChildSexBrief, ConsultationCreate, ConsultationTopic, type ConsultationTopic as Topic } from '@wbt/shared';
import { PageShell } from '../../components/PageShell';
import { askQuestion, getPolicy, isGuardianSession } from '../../guardian/api';
import { SignInNotice } from '../../guardian/SignInNotice';
import { Area, Chips, Field, OrgPicker, Step } from '../../guardian/ui';
import { useGuardianSubmit } from '../../guardian/useSubmit';
import { askAnonymously } from '../report/reportApi';
import { ReceiptCard } from '../report/ui';
import '../../guardian/guardian.css';

/** The form's fields top to bottom: the first one with an error is scrolled to. */
const ORDER = ['orgId', 'topic', 'question', 'child.age', 'child.sex', 'child.situation', 'contactPhone'];

type Mode = 'signed-in' | 'anonymous' | 'choose';

/**
 * 我要提问: where you live, what it is about, the question; the child and a phone are optional.
 * Signed in (WeChat, or a phone number in H5), the answer shows in 我的咨询; without signing in,
 * the asker gets a receipt code to read the answer with.
 */
export default function AskPage() {
  const params = useRouter().params;
  const policyId = params.policyId ? Number(params.policyId) : undefined;
  const [mode, setMode] = useState<Mode>(isGuardianSession() ? 'signed-in' : 'choose');
  const [policyTitle, setPolicyTitle] = useState('');
  const [orgId, setOrgId] = useState<number | null>(null);
  const [topic, setTopic] = useState<Topic | null>((params.topic as Topic | undefined) ?? null);
  const [question, setQuestion] = useState('');
  const [childAge, setChildAge] = useState('');
  const [childSex, setChildSex] = useState<'male' | 'female' | null>(null);
  const [situation, setSituation] = useState('');
  const [phone, setPhone] = useState('');
  const [receipt, setReceipt] = useState<string | null>(null);
  const { error, errors, clear, busy, send } = useGuardianSubmit(ORDER);

  useEffect(() => {
    if (policyId) getPolicy(policyId).then((p) => setPolicyTitle(p.title), () => undefined);
  }, [policyId]);

  /** A setter that also clears the field's red mark. */
  const edit = <T,>(path: string, setter: (v: T) => void) => (v: T) => {
    clear(path);
    setter(v);
  };

  async function submit() {
    const body = {
      orgId: orgId ?? undefined,
      topic: topic ?? undefined,
      question,
      policyId,
      child:
        childAge || childSex || situation
          ? { age: childAge ? Number(childAge) : undefined, sex: childSex ?? undefined, situation: situation || undefined }
          : undefined,
      contactPhone: phone || undefined,
    };
    const parsed = ConsultationCreate.safeParse(body);
    if (mode === 'anonymous') {
      await send(parsed, askAnonymously, { anonymous: true, onDone: (created) => setReceipt(created.receiptCode) });
    } else {
      await send(parsed, askQuestion, { detailUrl: (created) => `/pages/consult/detail?id=${created.id}` });
    }
  }

  if (receipt) {
    return (
      <PageShell className='gd-page'>
        <Text className='gd-title'>问题已送到未保站</Text>
        <Text className='gd-sub'>工作人员会在3个工作日内答复。您没有登录，请记下回执码，凭它查看答复、继续追问。</Text>
        <ReceiptCard code={receipt} />
        <View className='gd-actions'>
          <View className='gd-btn' onClick={() => Taro.redirectTo({ url: '/pages/receipt/index' })} data-testid='go-receipt'>
            <Text>用回执码查看答复</Text>
          </View>
          <View className='gd-btn gd-btn--light' onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>
            <Text>返回首页</Text>
          </View>
        </View>
      </PageShell>
    );
  }

  if (mode === 'choose') {
    return (
      <PageShell className='gd-page'>
        <Text className='gd-title'>我要提问</Text>
        {policyTitle ? <Text className='gd-banner gd-banner--info'>您在问：{policyTitle}</Text> : null}
        <SignInNotice reason='登录后提问，未保站答复后可以在「我的咨询」里看到。' onSignedIn={() => setMode('signed-in')} />
        <View className='gd-card'>
          <Text className='gd-para'>不想登录也可以提问：提交后会给您一个回执码，凭它查看答复。不会记录您是谁。</Text>
          <View className='gd-actions'>
            <View className='gd-btn gd-btn--light' onClick={() => setMode('anonymous')} data-testid='ask-anonymously'>
              <Text>不登录，匿名提问</Text>
            </View>
          </View>
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell className='gd-page'>
      <Text className='gd-title'>{mode === 'anonymous' ? '匿名提问' : '我要提问'}</Text>
      <Text className='gd-sub'>
        {mode === 'anonymous'
          ? '镇未保站工作人员会在3个工作日内答复。提交后给您回执码，凭它查看答复。'
          : '镇未保站工作人员会在3个工作日内答复，答复后可以在「我的咨询」里看到。'}
      </Text>
      {policyTitle ? <Text className='gd-banner gd-banner--info'>您在问：{policyTitle}</Text> : null}

      <Step n={1} title='您住在哪里' must hint='选好后由您所在镇的未保站答复' name='orgId' error={errors.orgId}>
        <OrgPicker value={orgId} onChange={edit('orgId', (id: number) => setOrgId(id))} />
      </Step>

      <Step n={2} title='想问哪方面' must name='topic' error={errors.topic}>
        <Chips testid='topic-picker' options={ConsultationTopic.codes.map((c) => ({ value: c, label: ConsultationTopic.label(c) }))} value={topic} onChange={edit('topic', setTopic)} />
      </Step>

      <Step n={3} title='您的问题' must hint='说说家里和孩子的情况，想问什么，越具体越好'>
        <Area testid='question' name='question' value={question} onChange={edit('question', setQuestion)} placeholder='例如：孙子上初中住校，家里困难，有什么补助？' error={errors.question} />
      </Step>

      <Step n={4} title='孩子的情况' hint='不想说可以不填'>
        <Field label='孩子年龄（岁）' name='child.age' value={childAge} onChange={edit('child.age', setChildAge)} type='number' maxlength={2} placeholder='例如：12' error={errors['child.age']} />
        <Text className='gd-field__label'>孩子性别</Text>
        <Chips options={ChildSexBrief.codes.map((c) => ({ value: c, label: ChildSexBrief.label(c) }))} value={childSex} onChange={setChildSex} />
        <View style={{ height: '20px' }} />
        <Field label='孩子目前情况' name='child.situation' value={situation} onChange={edit('child.situation', setSituation)} maxlength={300} placeholder='例如：父母在外打工，跟着奶奶' error={errors['child.situation']} />
      </Step>

      <Step n={5} title='联系电话' hint={mode === 'anonymous' ? '选填。留了电话，工作人员可以打给您（就不完全匿名了）' : '留了电话，工作人员可以打给您'}>
        <Field label='手机号' name='contactPhone' value={phone} onChange={edit('contactPhone', setPhone)} type='number' maxlength={13} placeholder='选填' error={errors.contactPhone} />
      </Step>

      {Object.keys(errors).length ? <Text className='wbt-field-error'>还有 {Object.keys(errors).length} 处需要填写或修改，已用红色标出。</Text> : null}
      {error ? <Text className='gd-error' data-testid='ask-error'>{error}</Text> : null}
      <View className='gd-actions'>
        <View className={busy ? 'gd-btn gd-btn--disabled' : 'gd-btn'} onClick={busy ? undefined : submit} data-testid='submit-question'>
          <Text>{busy ? '正在提交…' : '提交问题'}</Text>
        </View>
      </View>
    </PageShell>
  );
}
