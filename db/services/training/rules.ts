import type { AppDb } from '../../open';
import { inTransaction } from '../../open';
import { onDatabaseReplaced } from '../../replaced';
import type { CallContext } from '../../context';
import type { ParsedInput } from '../../../shared/api/contract';
import type { RuleSetFields, RuleSetRow } from '../../../shared/api/training';
import { fail } from '../../../shared/api/envelope';
import { CADRE_CATEGORIES, type CadreCategory } from '../../../shared/domain/codes';
import { addDays, addMonths, formatVnDate, monthsBetween } from '../../../shared/domain/dates';
import { diffEntries, writeAudit } from '../audit';
import { NOW_SQL, checkChanged, daysBetween, definedChanges, throwIfErrors } from './common';

// Dated rule sets for state-funded postgraduate training. The service commitment after the course lasts
// multiplier x the training time; the age limits apply to the first and to a later postgraduate course.
// Rules are rows: a new decree is a new row with its dates, not a release.

interface RuleSeed extends RuleSetFields {
  seedKey: string;
}

/** The rule sets a new database starts with. Age limits for viên chức are unconfirmed defaults. */
export const RULE_SET_SEEDS: RuleSeed[] = [
  {
    seedKey: 'nd101_2017_cbcc',
    name: 'Nghị định 101/2017/NĐ-CP',
    categories: ['can_bo', 'cong_chuc'],
    validFrom: '2017-11-01',
    validTo: '2025-06-30',
    commitmentMultiplier: 2,
    firstPostgradAgeLimit: 40,
    laterPostgradAgeLimit: 45,
    note: 'Cam kết phục vụ ít nhất gấp 2 lần thời gian đào tạo; thay thế bởi Nghị định 171/2025/NĐ-CP từ 01/07/2025 đối với cán bộ, công chức.',
  },
  {
    seedKey: 'nd101_2017_vc',
    name: 'Nghị định 101/2017/NĐ-CP (áp dụng cho viên chức)',
    categories: ['vien_chuc'],
    validFrom: '2017-11-01',
    validTo: null,
    commitmentMultiplier: 2,
    firstPostgradAgeLimit: 40,
    laterPostgradAgeLimit: 45,
    note: 'Mặc định, chưa xác nhận cho viên chức; hãy sửa theo văn bản đang áp dụng.',
  },
  {
    seedKey: 'nd171_2025_cbcc',
    name: 'Nghị định 171/2025/NĐ-CP',
    categories: ['can_bo', 'cong_chuc'],
    validFrom: '2025-07-01',
    validTo: null,
    commitmentMultiplier: 3,
    firstPostgradAgeLimit: 40,
    laterPostgradAgeLimit: 45,
    note: 'Cam kết phục vụ ít nhất gấp 3 lần thời gian đào tạo. Giới hạn tuổi giữ như Nghị định 101/2017 (chưa xác nhận).',
  },
];

const seeded = new WeakSet<AppDb>();
// A restore replaces the data under the same connection: seed again if the restored file lacks the rows.
onDatabaseReplaced((db) => seeded.delete(db));

/** Inserts the seeded rule sets that were never inserted; a deleted or edited seed row is left as the user left it. */
export function ensureRuleSets(db: AppDb): void {
  if (seeded.has(db)) return;
  const insert = db.sqlite.prepare(
    `insert into training_rule_sets (seed_key, name, categories, valid_from, valid_to, commitment_multiplier,
       first_postgrad_age_limit, later_postgrad_age_limit, note)
     select @seedKey, @name, @categories, @validFrom, @validTo, @commitmentMultiplier, @firstPostgradAgeLimit, @laterPostgradAgeLimit, @note
      where not exists (select 1 from training_rule_sets where seed_key = @seedKey)`,
  );
  db.sqlite.transaction(() => {
    for (const s of RULE_SET_SEEDS) insert.run({ ...s, categories: JSON.stringify(s.categories), validTo: s.validTo ?? null, note: s.note ?? null });
  })();
  seeded.add(db);
}

const SELECT = `select id, version, seed_key as seedKey, name, categories, valid_from as validFrom, valid_to as validTo,
  commitment_multiplier as commitmentMultiplier, first_postgrad_age_limit as firstPostgradAgeLimit,
  later_postgrad_age_limit as laterPostgradAgeLimit, note, deleted_at as deletedAt from training_rule_sets`;
const toRow = (r: any): RuleSetRow => ({ ...r, categories: JSON.parse(r.categories) });

export function listRuleSets(db: AppDb, opts: { includeDeleted?: boolean } = {}): RuleSetRow[] {
  ensureRuleSets(db);
  return (db.sqlite.prepare(`${SELECT} ${opts.includeDeleted ? '' : 'where deleted_at is null'} order by valid_from, id`).all() as any[]).map(toRow);
}

function getRuleSet(db: AppDb, id: number): RuleSetRow {
  const r = db.sqlite.prepare(`${SELECT} where id = ?`).get(id);
  if (!r) throw fail.notFound('bộ quy định');
  return toRow(r);
}

/** The live rule set in force on a date for a cadre category; the latest start wins if two cover it. */
export function ruleSetFor(rules: RuleSetRow[], category: string, onDate: string): RuleSetRow | null {
  let best: RuleSetRow | null = null;
  for (const r of rules) {
    if (r.deletedAt || !r.categories.includes(category)) continue;
    if (r.validFrom > onDate || (r.validTo && r.validTo < onDate)) continue;
    if (!best || r.validFrom > best.validFrom) best = r;
  }
  return best;
}

