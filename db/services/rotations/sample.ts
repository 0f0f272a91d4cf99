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
//
// Who moves, as in a province's records: leaders (deputy commune head and above, in planning) are rotated
// (luân chuyển, 2-5 years) under the regulation; staff are transferred (điều động) or seconded (biệt phái, often
// teachers and doctors sent to a commune school or clinic) for shorter terms. A cadre may move more than once: the
// next move starts some months after the previous one ended. Starts spread from late 2020 to a few months ahead,
// so every quarter since 2021 has rotations under way and ones that ended; past ones are mostly closed, current
// ones open, future ones planned.

export interface SampleRotationResult {
  planning: number;
  rotations: number;
  started: number;
  ended: number;
}

/** Leaders are the ones rotated: position ranks of deputy commune head and above. */
const MIN_LEADER_RANK = 30;
/** The earliest start: a rotation under way at the end of 2021's first quarter began before it. */
const FIRST_START = '2020-10-01';
/** Staff positions that are transferred or seconded, and the unit kinds they go to. */
const STAFF_DESTINATIONS: Record<string, string[]> = {
  chuyen_vien: ['dang', 'chinh_quyen', 'mttq_doan_the'],
  giao_vien: ['su_nghiep_giao_duc'],
  bac_si: ['su_nghiep_y_te'],
};
const LEADER_DESTINATIONS = ['dang', 'chinh_quyen', 'mttq_doan_the'];

type Kind = 'luan_chuyen' | 'dieu_dong' | 'biet_phai';
interface Candidate {
  id: number;
  leader: boolean;
  position: string;
  /** Start of the cadre's latest assignment: a move must start after it (the history stays linear). */
  latest: string;
}
interface Unit {
  id: number;
  kind: string;
  f: string | null;
  t: string | null;
}

export function addSampleRotations(db: AppDb, opts: { count: number; seed?: number; ctx?: CallContext }): SampleRotationResult {
  ensureRotationSeeds(db);
  // One outer transaction (one commit); each service call nests as a savepoint, so a refused step rolls back alone.
  return inTransaction(db, () => addInTransaction(db, opts));
}

