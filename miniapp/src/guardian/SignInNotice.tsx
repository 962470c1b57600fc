import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { wechatSignIn } from '../services/auth';
import { IS_WEAPP } from '../services/config';
import { errorText } from './api';
import { PhoneSignIn } from './PhoneSignIn';
import './guardian.css';

/**
 * Where a public user must sign in first: WeChat in the mini-program; in H5 (no WeChat login) a
 * mobile number and a one-time code by SMS.
 */
export function SignInNotice({ reason, onSignedIn }: { reason: string; onSignedIn: () => void }) {
  const [error, setError] = useState('');
  async function wechat() {
    try {
      await wechatSignIn();
      onSignedIn();
    } catch (e) {
      setError(errorText(e, '微信登录失败，请重试'));
    }
  }
  return (
    <View className='gd-card' data-testid='sign-in-notice'>
      <Text className='gd-para'>{reason}</Text>
      {IS_WEAPP ? (
        <View className='gd-actions'>
          <View className='gd-btn gd-btn--green' onClick={wechat}>
            <Text>微信一键登录</Text>
          </View>
        </View>
      ) : (
        <>
          <Text className='gd-step__hint gd-signin__hint'>用手机号登录，收到的验证码填在下面。</Text>
          <PhoneSignIn onSignedIn={onSignedIn} />
        </>
      )}
      {error ? <Text className='gd-error'>{error}</Text> : null}
    </View>
  );
}
