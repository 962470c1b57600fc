CREATE TABLE `audit_chain` (
	`audit_id` bigint NOT NULL,
	`gap_from` bigint,
	`hash` char(64) NOT NULL,
	`sealed_at` datetime(3) NOT NULL,
	CONSTRAINT `audit_chain_audit_id` PRIMARY KEY(`audit_id`)
);
