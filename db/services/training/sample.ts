import type { AppDb } from '../../open';
import { SYSTEM_CONTEXT, type CallContext } from '../../context';
import type { CadreRow } from '../../../shared/api/cadres';
import type { CourseFields, EnrolmentChanges } from '../../../shared/api/training';
import { fail } from '../../../shared/api/envelope';
import { addDays, ageOn, todayIso } from '../../../shared/domain/dates';
import { createRng, type Rng } from '../../sample/prng';
import { listCadreRows } from '../cadre-rows';
import { setCadreStatus } from '../cadres';
import { createPlan, updatePlan } from './plans';
import { createCourse } from './courses';
import { bulkUpdateEnrolments, createEnrolments } from './enrolments';

// Sample training data on top of the sample cadres (db/sample/generate.ts): a plan a year for the last three
// years and this one, typical courses in each, people picked the way a clerk would (who lacks the level), and
// results as of today. Written through the area's own services, so every rule, qualification and audit row is
// the real thing. Deterministic from the seed.

export interface TrainingSampleResult {
  plans: number;
  courses: number;
  enrolments: number;
  completed: number;
}

interface CourseTemplate {
  name: (year: number) => string;
  fields: (year: number) => Omit<CourseFields, 'planId' | 'name'>;
  /** Who would be sent, best first. */
  pick: (people: CadreRow[], start: string, ctx: PickContext) => CadreRow[];
  seats: number;
  costPerSeat: number;
}

interface PickContext {
  contactUnits: Set<number>;
  speaksMinorityLanguage: Set<number>;
}

const TEMPLATES: CourseTemplate[] = [
  {
    name: (y) => `Thạc sĩ Quản lý công khoá ${y}`,
    fields: (y) => ({ kind: 'thac_si', institution: 'Học viện Hành chính Quốc gia', location: 'in_province', mode: 'in_service', startDate: `${y}-10-01`, endDate: `${y + 2}-03-31`, fundingSource: 'provincial' }),
    pick: (ps, start) => ps.filter((p) => (p.category === 'can_bo' || p.category === 'cong_chuc') && p.professionalLevel === 'dai_hoc' && (ageOn(p.birthDate, start) ?? 99) <= 40),
    seats: 15,
    costPerSeat: 60_000_000,
  },
  {
    name: (y) => `Trung cấp lý luận chính trị - hành chính khoá ${y}`,
    fields: (y) => ({ kind: 'llct_trung_cap', institution: 'Trường Chính trị tỉnh Sóc Trăng', location: 'in_province', mode: 'in_service', startDate: `${y}-03-01`, endDate: `${y}-12-20`, fundingSource: 'provincial' }),
    pick: (ps) => ps.filter((p) => !p.politicalLevel || p.politicalLevel === 'so_cap'),
    seats: 40,
    costPerSeat: 8_000_000,
  },
  {
    name: (y) => `Bồi dưỡng ngạch chuyên viên chính năm ${y}`,
    fields: (y) => ({ kind: 'qlnn_cvc', institution: 'Trường Chính trị tỉnh Sóc Trăng', location: 'in_province', mode: 'full_time', startDate: `${y}-05-05`, endDate: `${y}-07-05`, fundingSource: 'provincial' }),
    pick: (ps) => ps.filter((p) => p.category === 'cong_chuc' && (!p.stateMgmtLevel || p.stateMgmtLevel === 'chuyen_vien')),
    seats: 30,
    costPerSeat: 5_000_000,
  },
  {
    name: (y) => `Tiếng Khmer cho cán bộ, công chức, viên chức năm ${y}`,
    fields: (y) => ({ kind: 'tieng_dtts', institution: 'Trường Chính trị tỉnh Sóc Trăng', location: 'in_province', mode: 'in_service', startDate: `${y}-08-01`, endDate: `${y}-10-31`, fundingSource: 'provincial' }),
    pick: (ps, _s, c) => ps.filter((p) => p.unitId !== null && c.contactUnits.has(p.unitId) && !c.speaksMinorityLanguage.has(p.id)),
    seats: 30,
    costPerSeat: 3_000_000,
  },
  {
    name: (y) => `Bồi dưỡng lãnh đạo, quản lý cấp phòng năm ${y}`,
    fields: (y) => ({ kind: 'lanh_dao_quan_ly', institution: 'Trường Chính trị tỉnh Sóc Trăng', location: 'in_province', mode: 'full_time', startDate: `${y}-09-10`, endDate: `${y}-09-24`, fundingSource: 'unit' }),
    pick: (ps) => ps.filter((p) => p.flags.includes('lanh_dao_phong')),
    seats: 40,
    costPerSeat: 2_500_000,
  },
];

