ALTER TABLE `theme` ADD `programme_id` integer REFERENCES programme(id);--> statement-breakpoint
CREATE INDEX `theme_programme_idx` ON `theme` (`programme_id`);--> statement-breakpoint
-- the themes of seed 002 are the Danish programme's; a facilitator's own stay every programme's
UPDATE `theme` SET `programme_id` = (SELECT `id` FROM `programme` WHERE `seed_key` = 'dk:programme:politikredsmoeder') WHERE `seed_key` LIKE 'dk:theme:%';
