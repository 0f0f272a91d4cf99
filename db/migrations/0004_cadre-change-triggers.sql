-- Keeps cadre_changes (see db/schema/core.ts) up to date from every write path: one row per cadre with its latest
-- change number; cadre_id 0 = a change that concerns every cadre. Hand-written (drizzle-kit does not model triggers).
-- A change number is the table's highest plus one, so it rises with every marked row.
CREATE TRIGGER `cadres_changes_insert` AFTER INSERT ON `cadres` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (new.id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `cadres_changes_update` AFTER UPDATE ON `cadres` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (new.id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `cadres_changes_delete` AFTER DELETE ON `cadres` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (old.id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `assignments_changes_insert` AFTER INSERT ON `assignments` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (new.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `assignments_changes_update` AFTER UPDATE ON `assignments` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (old.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (new.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `assignments_changes_delete` AFTER DELETE ON `assignments` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (old.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `cadre_flags_changes_insert` AFTER INSERT ON `cadre_flags` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (new.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `cadre_flags_changes_update` AFTER UPDATE ON `cadre_flags` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (old.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (new.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `cadre_flags_changes_delete` AFTER DELETE ON `cadre_flags` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (old.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `cadre_status_events_changes_insert` AFTER INSERT ON `cadre_status_events` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (new.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `cadre_status_events_changes_update` AFTER UPDATE ON `cadre_status_events` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (old.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (new.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `cadre_status_events_changes_delete` AFTER DELETE ON `cadre_status_events` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (old.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `qualifications_changes_insert` AFTER INSERT ON `qualifications` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (new.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `qualifications_changes_update` AFTER UPDATE ON `qualifications` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (old.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (new.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `qualifications_changes_delete` AFTER DELETE ON `qualifications` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (old.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `training_enrolments_changes_insert` AFTER INSERT ON `training_enrolments` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (new.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `training_enrolments_changes_update` AFTER UPDATE ON `training_enrolments` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (old.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (new.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `training_enrolments_changes_delete` AFTER DELETE ON `training_enrolments` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (old.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `rotations_changes_insert` AFTER INSERT ON `rotations` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (new.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `rotations_changes_update` AFTER UPDATE ON `rotations` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (old.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (new.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `rotations_changes_delete` AFTER DELETE ON `rotations` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (old.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `planning_records_changes_insert` AFTER INSERT ON `planning_records` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (new.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `planning_records_changes_update` AFTER UPDATE ON `planning_records` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (old.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (new.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `planning_records_changes_delete` AFTER DELETE ON `planning_records` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (old.cadre_id, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `code_lists_changes_insert` AFTER INSERT ON `code_lists` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (0, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `code_lists_changes_update` AFTER UPDATE ON `code_lists` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (0, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `code_lists_changes_delete` AFTER DELETE ON `code_lists` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (0, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `units_changes_insert` AFTER INSERT ON `units` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (0, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `units_changes_update` AFTER UPDATE ON `units` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (0, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `units_changes_delete` AFTER DELETE ON `units` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (0, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `unit_parents_changes_insert` AFTER INSERT ON `unit_parents` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (0, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `unit_parents_changes_update` AFTER UPDATE ON `unit_parents` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (0, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `unit_parents_changes_delete` AFTER DELETE ON `unit_parents` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (0, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `training_courses_changes_update` AFTER UPDATE ON `training_courses` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (0, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER `training_courses_changes_delete` AFTER DELETE ON `training_courses` BEGIN
  INSERT INTO cadre_changes (cadre_id, seq) VALUES (0, (SELECT coalesce(max(seq), 0) + 1 FROM cadre_changes)) ON CONFLICT (cadre_id) DO UPDATE SET seq = excluded.seq;
END;
