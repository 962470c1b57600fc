CREATE TABLE `policy_articles` (
	`id` int AUTO_INCREMENT NOT NULL,
	`slug` varchar(60),
	`topic` enum('living','medical','education','guardianship','legal','psych','disability','reporting') NOT NULL,
	`status` enum('draft','published','archived') NOT NULL,
	`title` varchar(60) NOT NULL,
	`summary` varchar(300) NOT NULL,
	`eligibility` text NOT NULL,
	`materials` text NOT NULL,
	`where_to_apply` text NOT NULL,
	`body` text NOT NULL,
	`source` varchar(300) NOT NULL,
	`can_apply` boolean NOT NULL DEFAULT false,
	`org_id` int,
	`created_by` int,
	`updated_by` int,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	`published_at` datetime(3),
	CONSTRAINT `policy_articles_id` PRIMARY KEY(`id`),
	CONSTRAINT `policy_articles_slug_uq` UNIQUE(`slug`)
);
--> statement-breakpoint
CREATE TABLE `consultation_messages` (
	`id` bigint AUTO_INCREMENT NOT NULL,
	`consultation_id` int NOT NULL,
	`author` enum('guardian','staff') NOT NULL,
	`author_user_id` int NOT NULL,
	`body_enc` text NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `consultation_messages_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `consultations` (
	`id` int AUTO_INCREMENT NOT NULL,
	`user_id` int NOT NULL,
	`org_id` int NOT NULL,
	`village_org_id` int,
	`topic` varchar(20) NOT NULL,
	`policy_id` int,
	`status` enum('waiting','answered','closed','converted') NOT NULL,
	`child_enc` text,
	`contact_phone_enc` varchar(255),
	`created_at` datetime(3) NOT NULL,
	`last_message_at` datetime(3) NOT NULL,
	`due_at` datetime(3),
	`first_answered_at` datetime(3),
	`guardian_unread` boolean NOT NULL DEFAULT false,
	`converted_to` varchar(20),
	`converted_ref` varchar(64),
	`converted_label` varchar(100),
	`converted_at` datetime(3),
	`closed_at` datetime(3),
	CONSTRAINT `consultations_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `application_events` (
	`id` bigint AUTO_INCREMENT NOT NULL,
	`application_id` int NOT NULL,
	`status` enum('submitted','need_more','referred','done') NOT NULL,
	`note_enc` text,
	`department` varchar(100),
	`by` enum('guardian','staff') NOT NULL,
	`actor_user_id` int NOT NULL,
	`at` datetime(3) NOT NULL,
	CONSTRAINT `application_events_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `application_photos` (
	`id` bigint AUTO_INCREMENT NOT NULL,
	`application_id` int NOT NULL,
	`item_index` int NOT NULL,
	`file_id` varchar(64) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `application_photos_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `applications` (
	`id` int AUTO_INCREMENT NOT NULL,
	`user_id` int NOT NULL,
	`org_id` int NOT NULL,
	`village_org_id` int,
	`policy_id` int NOT NULL,
	`policy_title` varchar(60) NOT NULL,
	`materials` text NOT NULL,
	`status` enum('submitted','need_more','referred','done') NOT NULL,
	`child_enc` text NOT NULL,
	`applicant_enc` text NOT NULL,
	`note_enc` text,
	`latest_note_enc` text,
	`department` varchar(100),
	`consultation_id` int,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `applications_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `policy_articles_status_topic_idx` ON `policy_articles` (`status`,`topic`,`id`);--> statement-breakpoint
CREATE INDEX `policy_articles_updated_idx` ON `policy_articles` (`updated_at`);--> statement-breakpoint
CREATE INDEX `consultation_messages_thread_idx` ON `consultation_messages` (`consultation_id`,`id`);--> statement-breakpoint
CREATE INDEX `consultations_user_idx` ON `consultations` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `consultations_queue_idx` ON `consultations` (`org_id`,`status`,`due_at`,`id`);--> statement-breakpoint
CREATE INDEX `consultations_org_last_idx` ON `consultations` (`org_id`,`last_message_at`,`id`);--> statement-breakpoint
CREATE INDEX `application_events_app_idx` ON `application_events` (`application_id`,`id`);--> statement-breakpoint
CREATE INDEX `application_photos_app_idx` ON `application_photos` (`application_id`,`item_index`);--> statement-breakpoint
CREATE INDEX `applications_user_idx` ON `applications` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `applications_queue_idx` ON `applications` (`org_id`,`status`,`updated_at`,`id`);