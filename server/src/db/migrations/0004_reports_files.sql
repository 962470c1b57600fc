CREATE TABLE `report_idempotency` (
	`key_hash` varchar(64) NOT NULL,
	`body_hash` varchar(64) NOT NULL,
	`report_id` int NOT NULL,
	`receipt_enc` varchar(255),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `report_idempotency_key_hash` PRIMARY KEY(`key_hash`)
);
--> statement-breakpoint
CREATE TABLE `report_messages` (
	`id` int AUTO_INCREMENT NOT NULL,
	`report_id` int NOT NULL,
	`at` datetime(3) NOT NULL,
	`author` enum('reporter','station','system') NOT NULL,
	`staff_user_id` int,
	`body_enc` text NOT NULL,
	`photo_count` int NOT NULL DEFAULT 0,
	CONSTRAINT `report_messages_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `reports` (
	`id` int AUTO_INCREMENT NOT NULL,
	`kind` enum('harm','help') NOT NULL,
	`status` enum('received','accepted','in_progress','closed') NOT NULL,
	`org_id` int NOT NULL,
	`township_id` int NOT NULL,
	`anonymous` boolean NOT NULL,
	`method` enum('phone','in_person','mailbox','email','wechat','other') NOT NULL,
	`reporter_user_id` int,
	`entered_by_user_id` int,
	`reporter_enc` text,
	`content_enc` mediumtext NOT NULL,
	`child_phone_index` varchar(64),
	`receipt_hash` varchar(64),
	`photo_count` int NOT NULL DEFAULT 0,
	`reported_at` datetime(3) NOT NULL,
	`received_at` datetime(3) NOT NULL,
	`status_changed_at` datetime(3) NOT NULL,
	`last_reporter_message_at` datetime(3),
	CONSTRAINT `reports_id` PRIMARY KEY(`id`),
	CONSTRAINT `reports_receipt_uq` UNIQUE(`receipt_hash`)
);
--> statement-breakpoint
CREATE TABLE `files` (
	`id` varchar(36) NOT NULL,
	`owner_type` varchar(30) NOT NULL,
	`owner_id` varchar(64),
	`claim_hash` varchar(64),
	`mime` varchar(30) NOT NULL,
	`width` int NOT NULL,
	`height` int NOT NULL,
	`bytes` int NOT NULL,
	`storage_key` varchar(80) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `files_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `report_idempotency_created_idx` ON `report_idempotency` (`created_at`);--> statement-breakpoint
CREATE INDEX `report_messages_report_idx` ON `report_messages` (`report_id`,`id`);--> statement-breakpoint
CREATE INDEX `reports_incoming_idx` ON `reports` (`township_id`,`received_at`,`id`);--> statement-breakpoint
CREATE INDEX `reports_reporter_idx` ON `reports` (`reporter_user_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `reports_child_phone_idx` ON `reports` (`child_phone_index`);--> statement-breakpoint
CREATE INDEX `files_owner_idx` ON `files` (`owner_type`,`owner_id`);--> statement-breakpoint
CREATE INDEX `files_pending_idx` ON `files` (`owner_type`,`created_at`);