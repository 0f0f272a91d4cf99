import type { AppDb } from '../open';
import { onDatabaseReplaced } from '../replaced';
import { lastCadreChange } from '../changes';
import { CADRE_ROW_FIELDS, type CadreRow, type CadreTable } from '../../shared/api/cadres';
import { compareVietnamese, splitVietnameseName } from '../../shared/domain/text';
import { todayIso } from '../../shared/domain/dates';
import { cadreRowsByIds } from './cadre-rows';

// The first rows of the cadre grid as it opens: working cadres, none deleted, in the grid's name order (given name,
// then family and middle names, ties by id: what the renderer's sortByName and the fullName column's comparator
// give). The renderer shows them while the whole list (22 MB at 50,000 cadres) is still on its way, and replaces
// them by it; so a clerk sees a filled grid in well under a second. The order only has to be found for the first
// few dozen names: names are grouped by given name, and only the first groups are put in order.

interface HeadCache {
  seq: number;
  day: string;
  limit: number;
  table: CadreTable;
}
const cache = new WeakMap<AppDb, HeadCache>();
onDatabaseReplaced((db) => cache.delete(db));

const statements = new WeakMap<AppDb, { names: { all(): unknown[] } }>();
function namesStatement(db: AppDb) {
  let s = statements.get(db);
  if (!s) statements.set(db, (s = { names: db.sqlite.prepare('select id, full_name as name from cadres where deleted_at is null order by id').raw() as never }));
  return s.names;
}

/** Cadre ids in the grid's name order, at least `wanted` of them when there are (whole groups of one given name). */
export function firstIdsInNameOrder(people: readonly (readonly [number, string])[], wanted: number): number[] {
  const byGiven = new Map<string, { id: number; rest: string }[]>();
  for (const [id, name] of people) {
    const { given, rest } = splitVietnameseName(name);
    let group = byGiven.get(given);
    if (!group) byGiven.set(given, (group = []));
    group.push({ id, rest });
  }
  const givens = [...byGiven.keys()].sort(compareVietnamese);
  const out: number[] = [];
  for (let i = 0; i < givens.length && out.length < wanted; ) {
    // Given names that collate equal (composed and decomposed forms) are one group, as the renderer ranks them.
    const group = [...byGiven.get(givens[i])!];
    let j = i + 1;
    for (; j < givens.length && compareVietnamese(givens[i], givens[j]) === 0; j++) group.push(...byGiven.get(givens[j])!);
    group.sort((a, b) => compareVietnamese(a.rest, b.rest) || a.id - b.id);
    for (const p of group) out.push(p.id);
    i = j;
  }
  return out;
}

const tableRow = (r: CadreRow): (string | number | null)[] => CADRE_ROW_FIELDS.map((f) => (f === 'flags' ? r.flags.join(',') : (r[f] as string | number | null)));

/** The first `limit` rows the cadre grid opens on (see above), in the table form of cadres.listTable. */
export function cadreTableHead(db: AppDb, input: { limit: number }): CadreTable {
  const day = todayIso();
  const kept = cache.get(db);
  if (kept && kept.seq === lastCadreChange(db) && kept.day === day && kept.limit === input.limit) return kept.table;

  const fresh = db.sqlite.transaction((): HeadCache => {
    const people = namesStatement(db).all() as [number, string][];
    const rows: CadreRow[] = [];
    // Most cadres are at work: derive rows for twice the rows wanted, and more only if too many have left.
    let taken = 0;
    let ordered: number[] = [];
    for (let wanted = input.limit * 2; rows.length < input.limit && taken < people.length; wanted *= 4) {
      ordered = firstIdsInNameOrder(people, wanted);
      const next = ordered.slice(taken);
      taken = ordered.length;
      const derived = new Map(cadreRowsByIds(db, next, day).map((r) => [r.id, r]));
      for (const id of next) {
        const r = derived.get(id);
        if (r && r.status === 'dang_cong_tac') rows.push(r);
      }
      if (ordered.length >= people.length) break;
    }
    // The change number read with the rows (one snapshot), so a write in between is not taken as kept.
    return { seq: lastCadreChange(db), day, limit: input.limit, table: { fields: [...CADRE_ROW_FIELDS], rows: rows.slice(0, input.limit).map(tableRow) } };
  }).deferred();
  cache.set(db, fresh);
  return fresh.table;
}
