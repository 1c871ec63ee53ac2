CREATE TABLE `outbox_part` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`members` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `outbox_message` ADD `part_id` integer REFERENCES outbox_part(id);--> statement-breakpoint
CREATE INDEX `outbox_part_idx` ON `outbox_message` (`part_id`) WHERE part_id IS NOT NULL;