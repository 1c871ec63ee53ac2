CREATE TABLE `invitation_reminder` (
	`invitation_id` integer NOT NULL,
	`meeting_starts_at` text NOT NULL,
	`queued_at` text NOT NULL,
	PRIMARY KEY(`invitation_id`, `meeting_starts_at`),
	FOREIGN KEY (`invitation_id`) REFERENCES `invitation`(`id`) ON UPDATE no action ON DELETE cascade
);
