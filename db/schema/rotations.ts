import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { cadres, units } from './core';
import { now, tracking } from './columns';

// Tables of the rotations area: rotations (luân chuyển, điều động, biệt phái), planning records (quy hoạch),
// the dated rule sets that judge a rotation, and the statutory retirement-age schedule the rules need.
// Same conventions as core.ts: ISO dates, inclusive end dates, version + soft delete, audit rows on every change.


export const rotations = sqliteTable(
  'rotations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cadreId: integer('cadre_id').notNull().references(() => cadres.id),
    /** luan_chuyen | dieu_dong | biet_phai | khac */
    type: text('type').notNull(),
    fromUnitId: integer('from_unit_id').references(() => units.id),
    fromPostTitle: text('from_post_title'),
    fromPositionCode: text('from_position_code'),
    toUnitId: integer('to_unit_id').notNull().references(() => units.id),
    toPostTitle: text('to_post_title'),
    toPositionCode: text('to_position_code'),
    decisionNo: text('decision_no'),
    decisionDate: text('decision_date'),
    decisionBody: text('decision_body'),
    plannedStart: text('planned_start').notNull(),
    plannedEnd: text('planned_end'),
    actualStart: text('actual_start'),
    actualEnd: text('actual_end'),
    /** planned | in_progress | ended | cancelled */
    status: text('status').notNull().default('planned'),
    purpose: text('purpose'),
    note: text('note'),
    /** Why the clerk went ahead despite rule warnings; required whenever warnings stand. */
    overrideReason: text('override_reason'),
    /** The warnings the reason covers (JSON array of {ruleSet, rule, message}), as they stood when overridden. */
    overriddenWarnings: text('overridden_warnings', { mode: 'json' }).$type<unknown[]>(),
    cancelReason: text('cancel_reason'),
    /** The assignment the rotation closed at its start, and the to_date it had, so a start can be undone exactly. */
    originAssignmentId: integer('origin_assignment_id'),
    originPrevToDate: text('origin_prev_to_date'),
    /** The assignment in the destination, made at the start (source 'rotation'). */
    rotationAssignmentId: integer('rotation_assignment_id'),
    /** The post taken after the rotation ended (return or next post), made at the end. */
    returnAssignmentId: integer('return_assignment_id'),
    ...tracking,
  },
  (t) => [index('rotations_cadre_idx').on(t.cadreId), index('rotations_to_unit_idx').on(t.toUnitId)],
);

/** Planning (quy hoạch): a cadre planned for a post at a level for a period such as 2025-2030. */
export const planningRecords = sqliteTable(
  'planning_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cadreId: integer('cadre_id').notNull().references(() => cadres.id),
    positionCode: text('position_code'),
    postTitle: text('post_title'),
    /** Key of PLANNING_LEVELS (shared/api/rotations.ts). */
    level: text('level').notNull(),
    periodFrom: integer('period_from').notNull(),
    periodTo: integer('period_to').notNull(),
    /** Key of PLANNING_STATUSES. */
    status: text('status').notNull().default('hieu_luc'),
    decisionNo: text('decision_no'),
    note: text('note'),
    ...tracking,
  },
  (t) => [index('planning_cadre_idx').on(t.cadreId)],
);

/**
 * A named, dated set of rotation rules (Quy định 98-QĐ/TW 2017, Quy định 65-QĐ/TW 2022 ...). The rule kinds are
 * a fixed vocabulary the code knows how to evaluate; which apply and their thresholds are data.
 */
export const rotationRuleSets = sqliteTable('rotation_rule_sets', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** The set applies to rotations whose start falls in [valid_from, valid_to]. */
  validFrom: text('valid_from').notNull(),
  validTo: text('valid_to'),
  /** JSON array of {kind, value?, label}. */
  rules: text('rules', { mode: 'json' }).$type<unknown[]>().notNull(),
  note: text('note'),
  ...tracking,
});

/** Retirement age by sex and birth month (Nghị định 135/2020, Phụ lục I), one row per birth-month band. */
export const retirementAgeSchedule = sqliteTable('retirement_age_schedule', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sex: text('sex').notNull(),
  /** Birth month band, "YYYY-MM", inclusive; null = open. */
  bornFrom: text('born_from'),
  bornTo: text('born_to'),
  ageYears: integer('age_years').notNull(),
  ageMonths: integer('age_months').notNull().default(0),
  source: text('source'),
  version: integer('version').notNull().default(1),
});
