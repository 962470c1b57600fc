export default definePageConfig({ navigationBarTitleText: '儿童主任花名册' });
