CREATE TABLE `account_programme` (
	`account_id` integer NOT NULL,
	`programme_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`account_id`, `programme_id`),
	FOREIGN KEY (`account_id`) REFERENCES `account`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`programme_id`) REFERENCES `programme`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `account_programme_programme_idx` ON `account_programme` (`programme_id`);--> statement-breakpoint
ALTER TABLE `audit_entry` ADD `programme_id` integer;--> statement-breakpoint
CREATE INDEX `audit_programme_idx` ON `audit_entry` (`programme_id`,`id`);--> statement-breakpoint
-- Nothing changes for existing users: every facilitator and viewer works in every programme there is,
-- with the role they had; admins stay platform admins (all programmes, no rows needed).
INSERT INTO `account_programme` (`account_id`, `programme_id`, `role`)
	SELECT a.`id`, p.`id`, a.`role` FROM `account` a CROSS JOIN `programme` p WHERE a.`role` IN ('facilitator', 'viewer');
--> statement-breakpoint
-- Audit entries already written about meetings and cycles name their programme.
UPDATE `audit_entry` SET `programme_id` = (SELECT ar.`programme_id` FROM `meeting` m JOIN `area` ar ON ar.`id` = m.`area_id` WHERE CAST(m.`id` AS TEXT) = `audit_entry`.`entity_id`) WHERE `entity` = 'meeting';
--> statement-breakpoint
UPDATE `audit_entry` SET `programme_id` = (SELECT c.`programme_id` FROM `cycle` c WHERE CAST(c.`id` AS TEXT) = `audit_entry`.`entity_id`) WHERE `entity` = 'cycle';
