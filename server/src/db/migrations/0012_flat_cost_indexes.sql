ALTER TABLE `report_idempotency` ADD `receipt_expires_at` datetime(3);--> statement-breakpoint
ALTER TABLE `reports` ADD `clocks_pending` boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `archived` boolean GENERATED ALWAYS AS ((`status` = 'archived')) STORED;--> statement-breakpoint
CREATE INDEX `report_idempotency_receipt_expiry_idx` ON `report_idempotency` (`receipt_expires_at`);--> statement-breakpoint
CREATE INDEX `reports_status_idx` ON `reports` (`township_id`,`status`,`received_at`,`id`);--> statement-breakpoint
CREATE INDEX `reports_clocks_pending_idx` ON `reports` (`clocks_pending`,`id`);--> statement-breakpoint
CREATE INDEX `cases_township_list_idx` ON `cases` (`township_id`,`archived`,`id`);--> statement-breakpoint
CREATE INDEX `cases_village_list_idx` ON `cases` (`village_id`,`archived`,`id`);--> statement-breakpoint
CREATE INDEX `deadline_clocks_open_due_idx` ON `deadline_clocks` (`met_at`,`cancelled_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `deadline_clocks_kind_open_idx` ON `deadline_clocks` (`kind`,`met_at`,`cancelled_at`,`due_at`);