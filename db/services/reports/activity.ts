import type { AppDb } from '../../open';
import type { RotationSection, TrainingSection } from '../../../shared/api/reports';

// Sections (3) training and (4) rotations of the quarterly report, read from the training and rotations areas'
// tables. Those areas are built separately; when their tables are missing (an older database, or a build without
// them) the section says so instead of failing the whole report.

const NO_DATA = 'Chưa có dữ liệu';

function hasTables(db: AppDb, ...names: string[]): boolean {
  const found = db.sqlite
    .prepare(`select count(*) as n from sqlite_master where type = 'table' and name in (${names.map(() => '?').join(',')})`)
    .get(...names) as { n: number };
  return found.n === names.length;
}

/**
 * Training in the quarter [start, end]: courses that started or ended in it, people sent (enrolments of courses
 * started in the quarter, except those only proposed or withdrawn), completions (completed enrolments whose
 * certificate, or else the course's end, falls in the quarter) and money (budget of the courses started in the
 * quarter, spending recorded on the courses that ended in it). Courses of deleted plans do not count.
 */
export function computeTraining(db: AppDb, start: string, end: string): TrainingSection {
  if (!hasTables(db, 'training_courses', 'training_enrolments', 'training_plans')) {
    return { available: false, message: NO_DATA, lines: [], courses: [] };
  }
  const courses = db.sqlite
    .prepare(
      `select c.id, c.name, c.start_date as startDate, c.end_date as endDate, c.budget_vnd as budget, c.spent_vnd as spent,
              (select count(*) from training_enrolments e where e.course_id = c.id and e.deleted_at is null
                  and e.status not in ('proposed', 'withdrawn')) as enrolled,
              (select count(*) from training_enrolments e where e.course_id = c.id and e.deleted_at is null
                  and e.status = 'completed' and coalesce(e.certificate_date, c.end_date) between @start and @end) as completed
         from training_courses c join training_plans p on p.id = c.plan_id
        where c.deleted_at is null and p.deleted_at is null
          and c.start_date is not null and c.start_date <= @end and (c.end_date is null or c.end_date >= @start)
        order by c.start_date, c.name`,
    )
    .all({ start, end }) as { id: number; name: string; startDate: string; endDate: string | null; budget: number | null; spent: number | null; enrolled: number; completed: number }[];
  const inQuarter = (d: string | null) => !!d && d >= start && d <= end;
  const started = courses.filter((c) => inQuarter(c.startDate));
  const ended = courses.filter((c) => inQuarter(c.endDate));
  const sum = (xs: (number | null)[]) => (xs.some((x) => x !== null) ? xs.reduce<number>((a, b) => a + (b ?? 0), 0) : null);
  return {
    available: true,
    message: courses.length === 0 ? 'Trong quý không có lớp đào tạo, bồi dưỡng nào.' : null,
    lines: [
      { key: 'courses_running', label: 'Số lớp diễn ra trong quý', value: courses.length, format: 'int' },
      { key: 'courses_started', label: 'Số lớp khai giảng trong quý', value: started.length, format: 'int' },
      { key: 'courses_ended', label: 'Số lớp kết thúc trong quý', value: ended.length, format: 'int' },
      { key: 'enrolments', label: 'Lượt người được cử đi học (lớp khai giảng trong quý)', value: started.reduce((a, c) => a + c.enrolled, 0), format: 'int' },
      { key: 'completions', label: 'Lượt người hoàn thành trong quý', value: courses.reduce((a, c) => a + c.completed, 0), format: 'int' },
      { key: 'budget', label: 'Kinh phí dự toán các lớp khai giảng trong quý (đồng)', value: sum(started.map((c) => c.budget)), format: 'money' },
      { key: 'spent', label: 'Kinh phí đã chi các lớp kết thúc trong quý (đồng)', value: sum(ended.map((c) => c.spent)), format: 'money' },
    ],
    courses: courses.map((c) => ({ name: c.name, startDate: c.startDate, endDate: c.endDate, enrolled: c.enrolled, completed: c.completed, budget: c.budget })),
  };
}

const ROTATION_TYPE_LABELS: Record<string, string> = { luan_chuyen: 'Luân chuyển', dieu_dong: 'Điều động', biet_phai: 'Biệt phái', khac: 'Khác' };

/**
 * Rotations (not cancelled, not deleted) that actually started in the quarter, ended in it, or were in progress
 * at its last day.
 */
export function computeRotations(db: AppDb, start: string, end: string): RotationSection {
  if (!hasTables(db, 'rotations')) return { available: false, message: NO_DATA, lines: [], items: [] };
  const rows = db.sqlite
    .prepare(
      `select c.full_name as cadreName, r.type, fu.name as fromUnit, tu.name as toUnit, r.actual_start as startDate,
              r.planned_end as plannedEnd, r.actual_end as endDate
         from rotations r
         join cadres c on c.id = r.cadre_id
         left join units fu on fu.id = r.from_unit_id
         join units tu on tu.id = r.to_unit_id
        where r.deleted_at is null and r.status <> 'cancelled' and r.actual_start is not null
          and r.actual_start <= @end and (r.actual_end is null or r.actual_end >= @start)
        order by r.actual_start, c.full_name`,
    )
    .all({ start, end }) as { cadreName: string; type: string; fromUnit: string | null; toUnit: string; startDate: string; plannedEnd: string | null; endDate: string | null }[];
  const items = rows.map((r) => {
    const states: ('started' | 'ended' | 'ongoing')[] = [];
    if (r.startDate >= start) states.push('started');
    if (r.endDate && r.endDate <= end) states.push('ended');
    if (!r.endDate || r.endDate > end) states.push('ongoing');
    return { ...r, type: ROTATION_TYPE_LABELS[r.type] ?? r.type, states };
  });
  const count = (s: 'started' | 'ended' | 'ongoing') => items.filter((i) => i.states.includes(s)).length;
  return {
    available: true,
    message: items.length === 0 ? 'Trong quý không có cán bộ luân chuyển, điều động.' : null,
    lines: [
      { key: 'started', label: 'Số cán bộ bắt đầu luân chuyển, điều động trong quý', value: count('started'), format: 'int' },
      { key: 'ended', label: 'Số cán bộ kết thúc luân chuyển trong quý', value: count('ended'), format: 'int' },
      { key: 'ongoing', label: 'Số cán bộ đang luân chuyển đến cuối quý', value: count('ongoing'), format: 'int' },
    ],
    items,
  };
}
