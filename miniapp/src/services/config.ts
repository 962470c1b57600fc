/** API origin for this build: '' (same origin) for H5, a local server for weapp by default. */
export const API_BASE: string = process.env.TARO_APP_API_BASE ?? '';

export const IS_WEAPP = process.env.TARO_ENV === 'weapp';

export const HOME_PAGE = '/pages/index/index';
export const LOGIN_PAGE = '/pages/login/index';
export const NOT_FOUND_PAGE = '/pages/not-found/index';
export const WORKBENCH_PAGE = '/staff/pages/workbench/index';
export const PASSWORD_CHANGE_PAGE = '/staff/pages/admin/password?forced=1';
