export default definePageConfig({ navigationBarTitleText: '打印名册' });
