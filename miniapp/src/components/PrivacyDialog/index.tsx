import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { IS_WEAPP } from '../../services/config';
import { answerPrivacy, onPrivacyRequest, PRIVACY_AGREE_BUTTON_ID } from '../../services/privacy';
import './index.css';

/** WeChat privacy notice, shown when a privacy-scoped API asks for consent. Renders nothing in H5. */
export function PrivacyDialog() {
  const [open, setOpen] = useState(false);
  useEffect(() => (IS_WEAPP ? onPrivacyRequest(setOpen) : undefined), []);
  if (!IS_WEAPP || !open) return null;

  return (
    <View className='wbt-privacy'>
      <View className='wbt-privacy__card'>
        <Text className='wbt-privacy__title'>隐私保护提示</Text>
        <Text className='wbt-privacy__text'>
          使用此功能前，请阅读并同意《未保通隐私保护指引》。我们只收集办理事项所必需的信息，并严格保密。
        </Text>
        <Text className='wbt-privacy__link' onClick={() => Taro.openPrivacyContract({})}>
          查看《未保通隐私保护指引》
        </Text>
        <View className='wbt-privacy__actions'>
          <Button className='wbt-privacy__btn' onClick={() => answerPrivacy(false)}>
            不同意
          </Button>
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className='wbt-privacy__btn wbt-privacy__btn--agree'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => answerPrivacy(true)}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  );
}
