export default definePageConfig({ navigationBarTitleText: '政策文章管理' });
