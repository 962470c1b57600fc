export default definePageConfig({ navigationBarTitleText: '协助申办', enablePullDownRefresh: true });
