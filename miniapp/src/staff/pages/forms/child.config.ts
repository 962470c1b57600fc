export default definePageConfig({ navigationBarTitleText: '打印一人一档' });
