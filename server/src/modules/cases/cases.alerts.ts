import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import type { TaskRow } from '../tasks/tasks.service';
import { CASE_LINK, REPORT_LINK, type CaseKit } from './cases.kit';
import { casesRepo } from './cases.repo';

/**
 * Staff alerts the station's intake needs: a new report reaches the township's supervisors and the
 * station head; a reporter's follow-up message reaches whoever works the case (or, before triage,
 * the supervisors); a child filed from a case's task is linked to the case. Written in the transaction that stores the report or the message, so the inbox
 * shows them at once. Titles carry no personal data: they also go out as WeChat subscribe messages.
 */
export class CaseAlerts {
  constructor(private readonly k: CaseKit) {}

  register(): void {
    this.k.reports.onCreated((tx, r) => this.reportCreated(tx, r));
    this.k.reports.onReporterMessage((tx, r) => this.reporterMessage(tx, r));
    this.k.tasks.onChildLinked((tx, task, childId, by) => this.childFiled(tx, task, childId, by));
  }

  /**
   * A director filed (or picked) the child from a case's task: the case gets the file too, and so do
   * the case's other open tasks still without one. A case already linked to another file keeps it.
   */
  private async childFiled(tx: DbOrTx, task: TaskRow, childId: number, by: Actor): Promise<void> {
    if (!task.caseId) return;
    const row = await casesRepo.byId(tx, task.caseId);
    if (!row || row.childId !== null) return;
    await casesRepo.update(tx, row.id, { childId, updatedAt: this.k.clock.now() });
    await this.k.writeEvent(tx, row.id, by, 'child_linked', row.status, row.status, [], { childId, taskId: task.id }, { type: 'task', id: task.id });
  }

  private async intakeStaff(tx: DbOrTx, townshipId: number): Promise<number[]> {
    return (await this.k.users.staffWithRoles(townshipId, ['supervisor', 'station_head'], tx)).map((u) => u.id);
  }

  private async reportCreated(tx: DbOrTx, r: { id: number; kind: 'harm' | 'help'; townshipId: number }): Promise<void> {
    const title = r.kind === 'harm' ? '收到新的侵害报告，请尽快受理' : '收到新的求助，请尽快受理';
    for (const userId of await this.intakeStaff(tx, r.townshipId)) {
      await this.k.notifications.enqueue(tx, { userId, kind: 'report.new', title, body: `报告 #${r.id}`, link: REPORT_LINK(r.id), wechat: true });
    }
  }

  private async reporterMessage(tx: DbOrTx, r: { id: number; townshipId: number }): Promise<void> {
    const triage = await casesRepo.triageOf(tx, r.id);
    const row = triage?.caseId ? await casesRepo.byId(tx, triage.caseId) : undefined;
    if (row && row.status !== 'archived') {
      const to = new Set([row.ownerUserId, ...(row.socialWorkerUserId ? [row.socialWorkerUserId] : [])]);
      for (const userId of to) {
        await this.k.notifications.enqueue(tx, {
          userId,
          kind: 'case.reporter_message',
          title: '报告人发来新消息',
          body: `个案 ${row.code}`,
          link: CASE_LINK(row.id),
          wechat: true,
        });
      }
      return;
    }
    for (const userId of await this.intakeStaff(tx, r.townshipId)) {
      await this.k.notifications.enqueue(tx, { userId, kind: 'report.reporter_message', title: '报告人发来新消息', body: `报告 #${r.id}`, link: REPORT_LINK(r.id), wechat: true });
    }
  }
}
