CREATE TABLE `entered_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` integer NOT NULL,
	`year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`value` real,
	`numerator` real,
	`denominator` real,
	`source` text,
	`note` text,
	`entered_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`entered_by` text NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `entered_values_quarter_idx` ON `entered_values` (`indicator_id`,`year`,`quarter`);--> statement-breakpoint
CREATE TABLE `indicator_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` integer NOT NULL,
	`year` integer NOT NULL,
	`value` real NOT NULL,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicator_targets_year_uq` ON `indicator_targets` (`indicator_id`,`year`) WHERE deleted_at is null;--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resolution_id` integer NOT NULL,
	`code` text NOT NULL,
	`text` text NOT NULL,
	`kind` text NOT NULL,
	`unit` text DEFAULT 'percent' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`definition` text,
	`rule_text` text,
	`note` text,
	`seed_key` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`resolution_id`) REFERENCES `resolutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_code_uq` ON `indicators` (`resolution_id`,`code`) WHERE deleted_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_seed_key_uq` ON `indicators` (`seed_key`);--> statement-breakpoint
CREATE TABLE `resolutions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`number` text,
	`issued_date` text,
	`issuing_body` text,
	`period_start` text,
	`period_end` text,
	`note` text,
	`seed_key` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `resolutions_seed_key_uq` ON `resolutions` (`seed_key`);--> statement-breakpoint
CREATE TABLE `training_standards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`standard_set` text NOT NULL,
	`label` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`position_codes` text,
	`unit_levels` text,
	`categories` text,
	`min_general` text,
	`min_professional` text,
	`min_political` text,
	`min_state_mgmt` text,
	`note` text,
	`seed_key` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_standards_seed_key_unique` ON `training_standards` (`seed_key`);