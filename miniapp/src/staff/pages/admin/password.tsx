import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PasswordChangeRequest, PASSWORD_MIN_LENGTH } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { WORKBENCH_PAGE } from '../../../services/config';
import { getSession, setSession } from '../../../services/session';
import { adminApi } from '../../admin/api';
import { messageOf, Notice, PasswordField } from '../../admin/ui';
import { Btn, ErrorLine } from '../../work/ui';
import '../../work/work.css';

/** Change one's own password; after a new account or a reset this is the only way into the app. */
export default function PasswordPage() {
  const forced = useRouter().params.forced === '1';
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setError('');
    if (next !== again) return setError('两次输入的新密码不一致');
    const parsed = PasswordChangeRequest.safeParse({ currentPassword: current, newPassword: next });
    if (!parsed.success) return setError(parsed.error.issues[0].message);
    setBusy(true);
    try {
      await adminApi.changePassword(current, next);
      const session = getSession();
      if (session) setSession({ ...session, user: { ...session.user, mustChangePassword: false } });
      setDone(true);
      if (forced) await Taro.reLaunch({ url: WORKBENCH_PAGE });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageShell className='wk-page'>
      <Text className='wk-h1'>{forced ? '请先设置新密码' : '修改密码'}</Text>
      {forced ? <Notice tone='warn' text='您的密码是管理员设置的初始密码或重置密码。为了账号安全，请先设置一个只有您知道的新密码。' /> : null}
      <View className='wk-card'>
        <PasswordField label={forced ? '初始密码' : '当前密码'} value={current} onChange={setCurrent} testid='pw-current' />
        <PasswordField label='新密码' value={next} onChange={setNext} testid='pw-new' hint={`至少 ${PASSWORD_MIN_LENGTH} 个字符，不能是常见密码，不能包含用户名`} />
        <PasswordField label='再次输入新密码' value={again} onChange={setAgain} testid='pw-again' />
        <ErrorLine text={error} />
        {done && !forced ? <Notice text='密码已修改，其他设备上的登录已退出' /> : null}
        <Btn label='保存新密码' onClick={() => void submit()} busy={busy} testid='pw-submit' />
      </View>
    </PageShell>
  );
}
