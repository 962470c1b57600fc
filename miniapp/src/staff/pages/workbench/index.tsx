import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { Role } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { ApiError } from '../../../services/api';
import { fetchMe, signOut, type MeResponse } from '../../../services/auth';
import { LOGIN_PAGE, PASSWORD_CHANGE_PAGE } from '../../../services/config';
import { getSession } from '../../../services/session';
import { MyTasksCard } from '../../work/MyTasksCard';
import { StaffMenu } from '../../work/StaffMenu';
import { CaseWorkCard } from '../../case/CaseWorkCard';
import { NotifyBar } from '../../notify/NotifyBar';
import './index.css';

type Me = MeResponse['user'];

export default function WorkbenchPage() {
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState('');
  const [leaving, setLeaving] = useState(false);

  useEffect(() => {
    if (!getSession()) {
      void Taro.reLaunch({ url: LOGIN_PAGE });
      return;
    }
    fetchMe()
      .then((res) => {
        if (res.user.mustChangePassword) void Taro.reLaunch({ url: PASSWORD_CHANGE_PAGE });
        else setMe(res.user);
      })
      .catch((err: unknown) => setError(err instanceof ApiError ? err.message : '加载失败，请稍后重试'));
  }, []);

  async function onSignOut() {
    setLeaving(true);
    await signOut();
    await Taro.reLaunch({ url: LOGIN_PAGE });
  }

  return (
    <PageShell className='wbt-workbench'>
      <View className='wbt-card wbt-workbench__profile'>
        {me ? (
          <>
            <Text className='wbt-workbench__hello'>您好，{me.name}</Text>
            <View className='wbt-workbench__row'>
              <Text className='wbt-workbench__key'>角色</Text>
              <Text className='wbt-workbench__value' data-testid='me-role'>
                {Role.label(me.role)}
              </Text>
            </View>
            <View className='wbt-workbench__row'>
              <Text className='wbt-workbench__key'>单位</Text>
              <Text className='wbt-workbench__value' data-testid='me-org'>
                {me.orgName ?? '—'}
              </Text>
            </View>
          </>
        ) : (
          <Text className='wbt-muted'>{error || '正在加载…'}</Text>
        )}
      </View>

      <NotifyBar role={me?.role} />

      <CaseWorkCard role={me?.role} />

      <StaffMenu role={me?.role} />

      <View className='wbt-card wbt-workbench__todos'>
        <Text className='wbt-workbench__section'>我的待办</Text>
        <MyTasksCard />
      </View>

      <View className='wbt-workbench__signout'>
        <Button block size='large' fill='outline' loading={leaving} onClick={onSignOut}>
          退出登录
        </Button>
      </View>
    </PageShell>
  );
}
