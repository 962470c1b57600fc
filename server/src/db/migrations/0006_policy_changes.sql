CREATE TABLE `policy_changes` (
	`id` bigint AUTO_INCREMENT NOT NULL,
	`article_id` int NOT NULL,
	`at` datetime(3) NOT NULL,
	CONSTRAINT `policy_changes_id` PRIMARY KEY(`id`)
);
