import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { PhoneCodeRequest, PhoneLoginRequest, PHONE_CODE_LENGTH } from '@wbt/shared';
import { issuesByPath } from '../components/FormUi';
import { ApiError } from '../services/api';
import { phoneSignIn, sendPhoneCode } from '../services/auth';
import { Field } from './ui';

/**
 * Sign-in with a mobile number and a one-time code by SMS — the way in where WeChat's login is not
 * available (the H5 build). The account is a public user like a WeChat one.
 */
export function PhoneSignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sentTo, setSentTo] = useState('');
  const [wait, setWait] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (wait <= 0) return undefined;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const fail = (e: unknown, field: string) => {
    if (e instanceof ApiError && e.details.length) setErrors(issuesByPath(e.details));
    else setErrors({ [field]: e instanceof ApiError ? e.message : '网络不好，请稍后重试' });
  };

  async function requestCode() {
    const parsed = PhoneCodeRequest.safeParse({ phone });
    if (!parsed.success) return setErrors(issuesByPath(parsed.error.issues));
    setBusy(true);
    setErrors({});
    try {
      const sent = await sendPhoneCode(parsed.data.phone);
      setSentTo(sent.sentTo);
      setWait(sent.resendIn);
    } catch (e) {
      fail(e, 'phone');
    } finally {
      setBusy(false);
    }
  }

  async function signIn() {
    const parsed = PhoneLoginRequest.safeParse({ phone, code });
    if (!parsed.success) return setErrors(issuesByPath(parsed.error.issues));
    setBusy(true);
    setErrors({});
    try {
      await phoneSignIn(parsed.data.phone, parsed.data.code);
      onSignedIn();
    } catch (e) {
      fail(e, 'code');
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='gd-signin' data-testid='phone-sign-in'>
      <Field testid='signin-phone' name='phone' label='手机号' type='number' value={phone} onChange={setPhone} maxlength={13} placeholder='请输入11位手机号' error={errors.phone} />
      <View className={busy || wait > 0 ? 'gd-btn gd-btn--light gd-btn--disabled' : 'gd-btn gd-btn--light'} onClick={busy || wait > 0 ? undefined : requestCode} data-testid='signin-send-code'>
        <Text>{wait > 0 ? `${wait}秒后可重新获取` : sentTo ? '重新获取验证码' : '获取验证码'}</Text>
      </View>
      {sentTo ? <Text className='gd-banner gd-banner--ok'>验证码已发到 {sentTo}，5分钟内有效。</Text> : null}
      <Field testid='signin-code' name='code' label='验证码' type='number' value={code} onChange={setCode} maxlength={PHONE_CODE_LENGTH} placeholder={`${PHONE_CODE_LENGTH}位数字`} error={errors.code} />
      <View className={busy ? 'gd-btn gd-btn--green gd-btn--disabled' : 'gd-btn gd-btn--green'} onClick={busy ? undefined : signIn} data-testid='signin-submit'>
        <Text>{busy ? '请稍候…' : '登录'}</Text>
      </View>
    </View>
  );
}
