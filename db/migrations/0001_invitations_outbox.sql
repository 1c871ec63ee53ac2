CREATE TABLE `invitation` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`response` text DEFAULT 'needs_action' NOT NULL,
	`responded_at` text,
	`comment` text,
	`token_lookup_id` text,
	`token_hash` text,
	`token_expires_at` text,
	`delegated_from_id` integer,
	`added_by_hand` integer DEFAULT false NOT NULL,
	`withdrawn_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitation_meeting_person_uq` ON `invitation` (`meeting_id`,`person_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `invitation_token_uq` ON `invitation` (`token_lookup_id`);--> statement-breakpoint
CREATE INDEX `invitation_person_idx` ON `invitation` (`person_id`);--> statement-breakpoint
CREATE TABLE `outbox_message` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`kind` text NOT NULL,
	`to_address` text NOT NULL,
	`to_name` text,
	`subject` text NOT NULL,
	`content` text NOT NULL,
	`meeting_id` integer,
	`invitation_id` integer,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`sent_at` text,
	`raw` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitation`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_message_id_uq` ON `outbox_message` (`message_id`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox_message` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_meeting_idx` ON `outbox_message` (`meeting_id`);