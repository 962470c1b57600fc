ALTER TABLE `case_referrals` ADD `police_outcome` varchar(20);--> statement-breakpoint
ALTER TABLE `cases` ADD `police_reported_at` datetime(3);--> statement-breakpoint
ALTER TABLE `cases` ADD `civil_affairs_reported_at` datetime(3);