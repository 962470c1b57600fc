CREATE TABLE `staff_trainings` (
	`id` int AUTO_INCREMENT NOT NULL,
	`user_id` int NOT NULL,
	`trained_on` date NOT NULL,
	`title` varchar(100) NOT NULL,
	`hours` int,
	`created_by` int NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `staff_trainings_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `orgs` ADD `retired_at` datetime(3);--> statement-breakpoint
ALTER TABLE `users` ADD `must_change_password` boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `password_changed_at` datetime(3);--> statement-breakpoint
ALTER TABLE `users` ADD `appointed_on` date;--> statement-breakpoint
ALTER TABLE `users` ADD `disabled_at` datetime(3);--> statement-breakpoint
CREATE INDEX `staff_trainings_user_idx` ON `staff_trainings` (`user_id`,`trained_on`);--> statement-breakpoint
CREATE INDEX `audit_org_idx` ON `audit_log` (`org_id`,`id`);