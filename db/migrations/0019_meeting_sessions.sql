CREATE TABLE `session_seat` (
	`invitation_id` integer PRIMARY KEY NOT NULL,
	`session_id` integer,
	`waiting` integer DEFAULT false NOT NULL,
	`queue_no` integer DEFAULT 0 NOT NULL,
	`ics_sequence` integer DEFAULT -1 NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitation`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `meeting_session`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `session_seat_session_idx` ON `session_seat` (`session_id`,`waiting`,`queue_no`);--> statement-breakpoint
CREATE TABLE `meeting_session` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`venue_name` text,
	`venue_address` text,
	`capacity` integer NOT NULL,
	`cancelled_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meeting_session_meeting_idx` ON `meeting_session` (`meeting_id`,`starts_at`);