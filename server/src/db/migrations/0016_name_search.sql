ALTER TABLE `cases` ADD `child_name_idx` varchar(64);--> statement-breakpoint
ALTER TABLE `children` ADD `name_idx` varchar(64);--> statement-breakpoint
CREATE INDEX `cases_child_name_idx` ON `cases` (`child_name_idx`,`township_id`);--> statement-breakpoint
CREATE INDEX `cases_township_risk_idx` ON `cases` (`township_id`,`risk_level`,`id`);--> statement-breakpoint
CREATE INDEX `children_name_idx` ON `children` (`name_idx`,`org_id`,`id`);