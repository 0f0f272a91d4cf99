CREATE TABLE `import_effects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	`cadre_id` integer NOT NULL,
	`action` text NOT NULL,
	`before` text,
	`after_version` integer,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_effects_import_idx` ON `import_effects` (`import_id`);--> statement-breakpoint
CREATE TABLE `import_mappings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target` text NOT NULL,
	`name` text NOT NULL,
	`signature` text NOT NULL,
	`header_span` integer DEFAULT 1 NOT NULL,
	`mapping` text NOT NULL,
	`options` text DEFAULT '{}' NOT NULL,
	`actor` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_mappings_sig_uq` ON `import_mappings` (`target`,`signature`);--> statement-breakpoint
CREATE TABLE `import_rows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`row_no` integer NOT NULL,
	`cells` text NOT NULL,
	`status` text DEFAULT 'raw' NOT NULL,
	`result` text,
	`match_id` integer,
	`match_version` integer,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_rows_import_idx` ON `import_rows` (`import_id`,`row_no`);--> statement-breakpoint
CREATE INDEX `import_rows_status_idx` ON `import_rows` (`import_id`,`status`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target` text NOT NULL,
	`file_name` text NOT NULL,
	`sheet_name` text,
	`status` text NOT NULL,
	`row_count` integer DEFAULT 0 NOT NULL,
	`header_start` integer,
	`header_span` integer,
	`mapping` text,
	`options` text,
	`counts` text,
	`batch_id` integer,
	`undo_batch_id` integer,
	`actor` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`committed_at` text,
	FOREIGN KEY (`batch_id`) REFERENCES `change_batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`undo_batch_id`) REFERENCES `change_batches`(`id`) ON UPDATE no action ON DELETE no action
);