function shuffled<T>(rng: Rng, items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

export function generateTrainingSample(db: AppDb, opts: { seed?: number; ctx?: CallContext } = {}): TrainingSampleResult {
  const ctx = opts.ctx ?? SYSTEM_CONTEXT;
  if ((db.sqlite.prepare('select count(*) as n from training_plans').get() as { n: number }).n > 0) {
    throw fail.validation('Đã có kế hoạch đào tạo; dữ liệu mẫu đào tạo chỉ tạo trong cơ sở dữ liệu chưa có kế hoạch nào.');
  }
  const rng = createRng(Math.trunc(opts.seed ?? 1) + 101);
  const today = todayIso();
  const thisYear = Number(today.slice(0, 4));
  const board = db.sqlite.prepare(`select id from units where name like 'Ban Tổ chức Tỉnh ủy%' and deleted_at is null order by valid_to is not null, id limit 1`).get() as { id: number } | undefined;
  const pickCtx: PickContext = {
    contactUnits: new Set((db.sqlite.prepare('select id from units where ethnic_contact = 1').all() as { id: number }[]).map((u) => u.id)),
    speaksMinorityLanguage: new Set((db.sqlite.prepare(`select distinct cadre_id as id from qualifications where category = 'tieng_dtts' and deleted_at is null`).all() as { id: number }[]).map((q) => q.id)),
  };
  const result: TrainingSampleResult = { plans: 0, courses: 0, enrolments: 0, completed: 0 };
  const sentBefore = new Set<string>();
  const completedPostgrad: { cadreId: number; end: string }[] = [];
  for (let year = thisYear - 3; year <= thisYear; year++) {
    const people = listCadreRows(db, { onDate: `${year}-01-15` }).filter((p) => p.status === 'dang_cong_tac' && p.unitId !== null);
    const past = year < thisYear;
    const plan = createPlan(
      db,
      {
        fields: {
          year,
          name: `Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm ${year}`,
          issuingUnitId: board?.id ?? null,
          status: past ? 'approved' : 'draft',
          decisionNo: past ? `${rng.int(10, 99)}-QĐ/TU` : null,
          decisionDate: past ? `${year}-01-${String(rng.int(5, 25)).padStart(2, '0')}` : null,
          note: null,
        },
      },
      ctx,
    );
    result.plans++;
    for (const t of TEMPLATES) {
      const f = t.fields(year);
      const course = createCourse(db, { fields: { ...f, planId: plan.id, name: t.name(year), plannedSeats: t.seats, budgetVnd: t.seats * t.costPerSeat } as CourseFields }, ctx);
      result.courses++;
      const started = f.startDate! <= today;
      const ended = f.endDate! < today;
      const fill = started ? rng.int(Math.ceil(t.seats * 0.7), t.seats) : rng.int(Math.ceil(t.seats * 0.4), t.seats);
      const chosen = shuffled(rng, t.pick(people, f.startDate!, pickCtx).filter((p) => !sentBefore.has(`${f.kind}:${p.id}`))).slice(0, fill);
      if (chosen.length === 0) continue;
      for (const p of chosen) sentBefore.add(`${f.kind}:${p.id}`);
      const decisionNo = started ? `${rng.int(100, 999)}-QĐ/TU` : null;
      const { created } = createEnrolments(
        db,
        { courseId: course.id, cadreIds: chosen.map((p) => p.id), status: started ? 'nominated' : 'proposed', decisionNo, decisionDate: started ? addDays(f.startDate!, -rng.int(10, 30)) : null, acknowledgeWarnings: true },
        ctx,
      );
      result.enrolments += created.length;
      if (!started) continue;
      const items = created.map((e) => {
        const r = rng.next();
        let changes: EnrolmentChanges;
        if (!ended) changes = { status: r < 0.05 ? 'withdrawn' : 'studying' };
        else if (r < 0.04) changes = { status: 'withdrawn' };
        else if (r < 0.08) changes = { status: 'not_completed', result: 'Không đạt' };
        else {
          const certificateDate = minDate(addDays(f.endDate!, rng.int(10, 45)), today);
          changes = {
            status: 'completed',
            result: rng.weighted([['Xuất sắc', 1], ['Giỏi', 4], ['Khá', 6], ['Trung bình', 1]] as const),
            certificateNo: `${f.kind === 'thac_si' ? 'ThS' : 'CC'}-${year}-${String(rng.int(1, 9999)).padStart(4, '0')}`,
            certificateDate,
          };
          if (f.kind === 'thac_si') completedPostgrad.push({ cadreId: e.cadreId, end: f.endDate! });
        }
        return { id: e.id, version: e.version, changes: { ...changes, costVnd: t.costPerSeat } };
      });
      bulkUpdateEnrolments(db, { items, kind: 'edit' }, ctx);
      result.completed += items.filter((i) => i.changes.status === 'completed').length;
    }
    // Plans two or more years back are closed once their courses are in.
    if (year <= thisYear - 2) updatePlan(db, { id: plan.id, version: plan.version, changes: { status: 'closed' } }, ctx);
  }
  // One graduate transfers away a year into the service commitment: the reimbursement list has a real case.
  const leaver = completedPostgrad.find((c) => addDays(c.end, 365) < today);
  if (leaver) {
    const row = listCadreRows(db).find((r) => r.id === leaver.cadreId);
    if (row && row.status === 'dang_cong_tac') setCadreStatus(db, { id: row.id, version: row.version, status: 'chuyen_cong_tac', effectiveDate: addDays(leaver.end, 365), note: 'Chuyển công tác ngoài tỉnh (dữ liệu mẫu)' }, ctx);
  }
  return result;
}

const minDate = (a: string, b: string) => (a < b ? a : b);
