export default definePageConfig({ navigationBarTitleText: '我要报告' });
