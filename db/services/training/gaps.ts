import type { AppDb } from '../../open';
import type { CallOutput } from '../../../shared/api/contract';
import type { GapMember } from '../../../shared/api/training';
import { fail } from '../../../shared/api/envelope';
import type { CadreRow } from '../../../shared/api/cadres';
import { todayIso } from '../../../shared/domain/dates';
import { listCadreRows } from '../cadre-rows';
import { codeIndex } from '../codes';
import { computeIndicators, indicatorMembers } from '../indicators/compute';

// "Who needs training for the targets": the resolution's targets that depend on a qualification
// (resolution-targets.md). Who is counted comes from the indicator engine (db/services/indicators) whenever the
// resolution in force has a computed indicator with the target's code, so this list always agrees with the
// report; the definitions below name what each person lacks, say which courses close the gap, and stand in for
// the engine when no resolution (or no such indicator) is recorded.

interface Population {
  label: string;
  categories?: string[];
  unitLevels?: string[];
  /** viên chức of these unit kinds are left out (1b: education and health). */
  excludeVienChucInUnitKinds?: string[];
  /** A dated role (cadre_flags) held on the date. */
  flag?: string;
  minorityOnly?: boolean;
  ethnicContactUnit?: boolean;
}

/** A qualification in `category` satisfies the condition if any `accept` entry matches it. */
interface Condition {
  /** What someone lacks, for the list of people. */
  label: string;
  /** What the requirement is, for the table of targets. */
  need: string;
  category: string;
  accept: { levelAttr?: string; minLevelKey?: string; fluencyAttr?: string }[];
}

interface GapTargetDef {
  id: string;
  name: string;
  population: Population;
  requirement: Condition[];
  courseGroups: string[];
}

const CBCCVC = ['can_bo', 'cong_chuc', 'vien_chuc'];
const POSTGRADUATE: Condition = { label: 'Chưa có trình độ sau đại học', need: 'Trình độ sau đại học', category: 'chuyen_mon', accept: [{ levelAttr: 'postgraduate' }] };
const MINORITY_LANGUAGE: Condition = {
  label: 'Chưa có chứng chỉ hoặc chưa thành thạo tiếng dân tộc thiểu số',
  need: 'Chứng chỉ tiếng DTTS hoặc sử dụng thành thạo',
  category: 'tieng_dtts',
  accept: [{ levelAttr: 'certified' }, { fluencyAttr: 'fluent' }],
};

export const GAP_TARGETS: GapTargetDef[] = [
  {
    id: '1b',
    name: 'CBCCVC cấp tỉnh, huyện có trình độ sau đại học',
    population: { label: 'CBCCVC cấp tỉnh, huyện (trừ viên chức giáo dục, y tế)', categories: CBCCVC, unitLevels: ['tinh', 'huyen'], excludeVienChucInUnitKinds: ['su_nghiep_giao_duc', 'su_nghiep_y_te'] },
    requirement: [POSTGRADUATE],
    courseGroups: ['postgraduate'],
  },
  {
    id: '1c',
    name: 'CBCC cấp xã đạt chuẩn văn hoá, chuyên môn',
    population: { label: 'Cán bộ, công chức cấp xã', categories: ['can_bo', 'cong_chuc'], unitLevels: ['xa'] },
    requirement: [
      { label: 'Chưa tốt nghiệp THPT (12/12)', need: 'Tốt nghiệp THPT (12/12)', category: 'pho_thong', accept: [{ levelAttr: 'upperSecondaryComplete' }] },
      // Nghị định 33/2023/NĐ-CP: cán bộ, công chức cấp xã need a university degree (transitional cases aside).
      { label: 'Chuyên môn chưa đạt chuẩn (đại học trở lên)', need: 'Chuyên môn từ đại học trở lên (Nghị định 33/2023/NĐ-CP)', category: 'chuyen_mon', accept: [{ minLevelKey: 'dai_hoc' }] },
    ],
    // Upper-secondary and university study have no kind of their own: such courses are "Khác" with the level set.
    courseGroups: ['other'],
  },
  { id: '2a', name: 'Ủy viên BCH Đảng bộ tỉnh có trình độ sau đại học', population: { label: 'Ủy viên BCH Đảng bộ tỉnh', flag: 'bch_tinh' }, requirement: [POSTGRADUATE], courseGroups: ['postgraduate'] },
  { id: '2b', name: 'Cán bộ diện BTV Tỉnh ủy quản lý có trình độ sau đại học', population: { label: 'Cán bộ diện BTV Tỉnh ủy quản lý', flag: 'btv_quan_ly' }, requirement: [POSTGRADUATE], courseGroups: ['postgraduate'] },
  { id: '2c', name: 'Ủy viên BCH Đảng bộ huyện và tương đương có sau đại học', population: { label: 'Ủy viên BCH Đảng bộ huyện và tương đương', flag: 'bch_huyen' }, requirement: [POSTGRADUATE], courseGroups: ['postgraduate'] },
  { id: '2d', name: 'Lãnh đạo cấp phòng và tương đương có sau đại học', population: { label: 'Lãnh đạo cấp phòng và tương đương', flag: 'lanh_dao_phong' }, requirement: [POSTGRADUATE], courseGroups: ['postgraduate'] },
  { id: '3a', name: 'CBCCVC người dân tộc thiểu số thành thạo ít nhất 1 tiếng DTTS', population: { label: 'CBCCVC người dân tộc thiểu số', categories: CBCCVC, minorityOnly: true }, requirement: [MINORITY_LANGUAGE], courseGroups: ['minority_language'] },
  { id: '3b', name: 'CBCCVC tiếp xúc trực tiếp với đồng bào DTTS thành thạo tiếng DTTS', population: { label: 'CBCCVC ở đơn vị tiếp xúc trực tiếp với đồng bào DTTS', categories: CBCCVC, ethnicContactUnit: true }, requirement: [MINORITY_LANGUAGE], courseGroups: ['minority_language'] },
];

