import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Form, Input } from '@nutui/nutui-react-taro';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/form/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';
import { LoginRequest } from '@wbt/shared';
import { PageShell } from '../../components/PageShell';
import { ApiError } from '../../services/api';
import { passwordSignIn } from '../../services/auth';
import { PASSWORD_CHANGE_PAGE, WORKBENCH_PAGE } from '../../services/config';
import { zodRule } from '../../utils/zod-rule';
import './index.css';

export default function LoginPage() {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');

  async function onFinish(values: unknown) {
    const parsed = LoginRequest.safeParse(values);
    if (!parsed.success) return;
    setBusy(true);
    setFailure('');
    try {
      const tokens = await passwordSignIn(parsed.data);
      // A password set by someone else (new account, reset) is replaced before anything else.
      await Taro.reLaunch({ url: tokens.user.mustChangePassword ? PASSWORD_CHANGE_PAGE : WORKBENCH_PAGE });
    } catch (err) {
      setFailure(err instanceof ApiError ? err.message : '登录失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageShell className='wbt-login'>
      <View className='wbt-login__intro'>
        <Text className='wbt-title'>工作人员登录</Text>
        <Text className='wbt-muted'>儿童主任、儿童督导员、未保站工作人员请使用单位分配的账号登录</Text>
      </View>

      <Form
        form={form}
        className='wbt-login__form'
        labelPosition='top'
        onFinish={onFinish}
        footer={
          <View className='wbt-login__footer'>
            {failure ? (
              <Text className='wbt-login__failure' data-testid='login-failure'>
                {failure}
              </Text>
            ) : null}
            <Button className='wbt-login__submit' type='primary' size='xlarge' block loading={busy} disabled={busy} onClick={() => form.submit()}>
              登录
            </Button>
          </View>
        }
      >
        <Form.Item label='用户名' name='username' required rules={[zodRule(LoginRequest.shape.username)]}>
          <Input className='wbt-login__input' placeholder='请输入用户名' type='text' clearable maxLength={64} />
        </Form.Item>
        <Form.Item label='密码' name='password' required rules={[zodRule(LoginRequest.shape.password)]}>
          <Input className='wbt-login__input' placeholder='请输入密码' type='password' maxLength={128} />
        </Form.Item>
      </Form>
    </PageShell>
  );
}
