-- Custom SQL migration file, put your code below! --
-- Each change that moves a place on a meeting's waiting list gives the meeting's list a new random
-- version (see waitlist_version in db/schema/answers.ts): an entry added, removed (by hand or by a
-- cascade) or moved, and a waiting invitation withdrawn or restored.
CREATE TRIGGER `waitlist_entry_added_version` AFTER INSERT ON `waitlist_entry` BEGIN
  INSERT INTO `waitlist_version` (`meeting_id`, `version`) VALUES (NEW.`meeting_id`, random() >> 11)
    ON CONFLICT (`meeting_id`) DO UPDATE SET `version` = excluded.`version`;
END;--> statement-breakpoint
CREATE TRIGGER `waitlist_entry_removed_version` AFTER DELETE ON `waitlist_entry` BEGIN
  INSERT INTO `waitlist_version` (`meeting_id`, `version`) VALUES (OLD.`meeting_id`, random() >> 11)
    ON CONFLICT (`meeting_id`) DO UPDATE SET `version` = excluded.`version`;
END;--> statement-breakpoint
CREATE TRIGGER `waitlist_entry_moved_version` AFTER UPDATE ON `waitlist_entry` BEGIN
  INSERT INTO `waitlist_version` (`meeting_id`, `version`) VALUES (OLD.`meeting_id`, random() >> 11)
    ON CONFLICT (`meeting_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `waitlist_version` (`meeting_id`, `version`) VALUES (NEW.`meeting_id`, random() >> 11)
    ON CONFLICT (`meeting_id`) DO UPDATE SET `version` = excluded.`version`;
END;--> statement-breakpoint
CREATE TRIGGER `waitlist_invitation_withdrawn_version` AFTER UPDATE OF `withdrawn_at`, `meeting_id` ON `invitation`
  WHEN EXISTS (SELECT 1 FROM `waitlist_entry` WHERE `invitation_id` = NEW.`id`) BEGIN
  INSERT INTO `waitlist_version` (`meeting_id`, `version`)
    SELECT `meeting_id`, random() >> 11 FROM `waitlist_entry` WHERE `invitation_id` = NEW.`id`
    ON CONFLICT (`meeting_id`) DO UPDATE SET `version` = excluded.`version`;
END;
