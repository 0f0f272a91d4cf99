import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { now } from './columns';

// Tables of the reports area: the quarterly report on the resolution (Báo cáo quý).
// A draft keeps its header fields, narrative and its latest computed figures; issuing freezes everything into
// `snapshot` (JSON), which is what an issued report shows and prints from then on.


export const reports = sqliteTable(
  'reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    /** draft | issued */
    status: text('status').notNull().default('draft'),
    /** The report this draft was started from (a correction of an issued one, or next quarter's). */
    basedOnId: integer('based_on_id').references((): AnySQLiteColumn => reports.id),
    docNumber: text('doc_number').notNull().default(''),
    docSymbol: text('doc_symbol').notNull().default(''),
    issuingBody: text('issuing_body').notNull().default(''),
    superiorBody: text('superior_body').notNull().default(''),
    place: text('place').notNull().default(''),
    issueDate: text('issue_date'),
    subject: text('subject').notNull().default(''),
    signerCapacity: text('signer_capacity').notNull().default(''),
    signerTitle: text('signer_title').notNull().default(''),
    signerName: text('signer_name').notNull().default(''),
    recipients: text('recipients', { mode: 'json' }).$type<string[]>().notNull().default([]),
    narrativeAchievements: text('narrative_achievements').notNull().default(''),
    narrativeLimitations: text('narrative_limitations').notNull().default(''),
    narrativeNextTasks: text('narrative_next_tasks').notNull().default(''),
    /** The factual draft last generated from the figures (JSON); a section equal to it is still "untouched". */
    generatedNarrative: text('generated_narrative', { mode: 'json' }).notNull(),
    /** The latest computed figures of a draft (JSON, ReportFigures). */
    figures: text('figures', { mode: 'json' }).notNull(),
    /** Set when issued: {header, narrative, figures, generatedNarrative} exactly as issued. */
    snapshot: text('snapshot', { mode: 'json' }),
    issuedAt: text('issued_at'),
    issuedBy: text('issued_by'),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
    deletedAt: text('deleted_at'),
  },
  (t) => [index('reports_period_idx').on(t.year, t.quarter)],
);
