import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { PolicyArticleInput, PolicyStatus, PolicyTopic, type PolicyArticle } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { errorText } from '../../../guardian/api';
import { Area, Chips, Field, Step } from '../../../guardian/ui';
import { policyCreate, policyGet, policyPublish, policyUpdate } from './api';
import '../../../guardian/guardian.css';

/** Write or edit an article; save keeps its status (new ones are drafts), then publish or take down. */
export default function PolicyEditPage() {
  const idParam = useRouter().params.id;
  const [id, setId] = useState<number | null>(idParam ? Number(idParam) : null);
  const [article, setArticle] = useState<PolicyArticle | null>(null);
  const [topic, setTopic] = useState<PolicyTopic | null>(null);
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [eligibility, setEligibility] = useState('');
  const [materials, setMaterials] = useState('');
  const [whereToApply, setWhereToApply] = useState('');
  const [body, setBody] = useState('');
  const [source, setSource] = useState('');
  const [canApply, setCanApply] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  function fill(a: PolicyArticle) {
    setArticle(a);
    setTopic(a.topic);
    setTitle(a.title);
    setSummary(a.summary);
    setEligibility(a.eligibility);
    setMaterials(a.materials.join('\n'));
    setWhereToApply(a.whereToApply);
    setBody(a.body);
    setSource(a.source);
    setCanApply(a.canApply);
  }

  useEffect(() => {
    if (id) policyGet(id).then(fill, (e) => setError(errorText(e)));
  }, []);

  async function save() {
    const input = {
      topic: topic ?? undefined,
      title,
      summary,
      eligibility,
      materials: materials
        .split('\n')
        .map((m) => m.trim())
        .filter(Boolean),
      whereToApply,
      body,
      source,
      canApply,
    };
    const parsed = PolicyArticleInput.safeParse(input);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请检查填写的内容');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const saved = id ? await policyUpdate(id, parsed.data) : await policyCreate(parsed.data);
      setId(saved.id);
      fill(saved);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (e) {
      setError(errorText(e, '没有保存成功'));
    } finally {
      setBusy(false);
    }
  }

  async function publish(on: boolean) {
    if (!id) return;
    try {
      fill(await policyPublish(id, on));
      void Taro.showToast({ title: on ? '已发布' : '已下线', icon: 'success' });
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <PageShell className='gd-page'>
      <Text className='gd-title'>{id ? '编辑政策' : '新政策文章'}</Text>
      {article ? <Text className='gd-banner gd-banner--info'>当前状态：{PolicyStatus.label(article.status)}（草稿只有工作人员看得到）</Text> : null}
      <Text className='gd-banner gd-banner--warn'>不要写具体金额和日期；各地标准不同的，请写“具体标准请咨询镇未保站或民政办”。</Text>
      <Step n={1} title='分类' must>
        <Chips options={PolicyTopic.codes.map((c) => ({ value: c, label: PolicyTopic.label(c) }))} value={topic} onChange={setTopic} />
      </Step>
      <Step n={2} title='标题和一句话说明' must>
        <Field label='标题' value={title} onChange={setTitle} maxlength={60} />
        <Text className='gd-field__label'>一句话说明</Text>
        <Area value={summary} onChange={setSummary} placeholder='用大白话说清楚这是什么帮助' maxlength={300} />
      </Step>
      <Step n={3} title='谁可以申请' must>
        <Area value={eligibility} onChange={setEligibility} placeholder='适用对象' maxlength={2000} />
      </Step>
      <Step n={4} title='要带什么材料' hint='每行一项，协助申办时会作为材料清单'>
        <Area value={materials} onChange={setMaterials} placeholder={'户口簿\n身份证'} maxlength={3000} />
      </Step>
      <Step n={5} title='到哪里办' must>
        <Area value={whereToApply} onChange={setWhereToApply} placeholder='办理地点和方式' maxlength={1000} />
      </Step>
      <Step n={6} title='详细说明' must>
        <Area value={body} onChange={setBody} placeholder='正文' maxlength={20000} />
      </Step>
      <Step n={7} title='政策依据' must>
        <Field label='文件名称和文号' value={source} onChange={setSource} maxlength={300} />
      </Step>
      <Step n={8} title='可以在线协助申办'>
        <Chips
          testid='can-apply'
          options={[
            { value: 'yes', label: '可以，监护人能点“请帮我申办”' },
            { value: 'no', label: '不提供' },
          ]}
          value={canApply ? 'yes' : 'no'}
          onChange={(v) => setCanApply(v === 'yes')}
        />
      </Step>
      {error ? <Text className='gd-error'>{error}</Text> : null}
      <View className='gd-actions'>
        <View className={busy ? 'gd-btn gd-btn--disabled' : 'gd-btn'} onClick={busy ? undefined : save}>
          <Text>保存</Text>
        </View>
        {article && article.status !== 'published' ? (
          <View className='gd-btn gd-btn--green' onClick={() => void publish(true)}>
            <Text>发布</Text>
          </View>
        ) : null}
        {article && article.status === 'published' ? (
          <View className='gd-btn gd-btn--danger' onClick={() => void publish(false)}>
            <Text>下线</Text>
          </View>
        ) : null}
      </View>
    </PageShell>
  );
}
