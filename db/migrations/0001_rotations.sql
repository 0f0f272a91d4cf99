CREATE TABLE `planning_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cadre_id` integer NOT NULL,
	`position_code` text,
	`post_title` text,
	`level` text NOT NULL,
	`period_from` integer NOT NULL,
	`period_to` integer NOT NULL,
	`status` text DEFAULT 'hieu_luc' NOT NULL,
	`decision_no` text,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`cadre_id`) REFERENCES `cadres`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `planning_cadre_idx` ON `planning_records` (`cadre_id`);--> statement-breakpoint
CREATE TABLE `retirement_age_schedule` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sex` text NOT NULL,
	`born_from` text,
	`born_to` text,
	`age_years` integer NOT NULL,
	`age_months` integer DEFAULT 0 NOT NULL,
	`source` text,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rotation_rule_sets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`rules` text NOT NULL,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rotation_rule_sets_code_unique` ON `rotation_rule_sets` (`code`);--> statement-breakpoint
CREATE TABLE `rotations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cadre_id` integer NOT NULL,
	`type` text NOT NULL,
	`from_unit_id` integer,
	`from_post_title` text,
	`from_position_code` text,
	`to_unit_id` integer NOT NULL,
	`to_post_title` text,
	`to_position_code` text,
	`decision_no` text,
	`decision_date` text,
	`decision_body` text,
	`planned_start` text NOT NULL,
	`planned_end` text,
	`actual_start` text,
	`actual_end` text,
	`status` text DEFAULT 'planned' NOT NULL,
	`purpose` text,
	`note` text,
	`override_reason` text,
	`overridden_warnings` text,
	`cancel_reason` text,
	`origin_assignment_id` integer,
	`origin_prev_to_date` text,
	`rotation_assignment_id` integer,
	`return_assignment_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`cadre_id`) REFERENCES `cadres`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rotations_cadre_idx` ON `rotations` (`cadre_id`);--> statement-breakpoint
CREATE INDEX `rotations_to_unit_idx` ON `rotations` (`to_unit_id`);