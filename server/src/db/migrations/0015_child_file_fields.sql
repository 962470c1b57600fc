CREATE TABLE `child_guardian_ids` (
	`child_id` int NOT NULL,
	`id_number_idx` varchar(64) NOT NULL,
	CONSTRAINT `child_guardian_ids_child_id_id_number_idx_pk` PRIMARY KEY(`child_id`,`id_number_idx`)
);
--> statement-breakpoint
CREATE TABLE `resource_units` (
	`id` int AUTO_INCREMENT NOT NULL,
	`org_id` int NOT NULL,
	`kind` varchar(20) NOT NULL,
	`name` varchar(60) NOT NULL,
	`address` varchar(120) NOT NULL,
	`contact_name` varchar(30) NOT NULL,
	`contact_phone` varchar(20) NOT NULL,
	`services` varchar(300),
	`status` enum('active','archived') NOT NULL DEFAULT 'active',
	`created_at` datetime(3) NOT NULL,
	`created_by` int,
	`updated_at` datetime(3) NOT NULL,
	`updated_by` int,
	CONSTRAINT `resource_units_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `children` ADD `status` enum('active','closed') DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE `children` ADD `closed_at` datetime(3);--> statement-breakpoint
ALTER TABLE `children` ADD `close_reason` varchar(20);--> statement-breakpoint
ALTER TABLE `children` ADD `national_entry_due_at` datetime(3);--> statement-breakpoint
ALTER TABLE `children` ADD `national_entered_at` datetime(3);--> statement-breakpoint
ALTER TABLE `children` ADD `national_updated_at` datetime(3);--> statement-breakpoint
CREATE INDEX `child_guardian_ids_idx` ON `child_guardian_ids` (`id_number_idx`);--> statement-breakpoint
CREATE INDEX `resource_units_org_idx` ON `resource_units` (`org_id`,`status`,`kind`,`id`);