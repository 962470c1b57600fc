import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { PrivacyDialog } from '../PrivacyDialog';
import { H5Nav } from './H5Nav';
import './index.css';

interface Props {
  className?: string;
}

/**
 * Root of every page: theme variables, base typography, the in-page back control on H5 (which has
 * no navigation bar) and, in weapp, the privacy dialog.
 */
export function PageShell({ className, children }: PropsWithChildren<Props>) {
  return (
    <View className={className ? `wbt-page ${className}` : 'wbt-page'}>
      {process.env.TARO_ENV === 'h5' ? <H5Nav /> : null}
      {children}
      <PrivacyDialog />
    </View>
  );
}
