CREATE TABLE `waitlist_version` (
	`meeting_id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
