DROP INDEX `audit_entity_idx`;--> statement-breakpoint
CREATE INDEX `audit_entity_time_idx` ON `audit_entry` (`entity`,`id`,`entity_id`);