CREATE TABLE `child_categories` (
	`child_id` int NOT NULL,
	`category` varchar(30) NOT NULL,
	CONSTRAINT `child_categories_child_id_category_pk` PRIMARY KEY(`child_id`,`category`)
);
--> statement-breakpoint
CREATE TABLE `child_history` (
	`id` bigint AUTO_INCREMENT NOT NULL,
	`child_id` int NOT NULL,
	`at` datetime(3) NOT NULL,
	`actor_user_id` int,
	`action` varchar(20) NOT NULL,
	`fields` varchar(500) NOT NULL,
	`changes_enc` mediumtext NOT NULL,
	CONSTRAINT `child_history_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `children` (
	`id` int AUTO_INCREMENT NOT NULL,
	`org_id` int NOT NULL,
	`identity_enc` text NOT NULL,
	`profile_enc` mediumtext NOT NULL,
	`id_number_idx` varchar(64),
	`name_dob_idx` varchar(64) NOT NULL,
	`sex` enum('male','female') NOT NULL,
	`risk_tier` enum('high','medium','low') NOT NULL,
	`guardianship_state` varchar(40) NOT NULL,
	`parents_away` varchar(10) NOT NULL,
	`entrustment_signed` boolean NOT NULL,
	`schooling` varchar(20) NOT NULL,
	`visit_interval_days` int NOT NULL,
	`last_visit_at` datetime(3),
	`next_visit_due` datetime(3),
	`confirm_status` enum('pending','confirmed') NOT NULL,
	`confirm_due_at` datetime(3),
	`confirmed_at` datetime(3),
	`confirmed_by` int,
	`created_at` datetime(3) NOT NULL,
	`created_by` int NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	`updated_by` int NOT NULL,
	CONSTRAINT `children_id` PRIMARY KEY(`id`),
	CONSTRAINT `children_id_number_uq` UNIQUE(`id_number_idx`)
);
--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` int AUTO_INCREMENT NOT NULL,
	`kind` varchar(20) NOT NULL,
	`source` varchar(10) NOT NULL,
	`status` enum('open','done','cancelled') NOT NULL,
	`org_id` int NOT NULL,
	`assignee_user_id` int,
	`pool_org_id` int,
	`pool_role` varchar(20),
	`child_id` int,
	`case_id` int,
	`title` varchar(100) NOT NULL,
	`reason_enc` text NOT NULL,
	`due_at` datetime(3) NOT NULL,
	`open_key` varchar(40),
	`created_at` datetime(3) NOT NULL,
	`created_by` int,
	`completed_at` datetime(3),
	`completed_by` int,
	`visit_id` int,
	`cancelled_at` datetime(3),
	`cancel_reason` varchar(200),
	`overdue_notified_at` datetime(3),
	CONSTRAINT `tasks_id` PRIMARY KEY(`id`),
	CONSTRAINT `tasks_open_key_uq` UNIQUE(`open_key`)
);
--> statement-breakpoint
CREATE TABLE `visit_photos` (
	`visit_id` int NOT NULL,
	`file_id` varchar(36) NOT NULL,
	`position` int NOT NULL,
	CONSTRAINT `visit_photos_visit_id_file_id_pk` PRIMARY KEY(`visit_id`,`file_id`)
);
--> statement-breakpoint
CREATE TABLE `visits` (
	`id` int AUTO_INCREMENT NOT NULL,
	`child_id` int NOT NULL,
	`org_id` int NOT NULL,
	`task_id` int,
	`visitor_user_id` int NOT NULL,
	`visited_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`harm_signs` boolean NOT NULL,
	`body_enc` mediumtext NOT NULL,
	`report_id` int,
	`idempotency_key` varchar(64),
	`request_hash` varchar(64),
	CONSTRAINT `visits_id` PRIMARY KEY(`id`),
	CONSTRAINT `visits_idem_uq` UNIQUE(`visitor_user_id`,`idempotency_key`)
);
--> statement-breakpoint
CREATE INDEX `child_categories_cat_idx` ON `child_categories` (`category`,`child_id`);--> statement-breakpoint
CREATE INDEX `child_history_child_idx` ON `child_history` (`child_id`,`id`);--> statement-breakpoint
CREATE INDEX `children_name_dob_idx` ON `children` (`name_dob_idx`,`org_id`);--> statement-breakpoint
CREATE INDEX `children_org_idx` ON `children` (`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `children_org_visit_idx` ON `children` (`org_id`,`next_visit_due`);--> statement-breakpoint
CREATE INDEX `children_confirm_idx` ON `children` (`confirm_status`,`confirm_due_at`);--> statement-breakpoint
CREATE INDEX `tasks_assignee_idx` ON `tasks` (`assignee_user_id`,`status`,`due_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_pool_idx` ON `tasks` (`pool_org_id`,`pool_role`,`status`,`due_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_org_idx` ON `tasks` (`org_id`,`status`,`due_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_status_due_idx` ON `tasks` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `tasks_case_idx` ON `tasks` (`case_id`);--> statement-breakpoint
CREATE INDEX `tasks_child_idx` ON `tasks` (`child_id`,`status`);--> statement-breakpoint
CREATE INDEX `visits_child_idx` ON `visits` (`child_id`,`visited_at`);--> statement-breakpoint
CREATE INDEX `visits_org_idx` ON `visits` (`org_id`,`visited_at`);--> statement-breakpoint
CREATE INDEX `visits_visitor_idx` ON `visits` (`visitor_user_id`,`visited_at`);