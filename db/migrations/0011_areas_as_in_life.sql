CREATE TABLE `person_coverage` (
	`person_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	PRIMARY KEY(`person_id`, `organisation_id`),
	FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `person_coverage_org_idx` ON `person_coverage` (`organisation_id`);--> statement-breakpoint
DROP INDEX `area_convener_kind_uq`;--> statement-breakpoint
CREATE INDEX `area_convener_idx` ON `area` (`convener_id`,`kind`);--> statement-breakpoint
DROP INDEX `area_member_one_area_per_kind_uq`;--> statement-breakpoint
CREATE INDEX `area_member_kind_org_idx` ON `area_member` (`area_kind`,`organisation_id`);