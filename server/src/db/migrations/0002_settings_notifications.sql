CREATE TABLE `county_settings` (
	`org_id` int NOT NULL,
	`sla` json NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	`updated_by` int NOT NULL,
	CONSTRAINT `county_settings_org_id` PRIMARY KEY(`org_id`)
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` bigint AUTO_INCREMENT NOT NULL,
	`user_id` int NOT NULL,
	`kind` varchar(40) NOT NULL,
	`title` varchar(100) NOT NULL,
	`body` varchar(500),
	`link` varchar(255),
	`created_at` datetime(3) NOT NULL,
	`read_at` datetime(3),
	CONSTRAINT `notifications_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `wechat_outbox` (
	`id` bigint AUTO_INCREMENT NOT NULL,
	`notification_id` bigint NOT NULL,
	`user_id` int NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`attempts` int NOT NULL DEFAULT 0,
	`next_attempt_at` datetime(3) NOT NULL,
	`claimed_until` datetime(3),
	`claim_token` varchar(36),
	`state` varchar(12) NOT NULL DEFAULT 'pending',
	`last_error` varchar(200),
	`done_at` datetime(3),
	CONSTRAINT `wechat_outbox_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `wechat_outbox_due_idx` ON `wechat_outbox` (`state`,`next_attempt_at`);