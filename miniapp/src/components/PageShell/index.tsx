import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { PrivacyDialog } from '../PrivacyDialog';

interface Props {
  className?: string;
}

/** Root of every page: theme variables, base typography and (in weapp) the privacy dialog. */
export function PageShell({ className, children }: PropsWithChildren<Props>) {
  return (
    <View className={className ? `wbt-page ${className}` : 'wbt-page'}>
      {children}
      <PrivacyDialog />
    </View>
  );
}
