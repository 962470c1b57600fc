export type { CaseClockView, CaseDetail, CaseListItem, DirectorCaseView, IntakeItem } from '@wbt/shared';

/** The parts of GET /api/reports/:id the triage page shows. */
export interface StaffReportDetail {
  id: number;
  kind: 'harm' | 'help';
  /** 强制报告 / 报告/检举 / 求助. */
  natureLabel: string;
  filledBy: string;
  status: string;
  statusLabel: string;
  anonymous: boolean;
  methodLabel: string;
  org: { id: number; name: string };
  township: { id: number; name: string };
  reportedAt: string;
  receivedAt: string;
  content: {
    situationLabels: string[];
    triggerLabels: string[];
    situationOther?: string;
    account: string;
    place?: string;
    occurredAt?: string;
    child: { name?: string; sex?: string; age?: number; address?: string; phone?: string };
    guardian: { name?: string; relation?: string; phone?: string };
  };
}
