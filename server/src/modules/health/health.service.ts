import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

export class HealthService {
  constructor(private readonly db: Db) {}

  async databaseAnswers(): Promise<boolean> {
    try {
      await this.db.execute(sql`SELECT 1`);
      return true;
    } catch {
      return false;
    }
  }
}
