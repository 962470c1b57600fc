export default definePageConfig({ navigationBarTitleText: '申办办理' });
