import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { now, tracking } from './columns';

// Conventions for every table:
// - dates are ISO text ("2025-06-30"); end dates (valid_to, to_date) are inclusive: the last day in force;
// - rows people work on carry `version` (optimistic locking) and `deleted_at` (soft delete with restore);
// - every mutation writes audit_log rows in the same transaction (see db/services/audit.ts).


/** The organisation tree. Units are closed with a date and a successor rather than deleted or renamed in place. */
export const units = sqliteTable(
  'units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    shortName: text('short_name'),
    kind: text('kind').notNull(),
    level: text('level').notNull(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => units.id),
    validFrom: text('valid_from'),
    validTo: text('valid_to'),
    successorId: integer('successor_id').references((): AnySQLiteColumn => units.id),
    ethnicContact: integer('ethnic_contact', { mode: 'boolean' }).notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    note: text('note'),
    ...tracking,
  },
  (t) => [index('units_parent_idx').on(t.parentId)],
);

/** Dated parent history, so the tree can be rebuilt as it stood on any date. */
export const unitParents = sqliteTable(
  'unit_parents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id').notNull().references(() => units.id),
    parentId: integer('parent_id').references(() => units.id),
    fromDate: text('from_date'),
    toDate: text('to_date'),
  },
  (t) => [index('unit_parents_unit_idx').on(t.unitId)],
);

export const cadres = sqliteTable(
  'cadres',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code'),
    fullName: text('full_name').notNull(),
    otherNames: text('other_names'),
    sex: text('sex').notNull(),
    birthDate: text('birth_date'),
    birthPlace: text('birth_place'),
    homeTown: text('home_town'),
    address: text('address'),
    ethnicity: text('ethnicity'),
    religion: text('religion'),
    idNumber: text('id_number'),
    phone: text('phone'),
    partyJoinDate: text('party_join_date'),
    partyOfficialDate: text('party_official_date'),
    category: text('category').notNull(),
    rankCode: text('rank_code'),
    salaryStep: integer('salary_step'),
    salaryCoefficient: real('salary_coefficient'),
    recruitmentDate: text('recruitment_date'),
    note: text('note'),
    ...tracking,
  },
  (t) => [uniqueIndex('cadres_id_number_uq').on(t.idNumber).where(sql`id_number is not null and deleted_at is null`)],
);

/** Dated history of unit and post. The current one is the row whose period contains today. */
export const assignments = sqliteTable(
  'assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cadreId: integer('cadre_id').notNull().references(() => cadres.id),
    unitId: integer('unit_id').notNull().references(() => units.id),
    postTitle: text('post_title'),
    positionCode: text('position_code'),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date'),
    /** manual | rotation | import | seed | reorganisation (moved when a unit closed; source_ref = that unit) */
    source: text('source').notNull().default('manual'),
    sourceRef: integer('source_ref'),
    note: text('note'),
    ...tracking,
  },
  (t) => [
    index('assignments_cadre_idx').on(t.cadreId, t.fromDate),
    index('assignments_unit_idx').on(t.unitId),
    // Covers "the assignment in force on a date" for one cadre.
    index('assignments_current_idx').on(t.cadreId, t.fromDate, t.toDate, t.deletedAt),
  ],
);

/** Dated roles the resolution counts (executive committee member, department leader, teacher ...). */
export const cadreFlags = sqliteTable(
  'cadre_flags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cadreId: integer('cadre_id').notNull().references(() => cadres.id),
    flag: text('flag').notNull(),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date'),
    note: text('note'),
  },
  (t) => [index('cadre_flags_cadre_idx').on(t.cadreId, t.flag)],
);

/** Dated employment status; with no row a cadre is working. Status on D is the latest event on or before D. */
export const cadreStatusEvents = sqliteTable(
  'cadre_status_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cadreId: integer('cadre_id').notNull().references(() => cadres.id),
    status: text('status').notNull(),
    effectiveDate: text('effective_date').notNull(),
    note: text('note'),
  },
  (t) => [index('cadre_status_cadre_idx').on(t.cadreId, t.effectiveDate)],
);

