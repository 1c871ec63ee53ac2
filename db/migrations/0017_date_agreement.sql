CREATE TABLE `date_agreement` (
	`meeting_id` integer PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`confirmed_at` text,
	`save_the_date_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `date_proposal` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`proposed_by_id` integer,
	`actor_email` text,
	`reason` text,
	`created_at` text NOT NULL,
	`decided_at` text,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposed_by_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `date_proposal_meeting_idx` ON `date_proposal` (`meeting_id`,`id`);--> statement-breakpoint
CREATE TABLE `date_proposal_contact` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`token_lookup_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`answer` text DEFAULT 'pending' NOT NULL,
	`answered_at` text,
	`chased_at` text,
	`reminder_lookup_id` text,
	`reminder_hash` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `date_proposal`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `date_proposal_contact_token_uq` ON `date_proposal_contact` (`token_lookup_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `date_proposal_contact_reminder_uq` ON `date_proposal_contact` (`reminder_lookup_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `date_proposal_contact_uq` ON `date_proposal_contact` (`proposal_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `date_proposal_contact_person_idx` ON `date_proposal_contact` (`person_id`);--> statement-breakpoint
-- meetings already invited or held were agreed by hand before this step existed: confirmed, with one proposal in their history
INSERT INTO `date_proposal` (`meeting_id`, `kind`, `state`, `starts_at`, `ends_at`, `created_at`, `decided_at`)
  SELECT `id`, 'facilitator', 'confirmed', `starts_at`, `ends_at`, `updated_at`, `updated_at` FROM `meeting`
  WHERE `status` IN ('invited', 'held');--> statement-breakpoint
INSERT INTO `date_agreement` (`meeting_id`, `status`, `confirmed_at`, `updated_at`)
  SELECT `id`, 'confirmed', `updated_at`, `updated_at` FROM `meeting` WHERE `status` IN ('invited', 'held');
