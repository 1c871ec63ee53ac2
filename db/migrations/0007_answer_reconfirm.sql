CREATE TABLE `answer_link` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invitation_id` integer NOT NULL,
	`lookup_id` text NOT NULL,
	`secret_hash` text NOT NULL,
	`expires_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitation`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `answer_link_lookup_uq` ON `answer_link` (`lookup_id`);--> statement-breakpoint
CREATE INDEX `answer_link_invitation_idx` ON `answer_link` (`invitation_id`);--> statement-breakpoint
ALTER TABLE `invitation` ADD `needs_reconfirm` integer DEFAULT false NOT NULL;