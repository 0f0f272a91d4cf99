import { inTransaction, type AppDb } from '../../open';
import { SYSTEM_CONTEXT, type CallContext } from '../../context';
import { AppFailure } from '../../../shared/api/envelope';
import { RotationFieldsSchema } from '../../../shared/api/rotations';
import { addDays, addMonths, todayIso } from '../../../shared/domain/dates';
import { createRng } from '../../sample/prng';
import { ensureRotationSeeds } from './seeds';
import { assignmentOn, cancelRotation, checkRotation, createRotation } from './rotations';
import { endRotation, startRotation } from './lifecycle';
import { createPlanning } from './planning';

// Sample rotations on top of the sample cadres (db/sample/generate.ts), made through the real services so every
// rule, assignment change and audit row is what a clerk's work would produce. Used for demos and measurements.

export interface SampleRotationResult {
  planning: number;
  rotations: number;
  started: number;
  ended: number;
}

/** Leaders are the ones rotated: position ranks of deputy commune head and above. */
const MIN_LEADER_RANK = 30;

export function addSampleRotations(db: AppDb, opts: { count: number; seed?: number; ctx?: CallContext }): SampleRotationResult {
  ensureRotationSeeds(db);
  // One outer transaction (one commit); each service call nests as a savepoint, so a refused step rolls back alone.
  return inTransaction(db, () => addInTransaction(db, opts));
}

function addInTransaction(db: AppDb, opts: { count: number; seed?: number; ctx?: CallContext }): SampleRotationResult {
  const ctx = opts.ctx ?? SYSTEM_CONTEXT;
  const rng = createRng(opts.seed ?? 7);
  const today = todayIso();
  const leaders = db.sqlite
    .prepare(
      `select c.id, c.birth_date as birth from cadres c
         join assignments a on a.cadre_id = c.id and a.deleted_at is null and a.to_date is null
         join code_lists p on p.list = 'position' and p.key = a.position_code
        where c.deleted_at is null and p.rank >= ? and c.birth_date >= '1968'
        order by c.id`,
    )
    .all(MIN_LEADER_RANK) as { id: number; birth: string }[];
  const units = db.sqlite
    .prepare(`select id, valid_from as f, valid_to as t from units where deleted_at is null and kind in ('dang', 'chinh_quyen', 'mttq_doan_the')`)
    .all() as { id: number; f: string | null; t: string | null }[];
  const out: SampleRotationResult = { planning: 0, rotations: 0, started: 0, ended: 0 };
  const used = new Set<number>();
  let attempts = 0;
  while (out.rotations < opts.count && attempts < opts.count * 6 && leaders.length) {
    attempts++;
    const cadre = rng.pick(leaders);
    if (used.has(cadre.id)) continue;
    // Start after the cadre's latest move (the 2025 reorganisation moved many people), so the history stays linear.
    const latest = (db.sqlite.prepare('select max(from_date) as f from assignments where cadre_id = ? and deleted_at is null').get(cadre.id) as { f: string }).f;
    const earliest = [addDays(latest, 60), '2020-01-01'].sort()[1];
    const span = Math.round((Date.parse(addDays(today, 300)) - Date.parse(earliest)) / 86_400_000);
    if (span < 1) continue;
    const start = addDays(earliest, rng.int(0, span));
    const months = rng.weighted([[36, 60], [24, 15], [48, 15], [60, 10]] as const);
    const end = addDays(addMonths(start, months), -1);
    const origin = assignmentOn(db, cadre.id, start);
    if (!origin || origin.fromDate >= start) continue;
    const open = units.filter((u) => u.id !== origin.unitId && (!u.f || u.f <= start) && (!u.t || u.t >= end));
    if (!open.length) continue;
    const dest = rng.pick(open);
    try {
      if (rng.chance(0.8)) {
        const y = Number(start.slice(0, 4));
        createPlanning(db, { cadreId: cadre.id, level: rng.pick(['tinh', 'co_so'] as const), periodFrom: y - 2, periodTo: y + 3, status: 'hieu_luc', positionCode: origin.positionCode }, ctx);
        out.planning++;
      }
      const fields = RotationFieldsSchema.parse({
        cadreId: cadre.id,
        type: rng.weighted([['luan_chuyen', 70], ['dieu_dong', 20], ['biet_phai', 10]] as const),
        toUnitId: dest.id,
        toPostTitle: origin.postTitle,
        toPositionCode: origin.positionCode,
        plannedStart: start,
        plannedEnd: end,
        decisionNo: `${rng.int(100, 2999)}-QĐ/TU`,
        decisionDate: addDays(start, -rng.int(10, 40)),
        decisionBody: 'Ban Thường vụ Tỉnh ủy',
        purpose: 'Đào tạo, rèn luyện qua thực tiễn',
      });
      const check = checkRotation(db, fields);
      if (Object.keys(check.errors).length) continue;
      let row = createRotation(db, { ...fields, overrideReason: check.warnings.length ? 'Theo yêu cầu nhiệm vụ chính trị (dữ liệu mẫu)' : null }, ctx);
      used.add(cadre.id);
      out.rotations++;
      const actualStart = addDays(start, rng.int(0, 20));
      if (actualStart > today) continue;
      try {
        row = startRotation(db, { id: row.id, version: row.version, actualStart }, ctx);
      } catch (e) {
        if (!(e instanceof AppFailure)) throw e;
        cancelRotation(db, { id: row.id, version: row.version, reason: `Không thực hiện được: ${e.message}` }, ctx);
        continue;
      }
      out.started++;
      const actualEnd = addDays(end, rng.int(-20, 20));
      // Most finished rotations were closed on time; a few are left overdue for the "Sắp kết thúc" screen.
      if (actualEnd < addDays(today, -30) && rng.chance(0.85)) {
        endRotation(db, { id: row.id, version: row.version, actualEnd, next: { kind: 'return' } }, ctx);
        out.ended++;
      }
    } catch (e) {
      // A sample that breaks a rule (e.g. the home unit closed meanwhile) is skipped, not forced.
      if (!(e instanceof AppFailure)) throw e;
    }
  }
  return out;
}
