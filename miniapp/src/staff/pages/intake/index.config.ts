export default definePageConfig({ navigationBarTitleText: '受理台', enablePullDownRefresh: true });
