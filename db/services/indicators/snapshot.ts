import { createHash } from 'node:crypto';
import os from 'node:os';
import type { AppDb } from '../../open';
import type { Vocabulary } from './packed';
import { timelineFromImage, timelineImage, timelineShapeKey, type Timeline, type TimelineImage } from './timeline';

// The indicator timeline kept in the database between connections, so that the first figures after the app opens
// cost reading one image (a few MB of integers) and the cadres changed since, instead of loading ~300,000 rows
// (about 0.5-0.8 s at the size of a province).
//
// Why it stays exact: the image is the timeline as it was at one cadre_changes number (`seq`), written in its own
// transaction from a timeline that was up to date with that number and read outside any caller's transaction. Every
// write to a record the timeline reads marks its cadre in cadre_changes with a higher number (the triggers of
// migration 0004, whatever code path or connection writes), and a change that concerns everyone (units, code lists)
// marks cadre 0. So the image brought up to date from `seq` exactly as the in-memory timeline is (compute.ts:
// patch the cadres marked since, or load whole when cadre 0 is marked) equals a timeline loaded now.
// What the integers mean depends on more than the data: the vocabulary (the bit and slot of every code, the
// minority ethnicities), the categories read, this file's format, the byte order and the database's migrations. All
// of it makes up `key`; an image with another key is not used, and is replaced by the next one written. A restore
// replaces the whole file, image and change log together, so the image stays consistent with its own log.
// The figures kept with it were counted on that same timeline; compute.ts adjusts them person by person for the
// cadres it patches, as it does for figures kept in memory, and uses them only with the same training standards
// (no trigger marks that table) and code lists (attributes and ranks are not in `key`) as now.
//
// A derived copy (table indicator_timeline_image, migration 0006): deleting its row only makes the next first load
// read the records. It has no triggers (writing it marks nothing in cadre_changes).

const TABLE = 'indicator_timeline_image';
/** The layout of `meta` and `data` (see timeline.ts, "The timeline as an image"). Raise it when either changes. */
const FORMAT = 3;
/** How long a write of the image waits for another connection's write lock before giving up (ms). */
const WRITE_WAIT_MS = 100;
const CANNOT_WRITE = /^SQLITE_(READONLY|BUSY|LOCKED|FULL|PERM|IOERR|CANTOPEN)/;

/**
 * Figures counted on the image's timeline, kept with it so that a new connection need not count them again: by
 * date and definition (its JSON), with the training standards (as text) and a hash of the code lists the
 * definitions were compiled with; used only when both are still the same.
 */
export interface ImageFigures {
  standards: string;
  codes: string;
  definitions: string[];
  /** [date, index in definitions, n, N] */
  figures: [string, number, number, number][];
}

interface Meta {
  format: number;
  categories: string[];
  dates: string[];
  cadres: number;
  rows: TimelineImage['rows'];
  figures: ImageFigures;
}

/** A hash of the code lists (every entry, attributes and ranks included): what compiled definitions depend on. */
export function codesHash(codes: Vocabulary['codes']): string {
  return createHash('sha256').update(JSON.stringify([...codes].map(([list, entries]) => [list, [...entries.values()]]))).digest('hex');
}

/** The newest migration applied: a migration may rewrite data without the change log seeing it. */
function newestMigration(db: AppDb): number {
  // The image's own table comes from a migration: drizzle's log of them is there whenever the image is.
  return Number(db.sqlite.prepare('select coalesce(max(created_at), 0) from __drizzle_migrations').pluck().get());
}

function imageKey(db: AppDb, v: Vocabulary, categories: Set<string>): string {
  const text = JSON.stringify([FORMAT, os.endianness(), newestMigration(db), timelineShapeKey(v, categories)]);
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The kept image as a timeline and the change number it is up to date with, when there is one made for this
 * vocabulary and holding at least these categories; else null. Call inside the read transaction that then brings
 * it up to date (cadreChangesSince), so both see the same data.
 */
export function readTimelineImage(db: AppDb, v: Vocabulary, categories: Set<string>): { timeline: Timeline; seq: number; figures: ImageFigures } | null {
  const row = db.sqlite.prepare(`select key, seq, meta from ${TABLE} where id = 1`).get() as { key: string; seq: number; meta: string } | undefined;
  if (!row) return null;
  const meta = JSON.parse(row.meta) as Meta;
  if (meta.format !== FORMAT || ![...categories].every((c) => meta.categories.includes(c))) return null;
  if (row.key !== imageKey(db, v, new Set(meta.categories))) return null;
  // The several MB of data only for an image that will be used.
  const blob = db.sqlite.prepare(`select data from ${TABLE} where id = 1`).pluck().get() as Buffer;
  if (!Buffer.isBuffer(blob) || blob.length % 4 !== 0) return null;
  // The timeline's columns are views of the blob's bytes when they are aligned for int32 (a buffer this large has
  // memory of its own); else of a copy.
  let data: Int32Array;
  if (blob.byteOffset % 4 === 0) data = new Int32Array(blob.buffer, blob.byteOffset, blob.length / 4);
  else {
    data = new Int32Array(blob.length / 4);
    new Uint8Array(data.buffer).set(blob);
  }
  const timeline = timelineFromImage(db, v, { categories: meta.categories, dates: meta.dates, cadres: meta.cadres, rows: meta.rows, data });
  return timeline ? { timeline, seq: row.seq, figures: meta.figures } : null;
}

/**
 * Keeps the timeline, up to date with change number `seq`, as the database's image. Call outside any transaction,
 * with a timeline read outside one. Returns false, writing nothing, when it cannot write now (a read-only file,
 * another connection holding the write lock, a full disk); the figures do not depend on it.
 */
export function writeTimelineImage(db: AppDb, t: Timeline, seq: number, figures: ImageFigures): boolean {
  if (db.sqlite.readonly || db.sqlite.inTransaction) return false;
  const busyTimeout = db.sqlite.pragma('busy_timeout', { simple: true }) as number;
  try {
    db.sqlite.pragma(`busy_timeout = ${WRITE_WAIT_MS}`);
    const key = imageKey(db, t.vocabulary, t.categories);
    return db.sqlite
      .transaction(() => {
        // Another connection may have written a newer image meanwhile: keep it.
        const kept = db.sqlite.prepare(`select key, seq from ${TABLE} where id = 1`).get() as { key: string; seq: number } | undefined;
        if (kept && kept.key === key && kept.seq >= seq) return false;
        const img = timelineImage(t);
        const meta: Meta = { format: FORMAT, categories: img.categories, dates: img.dates, cadres: img.cadres, rows: img.rows, figures };
        db.sqlite
          .prepare(`insert or replace into ${TABLE} (id, key, seq, meta, data) values (1, ?, ?, ?, ?)`)
          .run(key, seq, JSON.stringify(meta), Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength));
        return true;
      })
      .immediate();
  } catch (e) {
    if (CANNOT_WRITE.test(String((e as { code?: unknown }).code ?? ''))) return false;
    throw e;
  } finally {
    db.sqlite.pragma(`busy_timeout = ${busyTimeout}`);
  }
}
