import type TaroType from '@tarojs/taro';

type Listener = Parameters<typeof TaroType.onNeedPrivacyAuthorization>[0];

/** Load services/privacy as the weapp build sees it, with a fake wx privacy event. */
function loadWeappPrivacy() {
  let listener: Listener | undefined;
  let privacy!: typeof import('../../miniapp/src/services/privacy');
  const previous = process.env.TARO_ENV;
  process.env.TARO_ENV = 'weapp';
  jest.isolateModules(() => {
    const Taro = require('@tarojs/taro').default as typeof TaroType;
    Taro.onNeedPrivacyAuthorization = (l: Listener) => {
      listener = l;
    };
    privacy = require('../../miniapp/src/services/privacy');
  });
  process.env.TARO_ENV = previous;
  privacy.installPrivacyHandler();
  const ask = () => {
    const resolve = jest.fn();
    listener?.(resolve, { referrer: '' });
    return resolve;
  };
  return { privacy, ask, installed: () => listener !== undefined };
}

describe('WeChat privacy authorization', () => {
  it('refuses when no page shows the dialog', () => {
    const { ask, installed } = loadWeappPrivacy();
    expect(installed()).toBe(true);
    expect(ask()).toHaveBeenCalledWith({ event: 'disagree' });
  });

  it('opens the dialog and answers agree with the agree button id', () => {
    const { privacy, ask } = loadWeappPrivacy();
    const open = jest.fn();
    const stop = privacy.onPrivacyRequest(open);

    const resolve = ask();
    expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' });
    expect(open).toHaveBeenLastCalledWith(true);

    privacy.answerPrivacy(true);
    expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: privacy.PRIVACY_AGREE_BUTTON_ID });
    expect(open).toHaveBeenLastCalledWith(false);
    stop();
  });

  it('is not installed in H5', () => {
    jest.isolateModules(() => {
      const Taro = require('@tarojs/taro').default as typeof TaroType;
      const spy = jest.fn();
      Taro.onNeedPrivacyAuthorization = spy;
      require('../../miniapp/src/services/privacy').installPrivacyHandler();
      expect(spy).not.toHaveBeenCalled();
    });
  });
});
