export default definePageConfig({ navigationBarTitleText: '资源名录' });
