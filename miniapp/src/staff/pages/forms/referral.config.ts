export default definePageConfig({ navigationBarTitleText: '打印转介记录表' });
