const isWeapp = process.env.TARO_ENV === 'weapp';

export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/login/index',
    'pages/report/index',
    'pages/help/index',
    'pages/policy/index',
    // Guardians (issue 7): policy library and search, questions to the station, 协助申办.
    'pages/policy/search',
    'pages/policy/article',
    'pages/consult/ask',
    'pages/consult/mine',
    'pages/consult/detail',
    'pages/apply/index',
    'pages/apply/mine',
    'pages/apply/detail',
    'pages/receipt/index',
    'pages/my-reports/index',
    'pages/my-reports/detail',
    'pages/not-found/index',
  ],
  subPackages: [{ root: 'staff', pages: ['pages/workbench/index', 'pages/reports/index', 'pages/reports/detail',
        // Directors' and supervisors' work (issue 6): tasks, visits, child files, township overview.
        'pages/tasks/index', 'pages/tasks/detail', 'pages/visit/new', 'pages/visit/detail',
        'pages/child/detail', 'pages/child/edit', 'pages/child/history', 'pages/children/index', 'pages/children/list',
        // The station's case work (issue 5): intake queue, triage, cases and their steps.
        'pages/intake/index', 'pages/intake/triage', 'pages/case/list', 'pages/case/index', 'pages/case/step',
        // Consultations and 协助申办 (issue 7): queue, answer thread, applications.
        'pages/consultations/index', 'pages/consultations/detail', 'pages/consultations/applications', 'pages/consultations/application',
        'pages/consultations/policies', 'pages/consultations/policy-edit',
        // The township's resource directory (referral units).
        'pages/resources/index',
        // Staff inbox and the overdue / due-soon board.
        'pages/notifications/index', 'pages/board/index',
        // Administration: own password, staff accounts and handover, director roster, org tree, settings, audit log.
        'pages/admin/password', 'pages/admin/staff', 'pages/admin/staff-new', 'pages/admin/person', 'pages/admin/directors',
        'pages/admin/orgs', 'pages/admin/settings', 'pages/admin/audit',
        // Rosters and ledgers, their print pages, and the statistics dashboard.
        'pages/ledgers/index', 'pages/ledgers/print', 'pages/stats/index', 'pages/stats/half-year',
        // Print pages of the station's forms (附件5/6, 附件7, 一人一档).
        'pages/forms/report', 'pages/forms/referral', 'pages/forms/child'] }],
  window: {
    navigationBarTitleText: '未保通',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f6f9',
  },
  ...(isWeapp ? { __usePrivacyCheck__: true, lazyCodeLoading: 'requiredComponents' } : {}),
});
