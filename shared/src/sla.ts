import { z } from 'zod';

/**
 * The product's service-level clocks, from the seeds (see DESIGN.md §3). Each county may change them;
 * these are the defaults.
 */
export const SlaSettings = z.object({
  /** A new report is acknowledged (受理) within this many hours. */
  ackHours: z.number().int().min(1).max(720),
  /**
   * The reporter gets a first answer within this many WORKING days. 未保法 Art. 11 requires a prompt
   * answer and the outcome but names no number of days: 3 is this product's default.
   */
  firstAnswerDays: z.number().int().min(1).max(60),
  /** Serious violence / unlawful harm: first home visit within this many hours of the report (seed 002 §5.2). */
  seriousFirstVisitHours: z.number().int().min(1).max(720),
  /** A referral with no movement for this many days is stale. */
  referralStaleDays: z.number().int().min(1).max(365),
  /** A consultation gets its first answer within this many working days. */
  consultationAnswerWorkingDays: z.number().int().min(1).max(60),
  /** A child file created or changed by a director is confirmed within this many working days (seed 002 §4.1.1). */
  fileConfirmWorkingDays: z.number().int().min(1).max(60),
  /** Visit interval by risk tier, days. */
  visitIntervalDays: z.object({
    high: z.number().int().min(1).max(365),
    medium: z.number().int().min(1).max(365),
    low: z.number().int().min(1).max(365),
  }),
  /** Every left-behind or vulnerable child is visited at least this often, days (seed 001: monthly). */
  vulnerableMaxIntervalDays: z.number().int().min(1).max(365),
});
export type SlaSettings = z.infer<typeof SlaSettings>;

export const DEFAULT_SLA: SlaSettings = {
  ackHours: 24,
  firstAnswerDays: 3,
  seriousFirstVisitHours: 24,
  referralStaleDays: 14,
  consultationAnswerWorkingDays: 3,
  fileConfirmWorkingDays: 5,
  visitIntervalDays: { high: 7, medium: 14, low: 30 },
  vulnerableMaxIntervalDays: 30,
};

/** A county's partial override, merged over the defaults. */
export const SlaOverride = SlaSettings.partial().extend({ visitIntervalDays: SlaSettings.shape.visitIntervalDays.partial().optional() });
export type SlaOverride = z.infer<typeof SlaOverride>;

export function mergeSla(override: SlaOverride | null | undefined): SlaSettings {
  return {
    ...DEFAULT_SLA,
    ...override,
    visitIntervalDays: { ...DEFAULT_SLA.visitIntervalDays, ...override?.visitIntervalDays },
  };
}
