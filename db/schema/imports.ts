import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { changeBatches } from './core';
import { now } from './columns';

// Tables of the imports area. An import is staged row by row (so a 50,000-row file is previewed in pages and
// committed from the database, not from memory), and what its commit did is kept as effects so the whole
// import can be undone as one step.


/** One file being imported: analysed -> previewed -> committed (-> undone), or cancelled. */
export const imports = sqliteTable('imports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  target: text('target').notNull(),
  fileName: text('file_name').notNull(),
  sheetName: text('sheet_name'),
  /** analyzed | previewed | committed | undone | cancelled */
  status: text('status').notNull(),
  rowCount: integer('row_count').notNull().default(0),
  /** 0-based index of the first header row and the number of header rows. */
  headerStart: integer('header_start'),
  headerSpan: integer('header_span'),
  mapping: text('mapping', { mode: 'json' }).$type<(string | null)[]>(),
  options: text('options', { mode: 'json' }).$type<Record<string, unknown>>(),
  counts: text('counts', { mode: 'json' }).$type<Record<string, number>>(),
  batchId: integer('batch_id').references(() => changeBatches.id),
  undoBatchId: integer('undo_batch_id').references(() => changeBatches.id),
  actor: text('actor').notNull(),
  createdAt: text('created_at').notNull().default(now),
  committedAt: text('committed_at'),
});

/** The staged rows of an import: raw cells as read, then what the preview made of them. */
export const importRows = sqliteTable(
  'import_rows',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    importId: integer('import_id').notNull().references(() => imports.id, { onDelete: 'cascade' }),
    /** 1-based row number in the sheet, as the clerk sees it in Excel. */
    rowNo: integer('row_no').notNull(),
    cells: text('cells').notNull(),
    /** raw | new | update | unchanged | error | duplicate | skipped */
    status: text('status').notNull().default('raw'),
    /** JSON: display values, what to apply, messages and changed fields. */
    result: text('result'),
    matchId: integer('match_id'),
    matchVersion: integer('match_version'),
  },
  (t) => [index('import_rows_import_idx').on(t.importId, t.rowNo), index('import_rows_status_idx').on(t.importId, t.status)],
);

/** What a commit did, record by record, with the values it replaced: the undo list. */
export const importEffects = sqliteTable(
  'import_effects',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    importId: integer('import_id').notNull().references(() => imports.id, { onDelete: 'cascade' }),
    /** cadre | assignment | qualification */
    entity: text('entity').notNull(),
    entityId: integer('entity_id').notNull(),
    /**
     * Records an import creates come one after another: a run of them is one effect, entity_id to entity_id_to
     * (null for a single record). cadre_id is then the cadre of the first one.
     */
    entityIdTo: integer('entity_id_to'),
    cadreId: integer('cadre_id').notNull(),
    /** create | update */
    action: text('action').notNull(),
    /** For updates: the fields as they were before the import. */
    before: text('before', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** The record's version right after the commit; a different version at undo time means someone edited it. */
    afterVersion: integer('after_version'),
  },
  (t) => [index('import_effects_import_idx').on(t.importId)],
);

/** Column mappings saved by the clerk, found again by the header's signature. */
export const importMappings = sqliteTable(
  'import_mappings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    target: text('target').notNull(),
    name: text('name').notNull(),
    signature: text('signature').notNull(),
    headerSpan: integer('header_span').notNull().default(1),
    mapping: text('mapping', { mode: 'json' }).$type<(string | null)[]>().notNull(),
    options: text('options', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    actor: text('actor').notNull(),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [uniqueIndex('import_mappings_sig_uq').on(t.target, t.signature)],
);
