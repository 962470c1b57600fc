import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import { disableZodEval } from '@wbt/shared';
import { installPrivacyHandler } from './services/privacy';
import { NOT_FOUND_PAGE } from './services/config';
import './app.css';

// Form validation runs without eval: the H5 page's CSP forbids it, and so does WeChat.
disableZodEval();

/**
 * An unknown route (a mistyped or outdated link in H5) shows the 404 page instead of a blank one.
 * Registered before the router renders its first route.
 */
try {
  Taro.onPageNotFound(({ path, isEntryPage }) => {
    const url = `${NOT_FOUND_PAGE}?from=${encodeURIComponent(path)}`;
    void (isEntryPage ? Taro.reLaunch({ url }) : Taro.redirectTo({ url })).catch(() => Taro.reLaunch({ url }));
  });
} catch {
  // A WeChat base library without wx.onPageNotFound: it shows its own page-not-found screen.
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    installPrivacyHandler();
  });
  return children;
}

export default App;
