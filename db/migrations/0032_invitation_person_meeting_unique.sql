DROP INDEX `invitation_meeting_person_uq`;--> statement-breakpoint
DROP INDEX `invitation_person_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `invitation_person_meeting_uq` ON `invitation` (`person_id`,`meeting_id`);