import { eq, inArray } from 'drizzle-orm';
import type { SlaOverride } from '@wbt/shared';
import type { DbOrTx } from '../../db/client';
import { countySettings } from '../../db/schema';

export const settingsRepo = {
  get: async (db: DbOrTx, countyId: number) => (await db.select().from(countySettings).where(eq(countySettings.orgId, countyId)).limit(1))[0],
  many: (db: DbOrTx, countyIds: number[]) =>
    countyIds.length === 0 ? Promise.resolve([]) : db.select().from(countySettings).where(inArray(countySettings.orgId, countyIds)),
  upsert: (db: DbOrTx, row: { orgId: number; sla: SlaOverride; updatedAt: Date; updatedBy: number }) =>
    db.insert(countySettings).values(row).onDuplicateKeyUpdate({ set: { sla: row.sla, updatedAt: row.updatedAt, updatedBy: row.updatedBy } }),
};
