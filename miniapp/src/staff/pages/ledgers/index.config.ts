export default definePageConfig({ navigationBarTitleText: '台账与名册' });