/**
 * Last day (inclusive) of the service commitment: it starts the day after the course ends and lasts multiplier x
 * the training time. Training time is counted in whole months plus days so that 24 months x 3 is exactly 72 months;
 * a fractional multiplier turns the part of a month it leaves into days (30 a month).
 */
export function commitmentEnd(courseStart: string, courseEnd: string, multiplier: number): string {
  const after = addDays(courseEnd, 1);
  const months = Math.max(0, monthsBetween(courseStart, after));
  const restDays = daysBetween(addMonths(courseStart, months), after);
  const scaledMonths = multiplier * months;
  const wholeMonths = Math.floor(scaledMonths);
  const extraDays = Math.round((scaledMonths - wholeMonths) * 30 + multiplier * restDays);
  return addDays(addDays(addMonths(after, wholeMonths), extraDays), -1);
}

function checkRuleSet(db: AppDb, r: RuleSetFields, selfId: number | null): void {
  const errors: Record<string, string> = {};
  if (r.validTo && r.validTo < r.validFrom) errors.validTo = '"Hết hiệu lực" phải sau "Hiệu lực từ".';
  if (r.firstPostgradAgeLimit && r.laterPostgradAgeLimit && r.laterPostgradAgeLimit < r.firstPostgradAgeLimit) {
    errors.laterPostgradAgeLimit = 'Tuổi tối đa cho lần sau không nên thấp hơn lần đầu.';
  }
  // Two live rule sets may not cover the same category on the same day: the answer would depend on the order.
  for (const other of listRuleSets(db)) {
    if (other.id === selfId) continue;
    const shared = other.categories.filter((c) => r.categories.includes(c as CadreCategory));
    if (!shared.length) continue;
    const overlaps = other.validFrom <= (r.validTo ?? '9999-12-31') && (other.validTo ?? '9999-12-31') >= r.validFrom;
    if (overlaps) {
      const cats = shared.map((c) => CADRE_CATEGORIES[c as CadreCategory] ?? c).join(', ').toLowerCase();
      errors.validFrom = `Trùng thời gian hiệu lực với "${other.name}" (${formatVnDate(other.validFrom)} – ${other.validTo ? formatVnDate(other.validTo) : 'nay'}) cho ${cats}; hãy đặt ngày hết hiệu lực cho văn bản cũ trước.`;
      break;
    }
  }
  throwIfErrors(errors);
}

const FIELDS = ['name', 'categories', 'validFrom', 'validTo', 'commitmentMultiplier', 'firstPostgradAgeLimit', 'laterPostgradAgeLimit', 'note'] as const;

function write(db: AppDb, id: number, r: RuleSetFields): void {
  db.sqlite
    .prepare(`update training_rule_sets set name = ?, categories = ?, valid_from = ?, valid_to = ?, commitment_multiplier = ?,
       first_postgrad_age_limit = ?, later_postgrad_age_limit = ?, note = ?, version = version + 1, updated_at = ${NOW_SQL} where id = ?`)
    .run(r.name, JSON.stringify(r.categories), r.validFrom, r.validTo ?? null, r.commitmentMultiplier, r.firstPostgradAgeLimit ?? null, r.laterPostgradAgeLimit ?? null, r.note ?? null, id);
}

export function createRuleSet(db: AppDb, input: ParsedInput<'training.rules.create'>, ctx: CallContext): RuleSetRow {
  return inTransaction(db, () => {
    checkRuleSet(db, input.fields, null);
    const id = Number(db.sqlite.prepare(`insert into training_rule_sets (name, categories, valid_from, commitment_multiplier) values (?, '[]', ?, 0)`).run(input.fields.name, input.fields.validFrom).lastInsertRowid);
    write(db, id, input.fields);
    db.sqlite.prepare('update training_rule_sets set version = 1 where id = ?').run(id);
    writeAudit(db, ctx, [{ action: 'create', entity: 'training_rule_set', entityId: id, newValue: input.fields }]);
    return getRuleSet(db, id);
  });
}

export function updateRuleSet(db: AppDb, input: ParsedInput<'training.rules.update'>, ctx: CallContext): RuleSetRow {
  return inTransaction(db, () => {
    const before = getRuleSet(db, input.id);
    if (before.deletedAt) throw fail.validation('Bộ quy định này đã bị xoá.');
    if (before.version !== input.version) throw fail.conflict(before);
    const changes = definedChanges(input.changes);
    const after = { ...before, ...changes } as RuleSetRow;
    checkChanged(Object.keys(changes), () => checkRuleSet(db, after as RuleSetFields, input.id));
    write(db, input.id, after as RuleSetFields);
    writeAudit(db, ctx, diffEntries('training_rule_set', input.id, null, before, after, [...FIELDS]));
    return getRuleSet(db, input.id);
  });
}

export function deleteRuleSet(db: AppDb, input: ParsedInput<'training.rules.delete'>, ctx: CallContext): RuleSetRow {
  return inTransaction(db, () => {
    const before = getRuleSet(db, input.id);
    if (before.version !== input.version) throw fail.conflict(before);
    if (!before.deletedAt) {
      db.sqlite.prepare(`update training_rule_sets set deleted_at = ${NOW_SQL}, version = version + 1 where id = ?`).run(input.id);
      writeAudit(db, ctx, [{ action: 'delete', entity: 'training_rule_set', entityId: input.id, oldValue: before.name }]);
    }
    return getRuleSet(db, input.id);
  });
}
