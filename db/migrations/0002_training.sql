CREATE TABLE `training_courses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`qual_category` text,
	`qual_level_key` text,
	`institution` text,
	`location` text,
	`mode` text,
	`start_date` text,
	`end_date` text,
	`planned_seats` integer,
	`budget_vnd` integer,
	`spent_vnd` integer,
	`funding_source` text,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`plan_id`) REFERENCES `training_plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_courses_plan_idx` ON `training_courses` (`plan_id`);--> statement-breakpoint
CREATE TABLE `training_enrolments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`cadre_id` integer NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`decision_no` text,
	`decision_date` text,
	`result` text,
	`certificate_no` text,
	`certificate_date` text,
	`cost_vnd` integer,
	`qualification_id` integer,
	`acknowledged_warnings` text,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`course_id`) REFERENCES `training_courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cadre_id`) REFERENCES `cadres`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`qualification_id`) REFERENCES `qualifications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_enrolments_course_idx` ON `training_enrolments` (`course_id`);--> statement-breakpoint
CREATE INDEX `training_enrolments_cadre_idx` ON `training_enrolments` (`cadre_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `training_enrolments_live_uq` ON `training_enrolments` (`course_id`,`cadre_id`) WHERE deleted_at is null;--> statement-breakpoint
CREATE TABLE `training_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`name` text NOT NULL,
	`issuing_unit_id` integer,
	`status` text DEFAULT 'draft' NOT NULL,
	`decision_no` text,
	`decision_date` text,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`issuing_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_plans_year_idx` ON `training_plans` (`year`);--> statement-breakpoint
CREATE TABLE `training_rule_sets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`seed_key` text,
	`name` text NOT NULL,
	`categories` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`commitment_multiplier` real NOT NULL,
	`first_postgrad_age_limit` integer,
	`later_postgrad_age_limit` integer,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_rule_sets_seed_uq` ON `training_rule_sets` (`seed_key`) WHERE seed_key is not null;