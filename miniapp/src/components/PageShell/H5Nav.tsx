import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { HOME_PAGE, WORKBENCH_PAGE } from '../../services/config';
import { getSession } from '../../services/session';

type Nav = 'back' | 'home' | null;

/** This page's route, without query or leading slash ("pages/index/index"). */
function currentRoute(): string {
  const path = Taro.getCurrentInstance()?.router?.path ?? '';
  return path.split('?')[0].replace(/^\//, '');
}

/** The start page of the person's part of the app: the workbench for staff, the home page otherwise. */
function startPage(): string {
  const role = getSession()?.user.role;
  return role && role !== 'public' ? WORKBENCH_PAGE : HOME_PAGE;
}

function decide(): Nav {
  const route = currentRoute();
  const start = startPage().replace(/^\//, '');
  if (route === start || route === HOME_PAGE.replace(/^\//, '')) return null;
  return stackDepth() > 1 ? 'back' : 'home';
}

/** Pages in the stack (0 where there is no router, e.g. a page rendered on its own). */
function stackDepth(): number {
  try {
    return Taro.getCurrentPages().length;
  } catch {
    return 0;
  }
}

/**
 * H5 has no navigation bar: the page itself offers "返回" when there is a page to go back to, and
 * "首页" when it was opened directly (a link, a refresh) and there is none.
 */
export function H5Nav() {
  // A page's place in the stack is fixed while it lives (Taro pushes it before the first render).
  const [nav] = useState<Nav>(decide);
  if (!nav) return null;
  return (
    <View className='wbt-nav'>
      {nav === 'back' ? (
        <View className='wbt-nav__btn' onClick={() => void Taro.navigateBack()} data-testid='nav-back'>
          <Text>‹ 返回</Text>
        </View>
      ) : (
        <View className='wbt-nav__btn' onClick={() => void Taro.reLaunch({ url: startPage() })} data-testid='nav-home'>
          <Text>⌂ 首页</Text>
        </View>
      )}
    </View>
  );
}
