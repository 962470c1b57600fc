export default definePageConfig({ navigationBarTitleText: '报告进度' });
