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
CREATE INDEX `assignments_current_idx` ON `assignments` (`cadre_id`,`from_date`,`to_date`,`deleted_at`);--> statement-breakpoint
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
CREATE INDEX `qualifications_best_idx` ON `qualifications` (`cadre_id`,`category`,`level_key`,`award_date`,`deleted_at`);--> statement-breakpoint
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
CREATE INDEX `units_parent_idx` ON `units` (`parent_id`);--> statement-breakpoint
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
CREATE UNIQUE INDEX `training_rule_sets_seed_uq` ON `training_rule_sets` (`seed_key`) WHERE seed_key is not null;--> statement-breakpoint
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
CREATE INDEX `rotations_to_unit_idx` ON `rotations` (`to_unit_id`);--> statement-breakpoint
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
CREATE UNIQUE INDEX `training_standards_seed_key_unique` ON `training_standards` (`seed_key`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`based_on_id` integer,
	`doc_number` text DEFAULT '' NOT NULL,
	`doc_symbol` text DEFAULT '' NOT NULL,
	`issuing_body` text DEFAULT '' NOT NULL,
	`superior_body` text DEFAULT '' NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`issue_date` text,
	`subject` text DEFAULT '' NOT NULL,
	`signer_capacity` text DEFAULT '' NOT NULL,
	`signer_title` text DEFAULT '' NOT NULL,
	`signer_name` text DEFAULT '' NOT NULL,
	`recipients` text DEFAULT '[]' NOT NULL,
	`narrative_achievements` text DEFAULT '' NOT NULL,
	`narrative_limitations` text DEFAULT '' NOT NULL,
	`narrative_next_tasks` text DEFAULT '' NOT NULL,
	`generated_narrative` text NOT NULL,
	`figures` text NOT NULL,
	`snapshot` text,
	`issued_at` text,
	`issued_by` text,
	`created_by` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`based_on_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reports_period_idx` ON `reports` (`year`,`quarter`);--> statement-breakpoint
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
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`username_key` text NOT NULL,
	`full_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`last_login_at` text,
	`password_changed_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_key_idx` ON `users` (`username_key`);