/** Qualifications as a dated history per category; "highest" is derived from the code list's rank. */
export const qualifications = sqliteTable(
  'qualifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cadreId: integer('cadre_id').notNull().references(() => cadres.id),
    category: text('category').notNull(),
    levelKey: text('level_key').notNull(),
    field: text('field'),
    institution: text('institution'),
    /** Award date; may be partial ("2015") for old diplomas. A qualification counts from this date on. */
    awardDate: text('award_date'),
    language: text('language'),
    fluency: text('fluency'),
    certificateNo: text('certificate_no'),
    /** manual | training | import | seed */
    source: text('source').notNull().default('manual'),
    sourceRef: integer('source_ref'),
    note: text('note'),
    ...tracking,
  },
  (t) => [
    index('qualifications_cadre_idx').on(t.cadreId, t.category),
    // Covers the search for a cadre's highest level in a category on a date (the grid's derived columns).
    index('qualifications_best_idx').on(t.cadreId, t.category, t.levelKey, t.awardDate, t.deletedAt),
    // Covers the indicators' per-cadre pass over levels and fluency held on a date (no table lookups).
    index('qualifications_facts_idx').on(t.cadreId, t.category, t.levelKey, t.fluency, t.awardDate, t.deletedAt),
  ],
);

/** Open code lists (ethnicities, levels, ranks...). `key` is what records store; names may be edited. */
export const codeLists = sqliteTable(
  'code_lists',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    list: text('list').notNull(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    code: text('code'),
    rank: real('rank').notNull().default(0),
    attrs: text('attrs', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    system: integer('system', { mode: 'boolean' }).notNull().default(false),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('code_lists_list_key_uq').on(t.list, t.key)],
);

/** A group of changes made by one action (a paste, an import, an undo), so it can be shown and undone together. */
export const changeBatches = sqliteTable('change_batches', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind').notNull(),
  description: text('description').notNull(),
  actor: text('actor').notNull(),
  at: text('at').notNull().default(now),
  undoneAt: text('undone_at'),
  undoneBy: integer('undone_by'),
});

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull().default(now),
    actor: text('actor').notNull(),
    /** create | update | delete | restore */
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id').notNull(),
    /** The cadre the change belongs to, so a cadre's trail includes its qualifications and assignments. */
    cadreId: integer('cadre_id'),
    field: text('field'),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    batchId: integer('batch_id').references(() => changeBatches.id),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId), index('audit_cadre_idx').on(t.cadreId), index('audit_at_idx').on(t.at)],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: text('updated_at').notNull().default(now),
});

/**
 * Which cadres' records changed, and when (a rising change number), so caches derived per cadre (the grid's rows,
 * the indicators' dated history) can redo only those cadres instead of everything after any write. One row per
 * cadre, holding its latest change; cadre_id 0 stands for a change that concerns everyone (a code list's ranks, a
 * unit's level). Written only by the triggers of migration 0004 (so every write path is covered, including raw SQL
 * in imports and undo); read through db/changes.ts.
 */
export const cadreChanges = sqliteTable(
  'cadre_changes',
  {
    cadreId: integer('cadre_id').primaryKey(),
    seq: integer('seq').notNull(),
  },
  (t) => [index('cadre_changes_seq_idx').on(t.seq)],
);

/**
 * The cadre grid's rows for "today", one per cadre, kept up to date per write (db/services/cadre-rows.ts) instead
 * of derived for all 50,000 cadres on every load. `json` is the row as the grid's compact JSON array, derived for
 * `computed_for`; it holds while today < `valid_until` as text (the first day one of the cadre's dated records starts,
 * or an end date followed by a space: the day after it; null: nothing ahead). Row 0 is not a cadre: it describes the
 * whole set (the change number of cadre_changes it is up to date with, the row shape, the level ranks, the date it
 * was last brought up to date for). A derived copy: deleting every row only makes the next load rebuild it.
 */
export const cadreRows = sqliteTable(
  'cadre_rows',
  {
    cadreId: integer('cadre_id').primaryKey(),
    deleted: integer('deleted', { mode: 'boolean' }).notNull(),
    computedFor: text('computed_for').notNull(),
    validUntil: text('valid_until'),
    json: text('json').notNull(),
  },
  (t) => [index('cadre_rows_valid_until_idx').on(t.validUntil)],
);
