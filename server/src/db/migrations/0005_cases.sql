CREATE TABLE `case_events` (
	`id` int AUTO_INCREMENT NOT NULL,
	`case_id` int NOT NULL,
	`at` datetime(3) NOT NULL,
	`step` varchar(30) NOT NULL,
	`actor_user_id` int,
	`actor_role` varchar(20),
	`actor_name` varchar(60),
	`from_status` enum('assessing','intervention','support','referral','follow_up','archived'),
	`to_status` enum('assessing','intervention','support','referral','follow_up','archived'),
	`fields` varchar(500),
	`data_enc` text,
	`ref_type` varchar(20),
	`ref_id` int,
	CONSTRAINT `case_events_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `case_referrals` (
	`id` int AUTO_INCREMENT NOT NULL,
	`case_id` int NOT NULL,
	`township_id` int NOT NULL,
	`status` enum('sent','accepted','rejected','done') NOT NULL,
	`unit_type` varchar(20) NOT NULL,
	`unit` varchar(100) NOT NULL,
	`unit_address` varchar(200) NOT NULL,
	`contact_name` varchar(40) NOT NULL,
	`contact_phone_enc` varchar(255) NOT NULL,
	`reason_enc` text NOT NULL,
	`follow_up_plan_enc` text NOT NULL,
	`result_enc` text,
	`sent_at` datetime(3) NOT NULL,
	`sent_by` int NOT NULL,
	`last_moved_at` datetime(3) NOT NULL,
	`closed_at` datetime(3),
	CONSTRAINT `case_referrals_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `cases` (
	`id` int AUTO_INCREMENT NOT NULL,
	`code` varchar(20) NOT NULL,
	`kind` enum('help','harm') NOT NULL,
	`status` enum('assessing','intervention','support','referral','follow_up','archived') NOT NULL,
	`township_id` int NOT NULL,
	`village_id` int,
	`child_id` int,
	`child_enc` text,
	`owner_user_id` int NOT NULL,
	`social_worker_user_id` int,
	`harm_suspected` boolean,
	`risk_level` enum('low','medium','high'),
	`serious` boolean NOT NULL DEFAULT false,
	`follow_up_interval_days` int,
	`follow_up_finished` boolean NOT NULL DEFAULT false,
	`first_reported_at` datetime(3) NOT NULL,
	`source_consultation_id` int,
	`opened_at` datetime(3) NOT NULL,
	`opened_by` int NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	`archived_at` datetime(3),
	`archived_by` int,
	`archived_from` enum('assessing','intervention','support','referral','follow_up','archived'),
	`summary_enc` text,
	`reopen_count` int NOT NULL DEFAULT 0,
	CONSTRAINT `cases_id` PRIMARY KEY(`id`),
	CONSTRAINT `cases_code_uq` UNIQUE(`code`)
);
--> statement-breakpoint
CREATE TABLE `deadline_clocks` (
	`id` int AUTO_INCREMENT NOT NULL,
	`kind` varchar(20) NOT NULL,
	`subject_type` varchar(12) NOT NULL,
	`subject_id` int NOT NULL,
	`run` int NOT NULL DEFAULT 1,
	`case_id` int,
	`township_id` int NOT NULL,
	`owner_user_id` int,
	`started_at` datetime(3) NOT NULL,
	`due_at` datetime(3) NOT NULL,
	`met_at` datetime(3),
	`cancelled_at` datetime(3),
	`breached_at` datetime(3),
	`notified` varchar(500),
	CONSTRAINT `deadline_clocks_id` PRIMARY KEY(`id`),
	CONSTRAINT `deadline_clocks_subject_uq` UNIQUE(`kind`,`subject_type`,`subject_id`,`run`)
);
--> statement-breakpoint
CREATE TABLE `report_triage` (
	`report_id` int NOT NULL,
	`township_id` int NOT NULL,
	`category` enum('consultation','help','harm') NOT NULL,
	`consultation_type` enum('policy','application','incident'),
	`case_id` int,
	`triaged_at` datetime(3) NOT NULL,
	`triaged_by` int NOT NULL,
	`note_enc` text,
	CONSTRAINT `report_triage_report_id` PRIMARY KEY(`report_id`)
);
--> statement-breakpoint
CREATE INDEX `case_events_case_idx` ON `case_events` (`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `case_referrals_case_idx` ON `case_referrals` (`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `case_referrals_open_idx` ON `case_referrals` (`status`,`last_moved_at`);--> statement-breakpoint
CREATE INDEX `cases_township_idx` ON `cases` (`township_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `cases_village_idx` ON `cases` (`village_id`,`status`);--> statement-breakpoint
CREATE INDEX `cases_owner_idx` ON `cases` (`owner_user_id`,`status`);--> statement-breakpoint
CREATE INDEX `cases_worker_idx` ON `cases` (`social_worker_user_id`,`status`);--> statement-breakpoint
CREATE INDEX `cases_child_idx` ON `cases` (`child_id`);--> statement-breakpoint
CREATE INDEX `cases_consultation_idx` ON `cases` (`source_consultation_id`);--> statement-breakpoint
CREATE INDEX `deadline_clocks_due_idx` ON `deadline_clocks` (`met_at`,`cancelled_at`,`breached_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `deadline_clocks_township_idx` ON `deadline_clocks` (`township_id`,`met_at`,`cancelled_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `deadline_clocks_owner_idx` ON `deadline_clocks` (`owner_user_id`,`met_at`,`cancelled_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `deadline_clocks_case_idx` ON `deadline_clocks` (`case_id`);--> statement-breakpoint
CREATE INDEX `report_triage_case_idx` ON `report_triage` (`case_id`);--> statement-breakpoint
CREATE INDEX `report_triage_township_idx` ON `report_triage` (`township_id`,`triaged_at`);