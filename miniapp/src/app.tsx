import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { disableZodEval } from '@wbt/shared';
import { installPrivacyHandler } from './services/privacy';
import './app.css';

// Form validation runs without eval: the H5 page's CSP forbids it, and so does WeChat.
disableZodEval();

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    installPrivacyHandler();
  });
  return children;
}

export default App;
