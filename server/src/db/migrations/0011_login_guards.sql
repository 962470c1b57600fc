CREATE TABLE `login_guards` (
	`guard_key` varchar(80) NOT NULL,
	`failures` int NOT NULL DEFAULT 0,
	`window_started_at` datetime(3) NOT NULL,
	`locked_until` datetime(3),
	CONSTRAINT `login_guards_guard_key` PRIMARY KEY(`guard_key`)
);
--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `failed_logins`;--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `first_failed_at`;--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `locked_until`;