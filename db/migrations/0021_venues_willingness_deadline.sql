CREATE TABLE `venue` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`street` text NOT NULL,
	`postcode` text NOT NULL,
	`town` text NOT NULL,
	`room` text,
	`directions` text,
	`accessibility` text,
	`seats` integer,
	`host_organisation_id` integer,
	`host_contact_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`host_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`host_contact_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `venue_host_idx` ON `venue` (`host_organisation_id`);--> statement-breakpoint
CREATE INDEX `venue_name_idx` ON `venue` (`name`);--> statement-breakpoint
ALTER TABLE `invitation` ADD `dietary_needs` text;--> statement-breakpoint
ALTER TABLE `invitation` ADD `accessibility_needs` text;--> statement-breakpoint
ALTER TABLE `meeting` ADD `venue_id` integer REFERENCES venue(id);--> statement-breakpoint
ALTER TABLE `meeting` ADD `host_confirmed_at` text;--> statement-breakpoint
ALTER TABLE `meeting` ADD `host_confirmed_by` text;--> statement-breakpoint
ALTER TABLE `meeting` ADD `reply_by` text;--> statement-breakpoint
ALTER TABLE `area_member` ADD `host_willingness` text DEFAULT 'not_asked' NOT NULL;--> statement-breakpoint
-- hand-written backfill: true was the default nobody was asked about, so it becomes 'not_asked'; a recorded false keeps its 'no'
UPDATE `area_member` SET `host_willingness` = 'not_willing' WHERE `willing_to_host` = 0;--> statement-breakpoint
ALTER TABLE `area_member` DROP COLUMN `willing_to_host`;