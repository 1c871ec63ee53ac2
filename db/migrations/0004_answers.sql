CREATE TABLE `inbound_reply` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`received_at` text NOT NULL,
	`channel` text NOT NULL,
	`from_address` text,
	`subject` text,
	`message_id` text,
	`uid` text,
	`attendee` text,
	`partstat` text,
	`invitation_id` integer,
	`reason` text,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitation`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `inbound_reply_received_idx` ON `inbound_reply` (`received_at`);--> statement-breakpoint
CREATE INDEX `inbound_reply_uid_idx` ON `inbound_reply` (`uid`);--> statement-breakpoint
CREATE TABLE `organisation_chaser` (
	`meeting_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`sent_at` text NOT NULL,
	`outbox_message_id` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisation_chaser_uq` ON `organisation_chaser` (`meeting_id`,`organisation_id`);--> statement-breakpoint
CREATE TABLE `waitlist_entry` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`invitation_id` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitation`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waitlist_invitation_uq` ON `waitlist_entry` (`invitation_id`);--> statement-breakpoint
CREATE INDEX `waitlist_meeting_idx` ON `waitlist_entry` (`meeting_id`,`id`);