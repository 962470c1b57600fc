import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ChildSexBrief, ConsultationCreate, ConsultationTopic, type ConsultationTopic as Topic } from '@wbt/shared';
import { PageShell } from '../../components/PageShell';
import { askQuestion, ensureGuardian, errorText, getPolicy, isGuardianSession } from '../../guardian/api';
import { Area, Chips, Field, OrgPicker, SignInNotice, Step } from '../../guardian/ui';
import { useGuardianSubmit } from '../../guardian/useSubmit';
import { IS_WEAPP } from '../../services/config';
import '../../guardian/guardian.css';

/** 我要提问: where you live, what it is about, the question; the child and a phone are optional. */
export default function AskPage() {
  const params = useRouter().params;
  const policyId = params.policyId ? Number(params.policyId) : undefined;
  const [signedIn, setSignedIn] = useState(isGuardianSession());
  const [signInError, setSignInError] = useState('');
  const [policyTitle, setPolicyTitle] = useState('');
  const [orgId, setOrgId] = useState<number | null>(null);
  const [topic, setTopic] = useState<Topic | null>((params.topic as Topic | undefined) ?? null);
  const [question, setQuestion] = useState('');
  const [childAge, setChildAge] = useState('');
  const [childSex, setChildSex] = useState<'male' | 'female' | null>(null);
  const [situation, setSituation] = useState('');
  const [phone, setPhone] = useState('');
  const { error, setError, busy, send } = useGuardianSubmit();

  useEffect(() => {
    if (policyId) getPolicy(policyId).then((p) => setPolicyTitle(p.title), () => undefined);
  }, [policyId]);

  async function signIn() {
    try {
      await ensureGuardian();
      setSignedIn(true);
      setSignInError('');
    } catch (e) {
      setSignInError(errorText(e, '微信登录失败，请重试'));
    }
  }

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
    if (!question.trim()) {
      setError('请写下您的问题');
      return;
    }
    await send(parsed, askQuestion, (id) => `/pages/consult/detail?id=${id}`);
  }

  if (!signedIn) {
    return (
      <PageShell className='gd-page'>
        <Text className='gd-title'>我要提问</Text>
        <SignInNotice onSignIn={IS_WEAPP ? signIn : undefined} error={signInError} />
      </PageShell>
    );
  }

  return (
    <PageShell className='gd-page'>
      <Text className='gd-title'>我要提问</Text>
      <Text className='gd-sub'>镇未保站工作人员会在3个工作日内答复，答复后微信会提醒您。</Text>
      {policyTitle ? <Text className='gd-banner gd-banner--info'>您在问：{policyTitle}</Text> : null}

      <Step n={1} title='您住在哪里' must hint='选好后由您所在镇的未保站答复'>
        <OrgPicker value={orgId} onChange={(id) => setOrgId(id)} />
      </Step>

      <Step n={2} title='想问哪方面' must>
        <Chips testid='topic-picker' options={ConsultationTopic.codes.map((c) => ({ value: c, label: ConsultationTopic.label(c) }))} value={topic} onChange={setTopic} />
      </Step>

      <Step n={3} title='您的问题' must hint='说说家里和孩子的情况，想问什么，越具体越好'>
        <Area testid='question' value={question} onChange={setQuestion} placeholder='例如：孙子上初中住校，家里困难，有什么补助？' />
      </Step>

      <Step n={4} title='孩子的情况' hint='不想说可以不填'>
        <Field label='孩子年龄（岁）' value={childAge} onChange={setChildAge} type='number' maxlength={2} placeholder='例如：12' />
        <Text className='gd-field__label'>孩子性别</Text>
        <Chips options={ChildSexBrief.codes.map((c) => ({ value: c, label: ChildSexBrief.label(c) }))} value={childSex} onChange={setChildSex} />
        <View style={{ height: '20px' }} />
        <Field label='孩子目前情况' value={situation} onChange={setSituation} maxlength={300} placeholder='例如：父母在外打工，跟着奶奶' />
      </Step>

      <Step n={5} title='联系电话' hint='留了电话，工作人员可以打给您'>
        <Field label='手机号' value={phone} onChange={setPhone} type='number' maxlength={13} placeholder='选填' />
      </Step>

      {error ? <Text className='gd-error' data-testid='ask-error'>{error}</Text> : null}
      <View className='gd-actions'>
        <View className={busy ? 'gd-btn gd-btn--disabled' : 'gd-btn'} onClick={busy ? undefined : submit} data-testid='submit-question'>
          <Text>{busy ? '正在提交…' : '提交问题'}</Text>
        </View>
      </View>
    </PageShell>
  );
}
