CREATE TABLE `language` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`texts_from` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `organisation_kind` (
	`key` text PRIMARY KEY NOT NULL,
	`labels` text NOT NULL,
	`sector_key` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`sector_key`) REFERENCES `sector`(`key`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `programme` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`owner_organisation_id` integer,
	`language_code` text NOT NULL,
	`holiday_country` text NOT NULL,
	`holiday_region` text,
	`time_zone` text NOT NULL,
	`area_kind` text NOT NULL,
	`settings` text NOT NULL,
	`title_pattern` text NOT NULL,
	`signature` text,
	`reply_address` text,
	`seed_key` text,
	`edited_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`owner_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`language_code`) REFERENCES `language`(`code`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programme_key_uq` ON `programme` (`key`);--> statement-breakpoint
CREATE UNIQUE INDEX `programme_seed_key_uq` ON `programme` (`seed_key`);--> statement-breakpoint
CREATE INDEX `programme_area_kind_idx` ON `programme` (`area_kind`);--> statement-breakpoint
CREATE TABLE `sector` (
	`key` text PRIMARY KEY NOT NULL,
	`labels` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `cycle` ADD `programme_id` integer REFERENCES programme(id);--> statement-breakpoint
ALTER TABLE `area` ADD `programme_id` integer REFERENCES programme(id);--> statement-breakpoint
INSERT INTO `language` (`code`, `name`, `texts_from`, `created_at`, `updated_at`) VALUES
	('da', 'Dansk', 'da', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	('en', 'English', 'en', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	('nb', 'Norsk bokmål', 'nb', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
--> statement-breakpoint
INSERT INTO `programme` (`key`, `name`, `language_code`, `holiday_country`, `time_zone`, `area_kind`, `settings`, `title_pattern`, `seed_key`, `created_at`, `updated_at`) VALUES
	('dk-politikredsmoeder', 'Politikredsmøder', 'da', 'DK', 'Europe/Copenhagen', 'police_district', '{}', 'Politikredsmøde {year} – {area}', 'dk:programme:politikredsmoeder', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
--> statement-breakpoint
UPDATE `cycle` SET `programme_id` = (SELECT `id` FROM `programme` WHERE `seed_key` = 'dk:programme:politikredsmoeder') WHERE `programme_id` IS NULL;
--> statement-breakpoint
UPDATE `area` SET `programme_id` = (SELECT `id` FROM `programme` WHERE `seed_key` = 'dk:programme:politikredsmoeder') WHERE `programme_id` IS NULL AND `kind` = 'police_district';
