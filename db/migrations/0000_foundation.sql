CREATE TABLE `account` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`role` text NOT NULL,
	`password_hash` text,
	`disabled_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_email_uq` ON `account` (`email`);--> statement-breakpoint
CREATE TABLE `api_token` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`lookup_id` text NOT NULL,
	`secret_hash` text NOT NULL,
	`label` text,
	`created_at` text NOT NULL,
	`last_used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`account_id`) REFERENCES `account`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_token_lookup_uq` ON `api_token` (`lookup_id`);--> statement-breakpoint
CREATE INDEX `api_token_account_idx` ON `api_token` (`account_id`);--> statement-breakpoint
CREATE TABLE `audit_entry` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`account_id` integer,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`changes` text,
	FOREIGN KEY (`account_id`) REFERENCES `account`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_entry` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_entry` (`at`);--> statement-breakpoint
CREATE TABLE `cycle` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`area_kind` text DEFAULT 'police_district' NOT NULL,
	`name` text NOT NULL,
	`settings` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cycle_year_kind_uq` ON `cycle` (`year`,`area_kind`);--> statement-breakpoint
CREATE TABLE `meeting` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer,
	`area_id` integer NOT NULL,
	`sequence_in_cycle` integer DEFAULT 1 NOT NULL,
	`title` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`time_zone` text DEFAULT 'Europe/Copenhagen' NOT NULL,
	`host_organisation_id` integer,
	`venue_name` text,
	`venue_address` text,
	`facilitator_id` integer,
	`capacity` integer,
	`audience_role_keys` text,
	`explanation` text,
	`warnings` text,
	`ics_uid` text NOT NULL,
	`ics_sequence` integer DEFAULT 0 NOT NULL,
	`cancelled_at` text,
	`cancel_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycle`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`area_id`) REFERENCES `area`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`host_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`facilitator_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_ics_uid_uq` ON `meeting` (`ics_uid`);--> statement-breakpoint
CREATE INDEX `meeting_area_idx` ON `meeting` (`area_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `meeting_cycle_idx` ON `meeting` (`cycle_id`);--> statement-breakpoint
CREATE TABLE `area` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`convener_id` integer NOT NULL,
	`seed_key` text,
	`edited_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`convener_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `area_seed_key_uq` ON `area` (`seed_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `area_convener_kind_uq` ON `area` (`convener_id`,`kind`);--> statement-breakpoint
CREATE TABLE `area_member` (
	`area_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`member_role` text DEFAULT 'member' NOT NULL,
	`willing_to_host` integer DEFAULT true NOT NULL,
	`area_kind` text NOT NULL,
	PRIMARY KEY(`area_id`, `organisation_id`),
	FOREIGN KEY (`area_id`) REFERENCES `area`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `area_member_org_idx` ON `area_member` (`organisation_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `area_member_one_area_per_kind_uq` ON `area_member` (`area_kind`,`organisation_id`) WHERE member_role = 'member';--> statement-breakpoint
CREATE TABLE `organisation` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`code` text,
	`region` text,
	`address` text,
	`parent_id` integer,
	`seed_key` text,
	`edited_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisation_kind_code_uq` ON `organisation` (`kind`,`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `organisation_seed_key_uq` ON `organisation` (`seed_key`);--> statement-breakpoint
CREATE INDEX `organisation_kind_idx` ON `organisation` (`kind`,`name`);--> statement-breakpoint
CREATE TABLE `person` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`phone` text,
	`organisation_id` integer NOT NULL,
	`title` text,
	`is_fixed_contact` integer DEFAULT false NOT NULL,
	`language` text DEFAULT 'da' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "person_email_lower" CHECK("person"."email" = lower("person"."email"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `person_email_uq` ON `person` (`email`);--> statement-breakpoint
CREATE INDEX `person_org_idx` ON `person` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `person_role` (
	`person_id` integer NOT NULL,
	`role_id` integer NOT NULL,
	PRIMARY KEY(`person_id`, `role_id`),
	FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`role_id`) REFERENCES `role`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `person_role_role_idx` ON `person_role` (`role_id`);--> statement-breakpoint
CREATE TABLE `role` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`level` text NOT NULL,
	`side` text NOT NULL,
	`in_default_audience` integer DEFAULT true NOT NULL,
	`seed_key` text,
	`edited_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `role_key_uq` ON `role` (`key`);--> statement-breakpoint
CREATE UNIQUE INDEX `role_seed_key_uq` ON `role` (`seed_key`);