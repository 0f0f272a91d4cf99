import type { AppDb } from '../open';
import type { CallContext } from '../context';
import type { CallOutput, ParsedInput } from '../../shared/api/contract';
import type { CodeEntry } from '../../shared/api/codes';
import { CODE_LIST_NAMES, CODE_LIST_SEEDS, isKeyOf } from '../../shared/domain/codes';
import { AppFailure, fail } from '../../shared/api/envelope';
import { createBatch, diffEntries, writeAudit } from './audit';
import { inTransaction } from '../open';
import { onDatabaseReplaced } from '../replaced';

/** Inserts the seeded entries that are missing; never overwrites what users changed. */
export function seedCodeLists(db: AppDb): void {
  const insert = db.sqlite.prepare(
    `insert into code_lists (list, key, name, code, rank, attrs, system) values (?, ?, ?, ?, ?, ?, 1)
     on conflict (list, key) do nothing`,
  );
  db.sqlite.transaction(() => {
    for (const [list, entries] of Object.entries(CODE_LIST_SEEDS)) {
      for (const e of entries) insert.run(list, e.key, e.name, e.code ?? null, e.rank ?? 0, JSON.stringify(e.attrs ?? {}));
    }
  })();
  codeCache.delete(db);
}

const SELECT = `select id, version, list, key, name, code, rank, attrs, active, system from code_lists`;
const toEntry = (r: any): CodeEntry => ({ ...r, attrs: JSON.parse(r.attrs), active: !!r.active, system: !!r.system });

export function listCodes(db: AppDb): CodeEntry[] {
  return (db.sqlite.prepare(`${SELECT} order by list, rank, name`).all() as any[]).map(toEntry);
}

const codeCache = new WeakMap<AppDb, Map<string, Map<string, CodeEntry>>>();
onDatabaseReplaced((db) => codeCache.delete(db));

/** Code lists indexed by list and key, cached per database until a code list changes. */
export function codeIndex(db: AppDb): Map<string, Map<string, CodeEntry>> {
  let idx = codeCache.get(db);
  if (!idx) {
    idx = new Map();
    for (const e of listCodes(db)) {
      if (!idx.has(e.list)) idx.set(e.list, new Map());
      idx.get(e.list)!.set(e.key, e);
    }
    codeCache.set(db, idx);
  }
  return idx;
}

export function findCode(db: AppDb, list: string, key: string | null | undefined): CodeEntry | undefined {
  if (key === null || key === undefined) return undefined;
  return codeIndex(db).get(list)?.get(key);
}

export function createCode(db: AppDb, input: ParsedInput<'codes.create'>, ctx: CallContext): CodeEntry {
  return inTransaction(db, () => {
    // Entries go into lists the app knows (seeded or named); a typo in a list name would make an orphan list.
    if (!isKeyOf(CODE_LIST_NAMES, input.list) && !codeIndex(db).has(input.list)) {
      throw fail.validation(`Danh mục "${input.list}" không tồn tại.`, { list: 'Danh mục không tồn tại.' });
    }
    if (findCode(db, input.list, input.key)) throw fail.validation(`Mã "${input.key}" đã có trong danh mục.`, { key: 'Mã đã tồn tại.' });
    const r = db.sqlite
      .prepare('insert into code_lists (list, key, name, code, rank) values (?, ?, ?, ?, ?)')
      .run(input.list, input.key, input.name, input.code ?? null, input.rank);
    const id = Number(r.lastInsertRowid);
    writeAudit(db, ctx, [{ action: 'create', entity: 'code_list', entityId: id, newValue: input }]);
    codeCache.delete(db);
    return toEntry(db.sqlite.prepare(`${SELECT} where id = ?`).get(id));
  });
}

/** Applies one entry's changes inside the caller's transaction; a stale version is a conflict. */
function applyCodeUpdate(db: AppDb, item: ParsedInput<'codes.update'>, ctx: CallContext, batchId: number | null): CodeEntry {
  const row = db.sqlite.prepare(`${SELECT} where id = ?`).get(item.id);
  if (!row) throw fail.notFound('mục danh mục');
  const before = toEntry(row);
  if (before.version !== item.version) throw fail.conflict(before);
  const { attrs: attrChanges, ...changes } = Object.fromEntries(Object.entries(item.changes).filter(([, v]) => v !== undefined)) as typeof item.changes;
  if (typeof changes.code === 'string' && changes.code === '') changes.code = null;
  const attrs: Record<string, unknown> = { ...before.attrs };
  for (const [k, on] of Object.entries(attrChanges ?? {})) {
    if (on) attrs[k] = true;
    else delete attrs[k];
  }
  const after = { ...before, ...changes, attrs };
  db.sqlite
    .prepare('update code_lists set name = ?, code = ?, rank = ?, active = ?, attrs = ?, version = version + 1 where id = ?')
    .run(after.name, after.code ?? null, after.rank, after.active ? 1 : 0, JSON.stringify(attrs), item.id);
  // One audit row per marker, named attrs.<key>, so the trail says "Sau đại học: Không -> Có".
  const markerKeys = Object.keys(attrChanges ?? {});
  const flat = (a: Record<string, unknown>) => Object.fromEntries(markerKeys.map((k) => [`attrs.${k}`, a[k] === true]));
  writeAudit(db, ctx, [
    ...diffEntries('code_list', item.id, null, before, after, ['name', 'code', 'rank', 'active']),
    ...diffEntries('code_list', item.id, null, flat(before.attrs), flat(attrs), markerKeys.map((k) => `attrs.${k}`)),
  ], batchId);
  codeCache.delete(db);
  return toEntry(db.sqlite.prepare(`${SELECT} where id = ?`).get(item.id));
}

export function updateCode(db: AppDb, input: ParsedInput<'codes.update'>, ctx: CallContext): CallOutput<'codes.update'> {
  return inTransaction(db, () => applyCodeUpdate(db, input, ctx, null));
}

const BATCH_LABEL = { paste: 'Dán vào danh mục', undo: 'Hoàn tác', redo: 'Làm lại', edit: 'Sửa danh mục' } as const;

export function bulkUpdateCodes(db: AppDb, input: ParsedInput<'codes.bulkUpdate'>, ctx: CallContext): CallOutput<'codes.bulkUpdate'> {
  return inTransaction(db, () => {
    const batchId = createBatch(db, ctx, input.kind, `${BATCH_LABEL[input.kind]}: ${input.items.length} mục`);
    const out: CodeEntry[] = [];
    input.items.forEach((item, i) => {
      try {
        out.push(applyCodeUpdate(db, item, ctx, batchId));
      } catch (e) {
        // Point a refused row's field errors at its item, so the grid marks the right cell.
        if (e instanceof AppFailure && e.kind === 'validation') {
          throw fail.validation(e.message, Object.fromEntries(Object.entries(e.fieldErrors).map(([k, v]) => [`items.${i}.${k}`, v])));
        }
        throw e;
      }
    });
    return out;
  });
}