interface Qual {
  cadreId: number;
  category: string;
  levelKey: string;
  fluency: string | null;
}

export function computeGaps(db: AppDb, opts: { targetId?: string; onDate?: string }): CallOutput<'training.gaps'> {
  const onDate = opts.onDate ?? todayIso();
  if (opts.targetId && !GAP_TARGETS.some((t) => t.id === opts.targetId)) throw fail.validation(`Không có chỉ tiêu "${opts.targetId}".`);
  const codes = codeIndex(db);
  const units = new Map(
    (db.sqlite.prepare('select id, level, kind, ethnic_contact as ethnicContact from units').all() as { id: number; level: string; kind: string; ethnicContact: number }[]).map((u) => [u.id, u]),
  );
  const rows = listCadreRows(db, { onDate });
  const working = rows.filter((r) => r.status === 'dang_cong_tac' && r.unitId !== null);
  const quals = new Map<number, Qual[]>();
  for (const q of db.sqlite
    .prepare(`select cadre_id as cadreId, category, level_key as levelKey, fluency from qualifications
               where deleted_at is null and (award_date is null or award_date <= ?)`)
    .all(onDate) as Qual[]) {
    if (!quals.has(q.cadreId)) quals.set(q.cadreId, []);
    quals.get(q.cadreId)!.push(q);
  }
  const inPopulation = (p: Population, r: CadreRow): boolean => {
    const u = units.get(r.unitId!);
    if (p.categories && !p.categories.includes(r.category)) return false;
    if (p.unitLevels && (!u || !p.unitLevels.includes(u.level))) return false;
    if (p.excludeVienChucInUnitKinds && r.category === 'vien_chuc' && u && p.excludeVienChucInUnitKinds.includes(u.kind)) return false;
    if (p.flag && !r.flags.includes(p.flag)) return false;
    if (p.minorityOnly && !codes.get('ethnicity')?.get(r.ethnicity ?? '')?.attrs.minority) return false;
    if (p.ethnicContactUnit && !u?.ethnicContact) return false;
    return true;
  };
  const meets = (c: Condition, q: Qual): boolean => {
    if (q.category !== c.category) return false;
    const level = codes.get(`level.${q.category}`)?.get(q.levelKey);
    return c.accept.some((a) => {
      if (a.levelAttr) return !!level?.attrs[a.levelAttr];
      if (a.minLevelKey) return !!level && level.rank >= (codes.get(`level.${c.category}`)?.get(a.minLevelKey)?.rank ?? Infinity);
      if (a.fluencyAttr) return !!q.fluency && !!codes.get('language_fluency')?.get(q.fluency)?.attrs[a.fluencyAttr];
      return false;
    });
  };
  const missingOf = (t: GapTargetDef, r: CadreRow) => t.requirement.filter((c) => !(quals.get(r.id) ?? []).some((q) => meets(c, q)));

  const byId = new Map(working.map((r) => [r.id, r]));
  // Figures: the engine's n / N (computed once per date and cached by it) where the resolution has the indicator,
  // the local definition otherwise. The list of people is only built for the chosen target.
  const engine = engineIndicators(db, onDate);
  const local = (t: GapTargetDef) => {
    const population = working.filter((r) => inPopulation(t.population, r));
    return { populationCount: population.length, gap: population.filter((r) => missingOf(t, r).length > 0).map((r) => r.id) };
  };
  const LOCAL_BASIS = 'Theo định nghĩa mặc định của mục Đào tạo (chưa có chỉ tiêu này trong nghị quyết đang áp dụng).';
  const targets = GAP_TARGETS.map((t) => {
    const e = engine.get(t.id);
    const figures = e ? { populationCount: e.N, haveCount: e.n } : (({ populationCount, gap }) => ({ populationCount, haveCount: populationCount - gap.length }))(local(t));
    return {
      id: t.id,
      name: t.name,
      population: t.population.label,
      requirement: t.requirement.map((c) => c.need).join('; '),
      basis: e ? `Theo chỉ tiêu ${t.id} của nghị quyết đang áp dụng (mục Chỉ tiêu và báo cáo).` : LOCAL_BASIS,
      courseGroups: t.courseGroups,
      ...figures,
    };
  });

  const members: GapMember[] = [];
  const chosen = GAP_TARGETS.find((t) => t.id === opts.targetId);
  if (chosen) {
    const categories = new Set(chosen.requirement.map((c) => c.category));
    const pending = new Map<number, string>();
    for (const e of db.sqlite
      .prepare(`select e.cadre_id as cadreId, c.name, c.qual_category as cat from training_enrolments e join training_courses c on c.id = e.course_id
                 where e.deleted_at is null and c.deleted_at is null and e.status in ('proposed', 'nominated', 'studying')`)
      .all() as { cadreId: number; name: string; cat: string | null }[]) {
      if (e.cat && categories.has(e.cat) && !pending.has(e.cadreId)) pending.set(e.cadreId, e.name);
    }
    const all = new Map(rows.map((r) => [r.id, r]));
    const e = engine.get(chosen.id);
    const gap = e ? indicatorMembers(db, { indicatorId: e.indicatorId, onDate, set: 'gap' }) : local(chosen).gap;
    for (const id of gap) {
      const r = byId.get(id) ?? all.get(id);
      if (!r) continue;
      const missing = missingOf(chosen, r);
      members.push({
        cadreId: r.id,
        fullName: r.fullName,
        sex: r.sex,
        birthDate: r.birthDate,
        ethnicity: r.ethnicity,
        category: r.category,
        unitId: r.unitId,
        postTitle: r.postTitle,
        professionalLevel: r.professionalLevel,
        // The engine may judge by a per-post standard these conditions do not model; say so rather than nothing.
        missing: missing.length ? missing.map((c) => c.label).join('; ') : 'Chưa đạt tiêu chuẩn quy định của chức vụ',
        pendingCourse: pending.get(r.id) ?? null,
      });
    }
  }
  return { onDate, targets, members };
}

/**
 * n / N of the resolution's computed indicators on the date, by code, from the indicator engine; empty when no
 * resolution is recorded. Targets missing here fall back to the local definitions.
 */
function engineIndicators(db: AppDb, onDate: string): Map<string, { indicatorId: number; n: number; N: number }> {
  const out = new Map<string, { indicatorId: number; n: number; N: number }>();
  for (const r of computeIndicators(db, { onDate })) {
    if (r.kind === 'computed' && r.n !== null && r.N !== null && GAP_TARGETS.some((t) => t.id === r.code)) out.set(r.code, { indicatorId: r.indicatorId, n: r.n, N: r.N });
  }
  return out;
}
