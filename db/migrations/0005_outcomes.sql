CREATE TABLE `agenda_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`position` integer NOT NULL,
	`theme_id` integer,
	`title` text NOT NULL,
	`presenter` text,
	`duration_minutes` integer,
	`minutes` text,
	`source` text DEFAULT 'manual' NOT NULL,
	`barrier_id` integer,
	`agreement_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `theme`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`barrier_id`) REFERENCES `barrier`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreement`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `agenda_item_meeting_idx` ON `agenda_item` (`meeting_id`,`position`);--> statement-breakpoint
CREATE TABLE `agreement` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`district_id` integer NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`all_municipalities` integer DEFAULT true NOT NULL,
	`agreed_at_meeting_id` integer,
	`agreed_on` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`review_on` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`district_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`agreed_at_meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `agreement_district_idx` ON `agreement` (`district_id`,`type`,`status`);--> statement-breakpoint
CREATE INDEX `agreement_status_idx` ON `agreement` (`status`,`district_id`,`type`,`agreed_on`,`created_at`);--> statement-breakpoint
CREATE INDEX `agreement_review_idx` ON `agreement` (`review_on`) WHERE review_on IS NOT NULL;--> statement-breakpoint
CREATE TABLE `agreement_barrier` (
	`agreement_id` integer NOT NULL,
	`barrier_id` integer NOT NULL,
	PRIMARY KEY(`agreement_id`, `barrier_id`),
	FOREIGN KEY (`agreement_id`) REFERENCES `agreement`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`barrier_id`) REFERENCES `barrier`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agreement_barrier_barrier_idx` ON `agreement_barrier` (`barrier_id`);--> statement-breakpoint
CREATE TABLE `agreement_contact` (
	`agreement_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	PRIMARY KEY(`agreement_id`, `person_id`),
	FOREIGN KEY (`agreement_id`) REFERENCES `agreement`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `agreement_contact_person_idx` ON `agreement_contact` (`person_id`);--> statement-breakpoint
CREATE TABLE `agreement_municipality` (
	`agreement_id` integer NOT NULL,
	`municipality_id` integer NOT NULL,
	PRIMARY KEY(`agreement_id`, `municipality_id`),
	FOREIGN KEY (`agreement_id`) REFERENCES `agreement`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`municipality_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `agreement_revision` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`status` text NOT NULL,
	`review_on` text,
	`saved_at` text NOT NULL,
	`saved_by` text NOT NULL,
	`reason` text,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreement`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agreement_revision_uq` ON `agreement_revision` (`agreement_id`,`version`);--> statement-breakpoint
CREATE TABLE `attendance` (
	`meeting_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `person_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `attendance_sheet`(`meeting_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `attendance_person_idx` ON `attendance` (`person_id`);--> statement-breakpoint
CREATE TABLE `attendance_sheet` (
	`meeting_id` integer PRIMARY KEY NOT NULL,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `barrier` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`district_id` integer NOT NULL,
	`category` text NOT NULL,
	`description` text NOT NULL,
	`all_municipalities` integer DEFAULT true NOT NULL,
	`raised_at_meeting_id` integer,
	`raised_on` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`resolved_on` text,
	`resolution_note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`district_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`raised_at_meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `barrier_district_idx` ON `barrier` (`district_id`,`status`);--> statement-breakpoint
CREATE INDEX `barrier_status_idx` ON `barrier` (`status`,`raised_on`);--> statement-breakpoint
CREATE TABLE `barrier_contact` (
	`barrier_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	PRIMARY KEY(`barrier_id`, `person_id`),
	FOREIGN KEY (`barrier_id`) REFERENCES `barrier`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `barrier_municipality` (
	`barrier_id` integer NOT NULL,
	`municipality_id` integer NOT NULL,
	PRIMARY KEY(`barrier_id`, `municipality_id`),
	FOREIGN KEY (`barrier_id`) REFERENCES `barrier`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`municipality_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `barrier_status_change` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`barrier_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`reason` text,
	FOREIGN KEY (`barrier_id`) REFERENCES `barrier`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `barrier_status_change_idx` ON `barrier_status_change` (`barrier_id`,`at`);--> statement-breakpoint
CREATE TABLE `district_mapping` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`district_id` integer NOT NULL,
	`year` integer NOT NULL,
	`forum_level` text NOT NULL,
	`strengths` text NOT NULL,
	`challenges` text NOT NULL,
	`wishes` text NOT NULL,
	`notes` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`district_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `district_mapping_uq` ON `district_mapping` (`district_id`,`year`);--> statement-breakpoint
CREATE TABLE `follow_up_reminder` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`entity_id` integer NOT NULL,
	`due_on` text NOT NULL,
	`person_id` integer NOT NULL,
	`outbox_message_id` integer,
	`queued_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `follow_up_reminder_uq` ON `follow_up_reminder` (`kind`,`entity_id`,`due_on`,`person_id`);--> statement-breakpoint
CREATE TABLE `theme` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`name_en` text,
	`description` text,
	`active` integer DEFAULT true NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`seed_key` text,
	`edited_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `theme_seed_key_uq` ON `theme` (`seed_key`);