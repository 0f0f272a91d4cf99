import type { AppDb } from '../open';
import type { CallContext } from '../context';
import type { CallOutput, ParsedInput } from '../../shared/api/contract';
import { addDays } from '../../shared/domain/dates';
import { foldVietnamese, matchesFoldedQuery } from '../../shared/domain/text';

/**
 * What happened. Records: create, update, delete, restore. Accounts and sessions (entity 'user'): sign_in,
 * sign_in_failed (field 'reason'), lockout, sign_out, password_change, password_change_failed, password_reset.
 */
export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'restore'
  | 'sign_in'
  | 'sign_in_failed'
  | 'lockout'
  | 'sign_out'
  | 'password_change'
  | 'password_change_failed'
  | 'password_reset';

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId: number;
  cadreId?: number | null;
  field?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
}

const asText = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
};

/** Writes audit rows; call inside the transaction that makes the change. */
export function writeAudit(db: AppDb, ctx: CallContext, entries: AuditEntry[], batchId: number | null = null): void {
  if (entries.length === 0) return;
  const stmt = db.sqlite.prepare(
    `insert into audit_log (actor, action, entity, entity_id, cadre_id, field, old_value, new_value, batch_id)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of entries) {
    stmt.run(ctx.actor, e.action, e.entity, e.entityId, e.cadreId ?? null, e.field ?? null, asText(e.oldValue), asText(e.newValue), batchId);
  }
}

/** One audit entry per field whose value differs between before and after. */
export function diffEntries(
  entity: string,
  entityId: number,
  cadreId: number | null,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: string[],
): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (const f of fields) {
    const a = before[f] ?? null;
    const b = after[f] ?? null;
    if (asText(a) !== asText(b)) out.push({ action: 'update', entity, entityId, cadreId, field: f, oldValue: a, newValue: b });
  }
  return out;
}

export function createBatch(db: AppDb, ctx: CallContext, kind: string, description: string): number {
  const r = db.sqlite
    .prepare('insert into change_batches (kind, description, actor) values (?, ?, ?)')
    .run(kind, description, ctx.actor);
  return Number(r.lastInsertRowid);
}

/**
 * The UTC instant (in the stored format) at which a local calendar day starts. Audit times are stored in UTC,
 * while a clerk means days on their own clock; the main process runs on the same computer as the window.
 */
export function localDayStartUtc(isoDay: string): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  return new Date(y, m - 1, d).toISOString();
}

/** Ids of the cadres (deleted ones too: their trail stays readable) whose name matches every folded word. */
function cadreIdsMatching(db: AppDb, query: string): number[] {
  const rows = db.sqlite.prepare('select id, full_name as name from cadres').all() as { id: number; name: string }[];
  return rows.filter((r) => matchesFoldedQuery(foldVietnamese(r.name), query)).map((r) => r.id);
}

export function listAudit(db: AppDb, input: ParsedInput<'audit.list'>): CallOutput<'audit.list'> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.cadreId) (where.push('a.cadre_id = ?'), params.push(input.cadreId));
  if (input.cadreQuery && foldVietnamese(input.cadreQuery)) {
    (where.push('a.cadre_id in (select value from json_each(?))'), params.push(JSON.stringify(cadreIdsMatching(db, input.cadreQuery))));
  }
  if (input.entity) (where.push('a.entity = ?'), params.push(input.entity));
  if (input.entityId) (where.push('a.entity_id = ?'), params.push(input.entityId));
  if (input.actor) (where.push('a.actor = ?'), params.push(input.actor));
  if (input.batchId) (where.push('a.batch_id = ?'), params.push(input.batchId));
  if (input.fromDate) (where.push('a.at >= ?'), params.push(localDayStartUtc(input.fromDate)));
  // "to" is a whole day: everything before the next local midnight.
  if (input.toDate) (where.push('a.at < ?'), params.push(localDayStartUtc(addDays(input.toDate, 1))));
  const clause = where.length ? `where ${where.join(' and ')}` : '';
  const total = (db.sqlite.prepare(`select count(*) as n from audit_log a ${clause}`).get(...params) as { n: number }).n;
  const rows = db.sqlite
    .prepare(
      `select a.id, a.at, a.actor, a.action, a.entity, a.entity_id as entityId, a.cadre_id as cadreId,
              c.full_name as cadreName, a.field, a.old_value as oldValue, a.new_value as newValue,
              a.batch_id as batchId, b.description as batchDescription,
              case a.entity when 'unit' then u.name when 'code_list' then cl.name when 'user' then us.username end as entityName,
              case a.entity when 'qualification' then q.category when 'code_list' then cl.list end as entityGroup
         from audit_log a
         left join cadres c on c.id = a.cadre_id
         left join change_batches b on b.id = a.batch_id
         left join units u on a.entity = 'unit' and u.id = a.entity_id
         left join code_lists cl on a.entity = 'code_list' and cl.id = a.entity_id
         left join qualifications q on a.entity = 'qualification' and q.id = a.entity_id
         left join users us on a.entity = 'user' and us.id = a.entity_id
         ${clause}
        order by a.id desc limit ? offset ?`,
    )
    .all(...params, input.limit, input.offset) as CallOutput<'audit.list'>['rows'];
  return { rows, total };
}

export function listAuditActors(db: AppDb): string[] {
  return (db.sqlite.prepare('select distinct actor from audit_log order by actor').all() as { actor: string }[]).map((r) => r.actor);
}
