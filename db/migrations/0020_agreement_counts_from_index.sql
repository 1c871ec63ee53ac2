DROP INDEX `agreement_area_idx`;--> statement-breakpoint
CREATE INDEX `agreement_area_idx` ON `agreement` (`area_id`,`type`,`status`,`agreed_on`,`created_at`);