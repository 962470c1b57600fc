import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ResourceView } from '@wbt/shared';
import { resourcesApi } from './api';

/**
 * Picks a unit from the township's resource directory to fill a referral (附件7: receiving unit,
 * type, address, contact person and phone). Nothing shows when the directory is empty.
 */
export function ResourcePicker({ onPick }: { onPick: (r: ResourceView) => void }) {
  const [items, setItems] = useState<ResourceView[]>([]);
  const [picked, setPicked] = useState<number | null>(null);
  useEffect(() => {
    resourcesApi
      .list()
      .then((r) => setItems(r.items))
      .catch(() => setItems([]));
  }, []);
  if (!items.length) return null;
  return (
    <View data-testid='resource-picker'>
      <Text className='rp-field__label'>从资源名录选择（自动填写单位、地址和对接人）</Text>
      <View className='rp-chips'>
        {items.map((r) => (
          <View
            key={r.id}
            className={`rp-chip ${picked === r.id ? 'rp-chip--on' : ''}`}
            onClick={() => {
              setPicked(r.id);
              onPick(r);
            }}
          >
            <Text>{r.kindLabel} · {r.name}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
