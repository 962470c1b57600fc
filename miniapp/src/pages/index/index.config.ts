export default definePageConfig({ navigationBarTitleText: '未保通' });
