import type { MandatorySituation, ReportCreateParsed, ReportKind, ReportNature, ReportStatus, ReportThreadMessage, ReportTrigger } from '@wbt/shared';
import type { ReportRow } from './reports.repo';

/** Decrypted content of a report (contentEnc). */
export interface ReportContent {
  situations: MandatorySituation[];
  situationOther?: string;
  /** Absent on reports filed before the further situations existed. */
  triggers?: ReportTrigger[];
  account: string;
  place?: string;
  /** ISO-8601 instant (older reports: the reporter's own words). */
  occurredAt?: string;
  child: ReportCreateParsed['child'];
  guardian: ReportCreateParsed['guardian'];
  perpetrator: ReportCreateParsed['perpetrator'];
  childState: ReportCreateParsed['childState'];
  reporterIdentity?: ReportCreateParsed['reporter']['identity'];
  reporterIdentityNote?: string;
  methodNote?: string;
  /** The staff member who filled in the form for the reporter. */
  filledBy?: string;
}

/** Decrypted reporterEnc: who reported, by name. */
export interface ReporterSecret {
  name?: string;
  phone?: string;
}

export interface ReportPhoto {
  id: string;
  width: number;
  height: number;
  /** null: attached to the report itself; else the message it came with. */
  messageId: number | null;
}

export interface StaffReportDetail {
  id: number;
  kind: ReportKind;
  nature: ReportNature;
  natureLabel: string;
  status: ReportStatus;
  statusLabel: string;
  anonymous: boolean;
  method: ReportRow['method'];
  methodLabel: string;
  methodNote: string | null;
  org: { id: number; name: string };
  township: { id: number; name: string };
  reportedAt: string;
  receivedAt: string;
  statusChangedAt: string;
  enteredByStaff: boolean;
  /** 填表人: the staff member who entered it, or the reporter themself. */
  filledBy: string;
  reporter: {
    anonymous: boolean;
    identity: string | null;
    identityLabel: string | null;
    identityNote: string | null;
    /** Signed-in reporter or a name was given: identity can be revealed (audited) by canReveal roles. */
    hasIdentity: boolean;
    canReveal: boolean;
  };
  content: ReportContent & { situationLabels: string[]; triggerLabels: string[] };
  photos: ReportPhoto[];
  /** Recordings and PDFs (GET /api/reports/:id/documents/:fileId). */
  documents: { id: string; type: 'audio' | 'pdf'; typeLabel: string; mime: string; bytes: number }[];
  messages: (ReportThreadMessage & { photos: ReportPhoto[] })[];
}
