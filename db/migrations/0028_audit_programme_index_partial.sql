DROP INDEX `audit_programme_idx`;--> statement-breakpoint
CREATE INDEX `audit_programme_idx` ON `audit_entry` (`programme_id`,`id`) WHERE programme_id IS NOT NULL;