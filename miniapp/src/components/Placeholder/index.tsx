import { Text, View } from '@tarojs/components';
import { PageShell } from '../PageShell';

/** Stand-in for a page another change will build. */
export function Placeholder({ title }: { title: string }) {
  return (
    <PageShell>
      <View className='wbt-card'>
        <Text className='wbt-title'>{title}</Text>
        <Text className='wbt-muted'>建设中</Text>
      </View>
    </PageShell>
  );
}
