export default definePageConfig({ navigationBarTitleText: '收到的报告', enablePullDownRefresh: true });
