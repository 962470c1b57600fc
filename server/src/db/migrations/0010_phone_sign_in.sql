CREATE TABLE `phone_codes` (
	`id` int AUTO_INCREMENT NOT NULL,
	`phone_index` varchar(64) NOT NULL,
	`code_hash` varchar(64) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`attempts` int NOT NULL DEFAULT 0,
	`used_at` datetime(3),
	CONSTRAINT `phone_codes_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `consultation_messages` MODIFY COLUMN `author_user_id` int;--> statement-breakpoint
ALTER TABLE `consultations` MODIFY COLUMN `user_id` int;--> statement-breakpoint
ALTER TABLE `users` ADD `phone_index` varchar(64);--> statement-breakpoint
ALTER TABLE `consultations` ADD `receipt_hash` varchar(64);--> statement-breakpoint
ALTER TABLE `users` ADD CONSTRAINT `users_phone_uq` UNIQUE(`phone_index`);--> statement-breakpoint
ALTER TABLE `consultations` ADD CONSTRAINT `consultations_receipt_uq` UNIQUE(`receipt_hash`);--> statement-breakpoint
CREATE INDEX `phone_codes_phone_idx` ON `phone_codes` (`phone_index`,`id`);--> statement-breakpoint
CREATE INDEX `phone_codes_expiry_idx` ON `phone_codes` (`expires_at`);