DROP INDEX `invitation_delegated_from_idx`;--> statement-breakpoint
CREATE INDEX `invitation_delegated_from_idx` ON `invitation` (`delegated_from_id`) WHERE delegated_from_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `organisation_parent_idx` ON `organisation` (`parent_id`) WHERE parent_id IS NOT NULL;