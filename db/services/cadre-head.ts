import type { Statement } from 'better-sqlite3';
import type { AppDb } from '../open';
import { onDatabaseReplaced } from '../replaced';
import { cadreChangesSince, lastCadreChange } from '../changes';
import { CADRE_ROW_FIELDS, type CadreTable } from '../../shared/api/cadres';
import { compareVietnamese, splitVietnameseName } from '../../shared/domain/text';
import { todayIso } from '../../shared/domain/dates';
import { cadreTableRowsByIds } from './cadre-rows';

// The first rows of the cadre grid as it opens: working cadres, none deleted, in the grid's name order (given name,
// then family and middle names, ties by id: what the renderer's sortByName and the fullName column's comparator
// give). The renderer shows them while the whole list (22 MB at 50,000 cadres) is still on its way, and replaces
// them by it; so a clerk sees a filled grid in well under a second. The order only has to be found for the first
// few dozen names: names are grouped by given name, and only the first groups are put in order.

/**
 * Cadres (not deleted) grouped by given name, kept between calls and patched with the cadres changed since (from
 * cadre_changes): splitting 50,000 names each time cost more than the rest of the answer.
 */
export class NameOrderIndex {
  private readonly byId = new Map<number, { given: string; rest: string }>();
  private readonly groups = new Map<string, Map<number, string>>();
  private sortedGivens: string[] | null = null;

  set(id: number, name: string | null): void {
    const old = this.byId.get(id);
    if (old) {
      this.groups.get(old.given)?.delete(id);
      this.byId.delete(id);
    }
    if (name === null) return;
    const split = splitVietnameseName(name);
    this.byId.set(id, split);
    let group = this.groups.get(split.given);
    if (!group) {
      this.groups.set(split.given, (group = new Map()));
      this.sortedGivens = null;
    }
    group.set(id, split.rest);
  }

  /** Cadre ids in the grid's name order, at least `wanted` of them when there are (whole groups of one given name). */
  first(wanted: number): number[] {
    this.sortedGivens ??= [...this.groups.keys()].sort(compareVietnamese);
    const givens = this.sortedGivens;
    const out: number[] = [];
    for (let i = 0; i < givens.length && out.length < wanted; ) {
      // Given names that collate equal (composed and decomposed forms) are one group, as the renderer ranks them.
      const group: { id: number; rest: string }[] = [];
      let j = i;
      for (; j < givens.length && (j === i || compareVietnamese(givens[i], givens[j]) === 0); j++) {
        for (const [id, rest] of this.groups.get(givens[j]) ?? []) group.push({ id, rest });
      }
      group.sort((a, b) => compareVietnamese(a.rest, b.rest) || a.id - b.id);
      for (const p of group) out.push(p.id);
      i = j;
    }
    return out;
  }
}

interface HeadCache {
  seq: number;
  index: NameOrderIndex;
  day: string;
  limit: number;
  table: CadreTable;
}
const cache = new WeakMap<AppDb, HeadCache>();
onDatabaseReplaced((db) => cache.delete(db));

interface Statements {
  conn: AppDb['sqlite'];
  /** [id, full name] of every cadre not deleted. */
  all: Statement<[]>;
  /** [id, full name or null when deleted or gone] of the cadres in a JSON array of ids. */
  some: Statement<[string]>;
}
const statements = new WeakMap<AppDb, Statements>();
function prepared(db: AppDb): Statements {
  let s = statements.get(db);
  // A restore swaps the connection under the same AppDb: statements of the old one must not be used.
  if (!s || s.conn !== db.sqlite) {
    s = {
      conn: db.sqlite,
      all: db.sqlite.prepare<[]>('select id, full_name from cadres where deleted_at is null').raw(),
      some: db.sqlite.prepare<[string]>('select j.value, c.full_name from json_each(?) j left join cadres c on c.id = j.value and c.deleted_at is null').raw(),
    };
    statements.set(db, s);
  }
  return s;
}

/** The name index brought up to date (inside the caller's read transaction). */
function upToDate(db: AppDb, kept: HeadCache | undefined): { seq: number; index: NameOrderIndex } {
  const changes = cadreChangesSince(db, kept?.seq ?? null);
  // A change concerning everyone (code lists, units) leaves names alone and still lists the cadres changed. Rebuilt
  // whole for a new cache, numbers that went back (another file) and large backlogs (an import).
  if (!kept || kept.seq > changes.seq || changes.cadreIds.length > 5000) {
    const index = new NameOrderIndex();
    for (const [id, name] of prepared(db).all.all() as [number, string][]) index.set(id, name);
    return { seq: changes.seq, index };
  }
  for (const [id, name] of prepared(db).some.all(JSON.stringify(changes.cadreIds)) as [number, string | null][]) kept.index.set(id, name);
  return { seq: changes.seq, index: kept.index };
}

const ID = CADRE_ROW_FIELDS.indexOf('id');
const STATUS = CADRE_ROW_FIELDS.indexOf('status');

/** The first `limit` rows the cadre grid opens on (see above), in the table form of cadres.listTable. */
export function cadreTableHead(db: AppDb, input: { limit: number }): CadreTable {
  const day = todayIso();
  const kept = cache.get(db);
  if (kept && kept.seq === lastCadreChange(db) && kept.day === day && kept.limit === input.limit) return kept.table;

  const fresh = db.sqlite.transaction((): HeadCache => {
    const { seq, index } = upToDate(db, kept);
    const rows: CadreTable['rows'] = [];
    // Most cadres are at work: derive rows for twice the rows wanted, and more only if too many have left.
    let taken = 0;
    for (let wanted = input.limit * 2; rows.length < input.limit; wanted *= 4) {
      const ordered = index.first(wanted);
      const next = ordered.slice(taken);
      if (next.length === 0) break;
      taken = ordered.length;
      const derived = new Map(cadreTableRowsByIds(db, next, day).map((r) => [r[ID] as number, r]));
      for (const id of next) {
        const r = derived.get(id);
        if (r && r[STATUS] === 'dang_cong_tac') rows.push(r);
      }
    }
    return { seq, index, day, limit: input.limit, table: { fields: [...CADRE_ROW_FIELDS], rows: rows.slice(0, input.limit) } };
  }).deferred();
  cache.set(db, fresh);
  return fresh.table;
}
