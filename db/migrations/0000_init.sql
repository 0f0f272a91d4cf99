CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cadre_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`post_title` text,
	`position_code` text,
	`from_date` text NOT NULL,
	`to_date` text,
	`source` text DEFAULT 'manual' NOT NULL,
	`source_ref` integer,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`cadre_id`) REFERENCES `cadres`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assignments_cadre_idx` ON `assignments` (`cadre_id`,`from_date`);--> statement-breakpoint
CREATE INDEX `assignments_unit_idx` ON `assignments` (`unit_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	`cadre_id` integer,
	`field` text,
	`old_value` text,
	`new_value` text,
	`batch_id` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `change_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_cadre_idx` ON `audit_log` (`cadre_id`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `cadre_flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cadre_id` integer NOT NULL,
	`flag` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text,
	`note` text,
	FOREIGN KEY (`cadre_id`) REFERENCES `cadres`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cadre_flags_cadre_idx` ON `cadre_flags` (`cadre_id`,`flag`);--> statement-breakpoint
CREATE TABLE `cadre_status_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cadre_id` integer NOT NULL,
	`status` text NOT NULL,
	`effective_date` text NOT NULL,
	`note` text,
	FOREIGN KEY (`cadre_id`) REFERENCES `cadres`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cadre_status_cadre_idx` ON `cadre_status_events` (`cadre_id`,`effective_date`);--> statement-breakpoint
CREATE TABLE `cadres` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text,
	`full_name` text NOT NULL,
	`other_names` text,
	`sex` text NOT NULL,
	`birth_date` text,
	`birth_place` text,
	`home_town` text,
	`address` text,
	`ethnicity` text,
	`religion` text,
	`id_number` text,
	`phone` text,
	`party_join_date` text,
	`party_official_date` text,
	`category` text NOT NULL,
	`rank_code` text,
	`salary_step` integer,
	`salary_coefficient` real,
	`recruitment_date` text,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cadres_id_number_uq` ON `cadres` (`id_number`) WHERE id_number is not null and deleted_at is null;--> statement-breakpoint
CREATE TABLE `change_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`description` text NOT NULL,
	`actor` text NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`undone_at` text,
	`undone_by` integer
);
--> statement-breakpoint
CREATE TABLE `code_lists` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`list` text NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`code` text,
	`rank` real DEFAULT 0 NOT NULL,
	`attrs` text DEFAULT '{}' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`system` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `code_lists_list_key_uq` ON `code_lists` (`list`,`key`);--> statement-breakpoint
CREATE TABLE `qualifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cadre_id` integer NOT NULL,
	`category` text NOT NULL,
	`level_key` text NOT NULL,
	`field` text,
	`institution` text,
	`award_date` text,
	`language` text,
	`fluency` text,
	`certificate_no` text,
	`source` text DEFAULT 'manual' NOT NULL,
	`source_ref` integer,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`cadre_id`) REFERENCES `cadres`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `qualifications_cadre_idx` ON `qualifications` (`cadre_id`,`category`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `unit_parents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`parent_id` integer,
	`from_date` text,
	`to_date` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `unit_parents_unit_idx` ON `unit_parents` (`unit_id`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`short_name` text,
	`kind` text NOT NULL,
	`level` text NOT NULL,
	`parent_id` integer,
	`valid_from` text,
	`valid_to` text,
	`successor_id` integer,
	`ethnic_contact` integer DEFAULT false NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`parent_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`successor_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `units_parent_idx` ON `units` (`parent_id`);