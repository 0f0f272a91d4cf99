import { sql } from 'drizzle-orm';
import { blob, check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { now, tracking } from './columns';

// Tables of the indicators area: the resolution, its indicators and targets, the training standards that
// "đạt chuẩn" indicators use, and the quarterly statistics the office types in. All of it is data the user
// edits in the Chỉ tiêu screen; the app seeds the Sóc Trăng resolution once (rows with a seed_key) and never
// overwrites what users changed.


export const resolutions = sqliteTable(
  'resolutions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    number: text('number'),
    issuedDate: text('issued_date'),
    issuingBody: text('issuing_body'),
    periodStart: text('period_start'),
    periodEnd: text('period_end'),
    note: text('note'),
    /** Set on seeded rows so seeding can tell "already there" (even if renamed or deleted) from "missing". */
    seedKey: text('seed_key'),
    ...tracking,
  },
  (t) => [uniqueIndex('resolutions_seed_key_uq').on(t.seedKey)],
);

export const indicators = sqliteTable(
  'indicators',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    resolutionId: integer('resolution_id').notNull().references(() => resolutions.id),
    code: text('code').notNull(),
    text: text('text').notNull(),
    /** computed | entered */
    kind: text('kind').notNull(),
    /** percent | per10k | absolute */
    unit: text('unit').notNull().default('percent'),
    sortOrder: integer('sort_order').notNull().default(0),
    /** Computed ones: population and counted condition (IndicatorDefinitionSchema), JSON. */
    definition: text('definition', { mode: 'json' }),
    /** The rule in words, shown on screen and in the report. */
    ruleText: text('rule_text'),
    note: text('note'),
    seedKey: text('seed_key'),
    ...tracking,
  },
  (t) => [
    uniqueIndex('indicators_code_uq').on(t.resolutionId, t.code).where(sql`deleted_at is null`),
    uniqueIndex('indicators_seed_key_uq').on(t.seedKey),
  ],
);

export const indicatorTargets = sqliteTable(
  'indicator_targets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: integer('indicator_id').notNull().references(() => indicators.id),
    year: integer('year').notNull(),
    value: real('value').notNull(),
    note: text('note'),
    ...tracking,
  },
  (t) => [uniqueIndex('indicator_targets_year_uq').on(t.indicatorId, t.year).where(sql`deleted_at is null`)],
);

/** Append-only: a change is a new row; the latest row (by id) per indicator and quarter counts. value null = cleared. */
export const enteredValues = sqliteTable(
  'entered_values',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: integer('indicator_id').notNull().references(() => indicators.id),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    value: real('value'),
    numerator: real('numerator'),
    denominator: real('denominator'),
    source: text('source'),
    note: text('note'),
    enteredAt: text('entered_at').notNull().default(now),
    enteredBy: text('entered_by').notNull(),
  },
  (t) => [index('entered_values_quarter_idx').on(t.indicatorId, t.year, t.quarter)],
);

/**
 * The training standard of a post ("đạt chuẩn"), as rows of named sets. Within a set the first row (by sort
 * order) whose conditions all match the cadre applies; its minimum levels are level keys of the code lists.
 */
export const trainingStandards = sqliteTable('training_standards', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  standardSet: text('standard_set').notNull(),
  label: text('label').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
  positionCodes: text('position_codes', { mode: 'json' }).$type<string[]>(),
  unitLevels: text('unit_levels', { mode: 'json' }).$type<string[]>(),
  categories: text('categories', { mode: 'json' }).$type<string[]>(),
  minGeneral: text('min_general'),
  minProfessional: text('min_professional'),
  minPolitical: text('min_political'),
  minStateMgmt: text('min_state_mgmt'),
  note: text('note'),
  seedKey: text('seed_key').unique(),
  ...tracking,
});

/**
 * The indicator engine's dated history kept between connections (db/services/indicators/snapshot.ts): one row, the
 * timeline as integers (`data`) and its description and kept figures (`meta`, JSON), valid for change number `seq`
 * of cadre_changes and for `key` (the code lists' layout, format, migrations). A derived copy: deleting the row only
 * makes the next first figures read the records again.
 */
export const indicatorTimelineImage = sqliteTable(
  'indicator_timeline_image',
  {
    id: integer('id').primaryKey(),
    key: text('key').notNull(),
    seq: integer('seq').notNull(),
    meta: text('meta').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
  },
  (t) => [check('indicator_timeline_image_one_row', sql`${t.id} = 1`)],
);