function addInTransaction(db: AppDb, opts: { count: number; seed?: number; ctx?: CallContext }): SampleRotationResult {
  const ctx = opts.ctx ?? SYSTEM_CONTEXT;
  const rng = createRng(opts.seed ?? 7);
  const today = todayIso();
  const horizon = addDays(today, 180);
  const people = db.sqlite
    .prepare(
      `select c.id, p.rank >= ? as leader, a.position_code as position,
              (select max(x.from_date) from assignments x where x.cadre_id = c.id and x.deleted_at is null) as latest
         from cadres c
         join assignments a on a.cadre_id = c.id and a.deleted_at is null and a.to_date is null
         join code_lists p on p.list = 'position' and p.key = a.position_code
        where c.deleted_at is null and c.birth_date >= '1968'
        order by latest, c.id`,
    )
    .all(MIN_LEADER_RANK) as { id: number; leader: number; position: string; latest: string }[];
  // Sorted by their latest move, so the cadres who may move on a date are a prefix of each list.
  const leaders: Candidate[] = people.filter((p) => p.leader).map((p) => ({ id: p.id, leader: true, position: p.position, latest: p.latest }));
  const staff: Candidate[] = people.filter((p) => !p.leader && STAFF_DESTINATIONS[p.position]).map((p) => ({ id: p.id, leader: false, position: p.position, latest: p.latest }));
  const units = db.sqlite.prepare(`select id, kind, valid_from as f, valid_to as t from units where deleted_at is null`).all() as Unit[];
  const unitsOfKind = new Map<string, Unit[]>();
  for (const u of units) unitsOfKind.set(u.kind, [...(unitsOfKind.get(u.kind) ?? []), u]);
  const destinations = (kinds: string[]) => kinds.flatMap((k) => unitsOfKind.get(k) ?? []);
  // Leaders can move about twice in six years; the rest of the moves are staff transfers and secondments.
  const leaderShare = Math.min(0.5, (leaders.length * 1.8) / Math.max(1, opts.count));
  /** How many of the list had their latest move at least two months before the date. */
  const eligible = (list: Candidate[], date: string) => {
    const limit = addDays(date, -60);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].latest <= limit) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const days = Math.round((Date.parse(horizon) - Date.parse(FIRST_START)) / 86_400_000);

  const out: SampleRotationResult = { planning: 0, rotations: 0, started: 0, ended: 0 };
  /** Cadre id -> the earliest start of their next move; absent = not moved yet; null = a move is still open. */
  const nextFrom = new Map<number, string | null>();
  const inPlanning = db.sqlite.prepare(`select 1 from planning_records where cadre_id = ? and deleted_at is null and status = 'hieu_luc' and period_from <= ? and period_to >= ? limit 1`);
  let attempts = 0;
  while (out.rotations < opts.count && attempts < opts.count * 8 && (leaders.length || staff.length)) {
    attempts++;
    // The date first, evenly over the years, then someone who may move on it: every quarter gets its share.
    const start = addDays(FIRST_START, rng.int(0, days));
    const pool = leaders.length && (!staff.length || rng.chance(leaderShare)) ? leaders : staff;
    const open = eligible(pool, start);
    if (open === 0) continue;
    const cadre = pool[rng.int(0, open - 1)];
    const after = nextFrom.get(cadre.id);
    if (after === null || (after !== undefined && after > start)) continue;
    const type: Kind = cadre.leader
      ? rng.weighted([['luan_chuyen', 85], ['dieu_dong', 15]] as const)
      : rng.weighted([['biet_phai', 55], ['dieu_dong', 45]] as const);
    const months =
      type === 'luan_chuyen'
        ? rng.weighted([[36, 60], [24, 15], [48, 15], [60, 10]] as const)
        : type === 'biet_phai'
          ? rng.weighted([[6, 20], [12, 35], [24, 25], [36, 20]] as const)
          : rng.weighted([[12, 30], [24, 40], [36, 30]] as const);
    const end = addDays(addMonths(start, months), -1);
    const origin = assignmentOn(db, cadre.id, start);
    if (!origin || origin.fromDate >= start) continue;
    const targets = destinations(cadre.leader ? LEADER_DESTINATIONS : STAFF_DESTINATIONS[cadre.position]).filter(
      (u) => u.id !== origin.unitId && (!u.f || u.f <= start) && (!u.t || u.t >= end),
    );
    if (!targets.length) continue;
    const dest = rng.pick(targets);
    try {
      const y = Number(start.slice(0, 4));
      // Leaders rotated are in planning (the regulation's rule); most have a planning record covering the start.
      if (type === 'luan_chuyen' && !inPlanning.get(cadre.id, y, y) && rng.chance(0.9)) {
        createPlanning(db, { cadreId: cadre.id, level: rng.pick(['tinh', 'co_so'] as const), periodFrom: y - 2, periodTo: y + 3, status: 'hieu_luc', positionCode: origin.positionCode }, ctx);
        out.planning++;
      }
      const fields = RotationFieldsSchema.parse({
        cadreId: cadre.id,
        type,
        toUnitId: dest.id,
        toPostTitle: origin.postTitle,
        toPositionCode: origin.positionCode,
        plannedStart: start,
        plannedEnd: end,
        decisionNo: `${rng.int(100, 2999)}-QĐ/${cadre.leader ? 'TU' : 'UBND'}`,
        decisionDate: addDays(start, -rng.int(10, 40)),
        decisionBody: cadre.leader ? 'Ban Thường vụ Tỉnh ủy' : 'Ủy ban nhân dân tỉnh',
        purpose: type === 'luan_chuyen' ? 'Đào tạo, rèn luyện qua thực tiễn' : type === 'biet_phai' ? 'Tăng cường cho cơ sở theo yêu cầu nhiệm vụ' : 'Bố trí theo yêu cầu nhiệm vụ',
      });
      const check = checkRotation(db, fields);
      if (Object.keys(check.errors).length) continue;
      let row = createRotation(db, { ...fields, overrideReason: check.warnings.length ? 'Theo yêu cầu nhiệm vụ chính trị (dữ liệu mẫu)' : null }, ctx);
      nextFrom.set(cadre.id, null);
      out.rotations++;
      const actualStart = addDays(start, rng.int(0, 20));
      if (actualStart > today) continue;
      try {
        row = startRotation(db, { id: row.id, version: row.version, actualStart }, ctx);
      } catch (e) {
        if (!(e instanceof AppFailure)) throw e;
        cancelRotation(db, { id: row.id, version: row.version, reason: `Không thực hiện được: ${e.message}` }, ctx);
        nextFrom.set(cadre.id, addMonths(start, 3));
        continue;
      }
      out.started++;
      const actualEnd = addDays(end, rng.int(-20, 20));
      // Finished rotations were closed, nearly all of them; a few are left overdue for the "Sắp kết thúc" screen.
      if (actualEnd < addDays(today, -30) && rng.chance(0.95)) {
        endRotation(db, { id: row.id, version: row.version, actualEnd, next: { kind: 'return' } }, ctx);
        out.ended++;
        nextFrom.set(cadre.id, addMonths(actualEnd, rng.int(3, 18)));
      }
    } catch (e) {
      // A sample that breaks a rule (e.g. the home unit closed meanwhile) is skipped, not forced.
      if (!(e instanceof AppFailure)) throw e;
    }
  }
  return out;
}
