CREATE TABLE `evaluation_answer` (
	`response_id` integer NOT NULL,
	`question_key` text NOT NULL,
	`score` integer,
	`text` text,
	PRIMARY KEY(`response_id`, `question_key`),
	FOREIGN KEY (`response_id`) REFERENCES `evaluation_response`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `evaluation_recipient` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`lookup_id` text NOT NULL,
	`secret_hash` text NOT NULL,
	`reminder_lookup_id` text,
	`reminder_secret_hash` text,
	`answered` integer DEFAULT false NOT NULL,
	`reminded_at` text,
	FOREIGN KEY (`meeting_id`) REFERENCES `evaluation_survey`(`meeting_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evaluation_recipient_uq` ON `evaluation_recipient` (`meeting_id`,`person_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `evaluation_recipient_lookup_uq` ON `evaluation_recipient` (`lookup_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `evaluation_recipient_reminder_lookup_uq` ON `evaluation_recipient` (`reminder_lookup_id`);--> statement-breakpoint
CREATE TABLE `evaluation_response` (
	`id` integer PRIMARY KEY NOT NULL,
	`meeting_id` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `evaluation_survey`(`meeting_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `evaluation_response_meeting_idx` ON `evaluation_response` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `evaluation_survey` (
	`meeting_id` integer PRIMARY KEY NOT NULL,
	`questions` text NOT NULL,
	`sent_at` text NOT NULL,
	`remind_on` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `meeting_lessons` (
	`meeting_id` integer PRIMARY KEY NOT NULL,
	`text` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade
);
