const isWeapp = process.env.TARO_ENV === 'weapp';

export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/login/index',
    'pages/report/index',
    'pages/help/index',
    'pages/policy/index',
    'pages/receipt/index',
  ],
  subPackages: [{ root: 'staff', pages: ['pages/workbench/index'] }],
  window: {
    navigationBarTitleText: '未保通',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f6f9',
  },
  ...(isWeapp ? { __usePrivacyCheck__: true, lazyCodeLoading: 'requiredComponents' } : {}),
});
