import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { HOME_PAGE } from '../../services/config';
import '../../guardian/guardian.css';

/** Where an unknown address lands: what happened, and the way home. */
export default function NotFoundPage() {
  return (
    <PageShell className='gd-page'>
      <View className='gd-card' data-testid='not-found'>
        <Text className='gd-title'>找不到这个页面</Text>
        <Text className='gd-para'>您打开的链接可能输错了，或者页面已经不在了。</Text>
        <View className='gd-actions'>
          <View className='gd-btn' onClick={() => Taro.reLaunch({ url: HOME_PAGE })} data-testid='not-found-home'>
            <Text>回到首页</Text>
          </View>
        </View>
      </View>
    </PageShell>
  );
}
