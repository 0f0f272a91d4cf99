import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { cadres, qualifications, units } from './core';
import { now, tracking } from './columns';

// Tables of the training area: yearly plans, the courses in them, who is enrolled, and the dated rule sets
// (service commitment after state-funded postgraduate study, age limits) the enrolments are judged by.
// Same conventions as core.ts: ISO dates, inclusive end dates, version + soft delete, audit rows on every change.


/** A yearly training and fostering plan (kế hoạch đào tạo, bồi dưỡng) issued by one unit. */
export const trainingPlans = sqliteTable(
  'training_plans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    issuingUnitId: integer('issuing_unit_id').references(() => units.id),
    /** draft | approved | closed */
    status: text('status').notNull().default('draft'),
    decisionNo: text('decision_no'),
    decisionDate: text('decision_date'),
    note: text('note'),
    ...tracking,
  },
  (t) => [index('training_plans_year_idx').on(t.year)],
);

/** A course or class in a plan. Dates may be unknown while the plan is drafted. */
export const trainingCourses = sqliteTable(
  'training_courses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id').notNull().references(() => trainingPlans.id),
    name: text('name').notNull(),
    /** Key of COURSE_KINDS (shared/api/training.ts). */
    kind: text('kind').notNull(),
    /** The qualification a completed enrolment earns: category + key in code list "level.<category>". */
    qualCategory: text('qual_category'),
    qualLevelKey: text('qual_level_key'),
    institution: text('institution'),
    /** in_province | domestic | abroad */
    location: text('location'),
    /** full_time | in_service | online */
    mode: text('mode'),
    startDate: text('start_date'),
    endDate: text('end_date'),
    plannedSeats: integer('planned_seats'),
    budgetVnd: integer('budget_vnd'),
    /** Actually spent, entered when the course is settled. */
    spentVnd: integer('spent_vnd'),
    /** central | provincial | unit | self | other */
    fundingSource: text('funding_source'),
    note: text('note'),
    ...tracking,
  },
  (t) => [index('training_courses_plan_idx').on(t.planId)],
);

/** A cadre in a course. A completed one whose course leads to a qualification owns that qualification row. */
export const trainingEnrolments = sqliteTable(
  'training_enrolments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    courseId: integer('course_id').notNull().references(() => trainingCourses.id),
    cadreId: integer('cadre_id').notNull().references(() => cadres.id),
    /** proposed | nominated | studying | completed | not_completed | withdrawn */
    status: text('status').notNull().default('proposed'),
    decisionNo: text('decision_no'),
    decisionDate: text('decision_date'),
    result: text('result'),
    certificateNo: text('certificate_no'),
    certificateDate: text('certificate_date'),
    /** Cost of this person's training, the amount a reimbursement is computed from. */
    costVnd: integer('cost_vnd'),
    /** The qualification created on completion (source 'training', source_ref = this id). */
    qualificationId: integer('qualification_id').references(() => qualifications.id),
    /** Warnings the clerk acknowledged when enrolling (JSON array of messages). */
    acknowledgedWarnings: text('acknowledged_warnings', { mode: 'json' }).$type<string[]>(),
    note: text('note'),
    ...tracking,
  },
  (t) => [
    index('training_enrolments_course_idx').on(t.courseId),
    index('training_enrolments_cadre_idx').on(t.cadreId),
    uniqueIndex('training_enrolments_live_uq').on(t.courseId, t.cadreId).where(sql`deleted_at is null`),
  ],
);

/**
 * A dated rule set for state-funded postgraduate training (Nghị định 101/2017/NĐ-CP, 171/2025/NĐ-CP ...):
 * which cadre categories it covers, from when to when, the service commitment multiplier and the age limits.
 * Seeded rows carry a seed_key so seeding never duplicates them and never revives one the user deleted.
 */
export const trainingRuleSets = sqliteTable(
  'training_rule_sets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    seedKey: text('seed_key'),
    name: text('name').notNull(),
    /** JSON array of cadre category keys (can_bo, cong_chuc, vien_chuc, khac). */
    categories: text('categories', { mode: 'json' }).$type<string[]>().notNull(),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
    commitmentMultiplier: real('commitment_multiplier').notNull(),
    firstPostgradAgeLimit: integer('first_postgrad_age_limit'),
    laterPostgradAgeLimit: integer('later_postgrad_age_limit'),
    note: text('note'),
    ...tracking,
  },
  (t) => [uniqueIndex('training_rule_sets_seed_uq').on(t.seedKey).where(sql`seed_key is not null`)],
);
