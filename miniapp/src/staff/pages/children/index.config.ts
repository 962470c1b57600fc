export default definePageConfig({ navigationBarTitleText: '全镇儿童档案概况', enablePullDownRefresh: true });
