ALTER TABLE `report_idempotency` ADD `receipt_expires_at` datetime(3);--> statement-breakpoint
CREATE INDEX `report_idempotency_receipt_expiry_idx` ON `report_idempotency` (`receipt_expires_at`);