CREATE TABLE `cadre_rows` (
	`cadre_id` integer PRIMARY KEY NOT NULL,
	`deleted` integer NOT NULL,
	`computed_for` text NOT NULL,
	`valid_until` text,
	`json` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cadre_rows_valid_until_idx` ON `cadre_rows` (`valid_until`);