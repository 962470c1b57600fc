export default definePageConfig({ navigationBarTitleText: '申办进度' });
