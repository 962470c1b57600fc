export default definePageConfig({ navigationBarTitleText: '档案修改历史' });
