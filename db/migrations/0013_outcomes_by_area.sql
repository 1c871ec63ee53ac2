-- Outcomes belong to an area, not to its convener (a convener may convene several areas of a kind).
-- Backfill: the area of the meeting the row was raised/agreed at, else the convener's area as the
-- service read it (its police district area first, else one with a programme, else the oldest).
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_agreement` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`area_id` integer NOT NULL,
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
	FOREIGN KEY (`area_id`) REFERENCES `area`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`agreed_at_meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_agreement`("id", "area_id", "type", "title", "text", "all_municipalities", "agreed_at_meeting_id", "agreed_on", "status", "review_on", "version", "created_at", "updated_at") SELECT "id", coalesce((SELECT mt.area_id FROM meeting mt JOIN area ar ON ar.id = mt.area_id WHERE mt.id = o.agreed_at_meeting_id AND ar.convener_id = o.district_id), (SELECT ar.id FROM area ar WHERE ar.convener_id = o.district_id ORDER BY ar.kind = 'police_district' DESC, ar.programme_id IS NULL, ar.id LIMIT 1)), "type", "title", "text", "all_municipalities", "agreed_at_meeting_id", "agreed_on", "status", "review_on", "version", "created_at", "updated_at" FROM `agreement` o;--> statement-breakpoint
DROP TABLE `agreement`;--> statement-breakpoint
ALTER TABLE `__new_agreement` RENAME TO `agreement`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `agreement_area_idx` ON `agreement` (`area_id`,`type`,`status`);--> statement-breakpoint
CREATE INDEX `agreement_area_status_idx` ON `agreement` (`status`,`area_id`,`type`,`agreed_on`,`created_at`);--> statement-breakpoint
CREATE INDEX `agreement_review_idx` ON `agreement` (`review_on`) WHERE review_on IS NOT NULL;--> statement-breakpoint
CREATE TABLE `__new_barrier` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`area_id` integer NOT NULL,
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
	FOREIGN KEY (`area_id`) REFERENCES `area`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`raised_at_meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_barrier`("id", "area_id", "category", "description", "all_municipalities", "raised_at_meeting_id", "raised_on", "status", "resolved_on", "resolution_note", "version", "created_at", "updated_at") SELECT "id", coalesce((SELECT mt.area_id FROM meeting mt JOIN area ar ON ar.id = mt.area_id WHERE mt.id = o.raised_at_meeting_id AND ar.convener_id = o.district_id), (SELECT ar.id FROM area ar WHERE ar.convener_id = o.district_id ORDER BY ar.kind = 'police_district' DESC, ar.programme_id IS NULL, ar.id LIMIT 1)), "category", "description", "all_municipalities", "raised_at_meeting_id", "raised_on", "status", "resolved_on", "resolution_note", "version", "created_at", "updated_at" FROM `barrier` o;--> statement-breakpoint
DROP TABLE `barrier`;--> statement-breakpoint
ALTER TABLE `__new_barrier` RENAME TO `barrier`;--> statement-breakpoint
CREATE INDEX `barrier_area_idx` ON `barrier` (`area_id`,`status`);--> statement-breakpoint
CREATE INDEX `barrier_status_idx` ON `barrier` (`status`,`raised_on`);--> statement-breakpoint
CREATE TABLE `__new_district_mapping` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`area_id` integer NOT NULL,
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
	FOREIGN KEY (`area_id`) REFERENCES `area`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_district_mapping`("id", "area_id", "year", "forum_level", "strengths", "challenges", "wishes", "notes", "version", "updated_by", "created_at", "updated_at") SELECT "id", (SELECT ar.id FROM area ar WHERE ar.convener_id = o.district_id ORDER BY ar.kind = 'police_district' DESC, ar.programme_id IS NULL, ar.id LIMIT 1), "year", "forum_level", "strengths", "challenges", "wishes", "notes", "version", "updated_by", "created_at", "updated_at" FROM `district_mapping` o;--> statement-breakpoint
DROP TABLE `district_mapping`;--> statement-breakpoint
ALTER TABLE `__new_district_mapping` RENAME TO `district_mapping`;--> statement-breakpoint
CREATE UNIQUE INDEX `district_mapping_area_year_uq` ON `district_mapping` (`area_id`,`year`);