export default definePageConfig({ navigationBarTitleText: '半年工作报告' });
