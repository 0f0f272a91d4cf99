CREATE TABLE `cadre_changes` (
	`cadre_id` integer PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cadre_changes_seq_idx` ON `cadre_changes` (`seq`);