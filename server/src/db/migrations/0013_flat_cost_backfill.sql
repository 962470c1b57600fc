-- Rows written before the receipt expiry column: their receipt expires 72 hours after creation
-- (IDEMPOTENT_RECEIPT_TTL_MS), so the background job can find them through its index.
UPDATE `report_idempotency` SET `receipt_expires_at` = `created_at` + INTERVAL 72 HOUR WHERE `receipt_enc` IS NOT NULL;--> statement-breakpoint
-- Reports still waiting for triage before the pending-clocks flag: the deadline sweep looks at each once.
UPDATE `reports` SET `clocks_pending` = true WHERE `status` = 'received';
