CREATE INDEX `invitation_delegated_from_idx` ON `invitation` (`delegated_from_id`);--> statement-breakpoint
CREATE INDEX `invitation_meeting_response_idx` ON `invitation` (`meeting_id`,`response`);