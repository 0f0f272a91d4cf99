// Realistic sample data: the Sóc Trăng organisation before and after 1 July 2025, and cadres with dated careers,
// qualifications, roles and status events. Deterministic from the seed; written with prepared statements in one
// transaction (50,000 cadres take a few seconds). Everything passes the app's own validation rules.

import type { AppDb } from '../open';
import { inTransaction } from '../open';
import { SYSTEM_CONTEXT, type CallContext } from '../context';
import { createBatch, writeAudit } from '../services/audit';
import { fail } from '../../shared/api/envelope';
import { POSITIONS, type CadreCategory, type CadreFlag, type CadreStatus } from '../../shared/domain/codes';
import { todayIso } from '../../shared/domain/dates';
import { createRng, type Rng } from './prng';
import { buildOrganisation, DISTRICT_INFO, LAST_OLD_DAY, NEW_FROM, locOf, templatePosts, type DistrictInfo, type Family, type PostDef, type Template, type UnitSpec } from './org';
import { capitalise, HAMLETS, OTHER_PROVINCES, personName, PHONE_PREFIXES, STREETS, type EthnicGroup } from './names';
import { ageReached, dayOf, isoOf, plusMonths, plusYears, retirementDay, retirementMonths, yearOf } from './days';
import { between, qualificationsFor, TEACHING_SUBJECTS, type QualSubject } from './quals';

export interface SampleOptions {
  cadres: number;
  seed?: number;
  actor?: string;
}

export interface SampleResult {
  units: number;
  cadres: number;
  qualifications: number;
}

const CUT = dayOf(LAST_OLD_DAY);
const NEW = dayOf(NEW_FROM);
const POS_RANK = new Map(POSITIONS.map((p) => [p.key, p.rank ?? 0]));
const rankOf = (post: PostDef) => POS_RANK.get(post.pos) ?? 0;

interface Period {
  unit: UnitSpec;
  post: PostDef;
  tier: number;
  from: number;
  to: number | null;
  note: string | null;
}

interface FlagRow {
  flag: CadreFlag;
  from: number;
  to: number | null;
  note: string | null;
}

interface Person {
  idx: number;
  /** Random tie-breaker for selections. */
  key: number;
  slot: { unit: UnitSpec; post: PostDef; tier: number };
  sex: 'nam' | 'nu';
  group: EthnicGroup;
  ethnicity: string;
  religion: string;
  fullName: string;
  birth: number;
  recruit: number;
  partyJoin: number | null;
  partyOfficial: number | null;
  category: CadreCategory;
  periods: Period[];
  movesTo: UnitSpec | null;
  status: { kind: CadreStatus; day: number } | null;
  flags: FlagRow[];
  subject: string | null;
  idNumber: string;
  phone: string | null;
  homeTown: string;
  birthPlace: string;
  address: string;
  rankCode: string | null;
  salaryStep: number | null;
  salaryCoefficient: number | null;
}

// ---- Entry point ------------------------------------------------------------------------------------------------

export function generateSampleData(db: AppDb, opts: SampleOptions): SampleResult {
  const n = Math.floor(opts.cadres);
  if (!Number.isFinite(n) || n < 1) throw fail.validation('Số cán bộ mẫu phải là số nguyên dương.', { cadres: 'Phải là số nguyên dương.' });
  const refuseIfCadres = () => {
    const existing = (db.sqlite.prepare('select count(*) as n from cadres').get() as { n: number }).n;
    if (existing > 0) {
      throw fail.validation(`Cơ sở dữ liệu đã có ${existing.toLocaleString('vi-VN')} hồ sơ cán bộ. Dữ liệu mẫu chỉ được tạo trong cơ sở dữ liệu chưa có hồ sơ nào.`);
    }
  };
  refuseIfCadres();
  const seed = Math.trunc(opts.seed ?? 1);
  const ctx: CallContext = { actor: opts.actor ?? SYSTEM_CONTEXT.actor, role: 'admin' };
  const today = dayOf(todayIso());
  // Planned in memory first (no lock held), then written in one transaction.
  const plan = planSample(n, seed, today);
  return inTransaction(db, () => {
    refuseIfCadres();
    return writePlan(db, ctx, plan, seed, today);
  });
}

// ---- Planning ---------------------------------------------------------------------------------------------------

interface Plan {
  units: UnitSpec[];
  people: Person[];
}

function planSample(n: number, seed: number, today: number): Plan {
  const rng = createRng(seed);
  const { units } = buildOrganisation(n / 2000);
  const counts = allocate(units, n);
  const slots: Person['slot'][] = [];
  for (const u of units) {
    const c = counts.get(u) ?? 0;
    if (c > 0) slots.push(...unitSlots(rng, u, c));
  }
  // Records are entered in no particular order of units.
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [slots[i], slots[j]] = [slots[j], slots[i]];
  }
  const pools = buildPools(units);
  const ids = new Set<string>();
  const people = slots.map((slot, idx) => makePerson(rng, slot, idx, today, pools, ids));
  assignSuccessorPosts(rng, people);
  for (const p of people) {
    finishStatus(rng, p, today);
    [p.rankCode, p.salaryStep, p.salaryCoefficient] = rankAndSalary(rng, p, today);
  }
  assignFlags(rng, people, n);
  return { units, people };
}

/** Staff per unit: leadership bodies get their fixed size, everyone else shares the rest by weight. */
function allocate(units: UnitSpec[], n: number): Map<UnitSpec, number> {
  const counts = new Map<UnitSpec, number>();
  const staffed = units.filter((u) => u.tpl && (u.weight > 0 || u.fixed > 0));
  let rest = n;
  const fixedScale = Math.min(1, n / 500);
  for (const u of staffed.filter((x) => x.fixed > 0)) {
    const c = Math.min(rest, Math.max(1, Math.round(u.fixed * fixedScale)));
    counts.set(u, c);
    rest -= c;
  }
  const weighted = staffed.filter((u) => u.fixed === 0);
  const total = weighted.reduce((s, u) => s + u.weight, 0);
  const shares = weighted.map((u) => {
    const exact = (rest * u.weight) / total;
    return { u, base: Math.floor(exact), frac: exact - Math.floor(exact) };
  });
  let left = rest - shares.reduce((s, x) => s + x.base, 0);
  // Largest remainder; ties by unit order, so the result depends on nothing but n.
  [...shares].sort((a, b) => b.frac - a.frac || a.u.i - b.u.i).forEach((x) => {
    if (left > 0) (x.base += 1), (left -= 1);
  });
  for (const x of shares) if (x.base > 0) counts.set(x.u, x.base);
  return counts;
}

function unitSlots(rng: Rng, u: UnitSpec, c: number): Person['slot'][] {
  const t = u.tpl!;
  const out: Person['slot'][] = [];
  const push = (post: PostDef, tier: number) => out.length < c && out.push({ unit: u, post, tier });
  const staffOnly = u.isNew; // the new bodies' leaders come from the reorganisation, not from new hires
  if (!staffOnly) {
    // In very small samples a unit of one person is more often a specialist than its head.
    if (t.top && (c >= 2 || u.fixed || rng.chance(0.35))) push(t.top, 0);
    const deps = t.deputy ? Math.min(t.maxDep, Math.max(c >= 4 || u.fixed ? 1 : 0, Math.round((c - 1) * t.depRatio))) : 0;
    for (let i = 0; i < deps; i++) push(t.deputy![i % t.deputy!.length], 1);
    const heads = t.head ? Math.round(c * t.headRatio) : 0;
    for (let i = 0; i < heads; i++) push(t.head![i % t.head!.length], 2);
    const subs = t.subhead ? Math.round(c * t.subheadRatio) : 0;
    for (let i = 0; i < subs; i++) push(t.subhead!, 3);
  }
  while (out.length < c) push(rng.weighted(t.staff), 4);
  return out;
}

type Pools = Map<Family, UnitSpec[]>;

function buildPools(units: UnitSpec[]): Pools {
  const pools: Pools = new Map();
  for (const u of units) {
    if (!u.family || !u.tpl || u.isNew || u.fixed) continue;
    if (!pools.has(u.family)) pools.set(u.family, []);
    pools.get(u.family)!.push(u);
  }
  return pools;
}

// ---- People -----------------------------------------------------------------------------------------------------

const FEMALE_BY_ROLE: Record<string, number> = {
  lead: 0.3, admin: 0.5, accountant: 0.72, support: 0.55, contract: 0.4, commune: 0.45, mass_org: 0.35, commune_lead: 0.2,
  teacher_thpt: 0.58, teacher_thcs: 0.62, teacher_th: 0.7, lecturer_tct: 0.45, lecturer_cd: 0.48,
  doctor: 0.4, nurse: 0.75, midwife: 1, pharm: 0.6, health_tech: 0.45,
};
const FEMALE_BY_TIER = [0.18, 0.32, 0.42, 0.48];

function femaleShare(post: PostDef, tier: number): number {
  if (post.female !== undefined) return post.female;
  return tier < 4 ? FEMALE_BY_TIER[tier] : FEMALE_BY_ROLE[post.role] ?? 0.45;
}

function partyShare(post: PostDef, tier: number): number {
  if (post.role === 'contract') return 0.08;
  if (post.role === 'lecturer_tct') return 1;
  if (tier <= 1) return 0.99;
  if (tier <= 3) return post.role.startsWith('teacher') ? 0.65 : 0.9;
  switch (post.role) {
    case 'commune_lead': case 'mass_org': return 0.95;
    case 'commune': return 0.66;
    case 'admin': case 'lead': return 0.62;
    case 'accountant': return 0.5;
    case 'lecturer_cd': return 0.55;
    case 'teacher_thpt': case 'teacher_thcs': case 'teacher_th': return 0.4;
    case 'doctor': return 0.42;
    default: return 0.22;
  }
}

function ageFor(rng: Rng, slot: Person['slot']): number {
  const title = slot.post.title;
  if (slot.tier === 4 && /Đoàn/.test(title)) return 25 + 10 * rng.bell();
  if (/Cựu chiến binh/.test(title)) return 50 + 9 * rng.bell();
  if (slot.tier <= 1 && rankOf(slot.post) >= 75) return 48 + 11 * rng.bell();
  switch (slot.tier) {
    case 0: return 45 + 13 * rng.bell();
    case 1: return 38 + 19 * rng.bell();
    case 2: return 34 + 22 * rng.bell();
    case 3: return 30 + 24 * rng.bell();
    default: return 24 + 35 * rng.bell();
  }
}

const RELIGION: Record<EthnicGroup, readonly (readonly [string, number])[]> = {
  kinh: [['khong', 68], ['phat_giao', 20], ['cong_giao', 5], ['cao_dai', 3], ['hoa_hao', 2], ['tin_lanh', 2]],
  khmer: [['phat_giao_nam_tong', 86], ['khong', 12], ['phat_giao', 2]],
  hoa: [['phat_giao', 50], ['khong', 45], ['cong_giao', 3], ['khac', 2]],
  other: [['khong', 60], ['phat_giao', 25], ['cong_giao', 15]],
};

const PROVINCE_CODES: Record<string, string> = {
  'thành phố Cần Thơ': '092', 'tỉnh Hậu Giang': '093', 'tỉnh Bạc Liêu': '095', 'tỉnh Trà Vinh': '084', 'tỉnh Vĩnh Long': '086',
  'tỉnh An Giang': '089', 'tỉnh Kiên Giang': '091', 'tỉnh Cà Mau': '096', 'tỉnh Bến Tre': '083', 'tỉnh Tiền Giang': '082',
  'tỉnh Đồng Tháp': '087', 'tỉnh Long An': '080', 'thành phố Hồ Chí Minh': '079', 'tỉnh Nghệ An': '040', 'tỉnh Thanh Hóa': '038',
  'tỉnh Quảng Ngãi': '051', 'tỉnh Bình Định': '052', 'thành phố Hà Nội': '001',
};
const SOC_TRANG_CODE = '094';

function makePerson(rng: Rng, slot: Person['slot'], idx: number, today: number, pools: Pools, ids: Set<string>): Person {
  const u = slot.unit;
  const post = slot.post;
  const r = rng.next();
  let statusKind: CadreStatus | null = r < 0.03 ? 'nghi_huu' : r < 0.036 ? 'chuyen_cong_tac' : r < 0.0385 ? 'tu_tran' : null;
  const sex = rng.chance(femaleShare(post, slot.tier)) ? 'nu' : 'nam';
  const g = rng.next();
  const group: EthnicGroup = g < u.khmer ? 'khmer' : g < u.khmer + u.hoa ? 'hoa' : g < u.khmer + u.hoa + 0.015 ? 'other' : 'kinh';
  const ethnicity = group === 'other' ? rng.weighted([['cham', 30], ['tay', 25], ['muong', 20], ['nung', 15], ['thai', 10]] as const) : group;
  const fullName = personName(rng, sex, group);
  const religion = ethnicity === 'cham' ? 'hoi_giao' : rng.weighted(RELIGION[group]);
  const oldUnit = u.validTo !== null;

  // Birth: retirees are born so that retirement falls on the drawn month; others stay below retirement age.
  let birth = 0;
  let retireOn: number | null = null;
  if (statusKind === 'nghi_huu') {
    const lo = oldUnit || u.isNew ? dayOf('2025-08-01') : dayOf('2021-01-01');
    const reached = plusMonths(between(rng, lo, today), -1);
    birth = plusMonths(reached, -retirementMonths(sex, yearOf(reached)));
    retireOn = retirementDay(birth, sex);
    if (retireOn > today || retireOn < lo) (statusKind = null), (retireOn = null);
  }
  if (statusKind !== 'nghi_huu') {
    birth = today - Math.floor(ageFor(rng, slot) * 365.25);
    while (retirementDay(birth, sex) <= today + 30) birth += 365;
  }

  // Recruitment after 20, usually a few years after the degree.
  const minRecruit = ageReached(birth, 20);
  const extraYears = post.role === 'doctor' ? 4 + rng.next() * 4 : slot.tier <= 1 ? rng.next() * 5 : 0.5 + rng.bell() * 9;
  let recruit = plusYears(minRecruit, extraYears) + rng.int(0, 200);
  const latestStart = (retireOn ?? today) - 60;
  if (recruit > latestStart) recruit = Math.max(minRecruit, latestStart - rng.int(0, 365));

  // Career.
  let periods: Period[] = [];
  let movesTo: UnitSpec | null = null;
  if (u.isNew) {
    let from = Math.max(NEW, recruit) + rng.int(0, 150);
    if (from > latestStart) from = Math.max(NEW, recruit);
    periods = [{ unit: u, post, tier: slot.tier, from, to: null, note: 'Chuyển đến từ địa phương khác sau hợp nhất' }];
  } else if (oldUnit && recruit > CUT - 60) {
    movesTo = u.successor; // recruited just before or after the merger: starts in the new unit
  } else {
    const limit = oldUnit ? CUT : Math.min(today, latestStart);
    periods = buildCareer(rng, slot, recruit, limit, pools);
    if (oldUnit) movesTo = u.successor;
  }

  // Party membership.
  let partyJoin: number | null = null;
  let partyOfficial: number | null = null;
  if (rng.chance(partyShare(post, slot.tier))) {
    const minJoin = ageReached(birth, 18);
    let join = Math.max(minJoin, plusYears(birth, (slot.tier <= 1 ? 21 + rng.bell() * 8 : 21 + rng.bell() * 16)) + rng.int(0, 300));
    if (join > today - 30) join = Math.max(minJoin, today - rng.int(30, 500));
    if (join <= today - 1) {
      partyJoin = join;
      const official = join + 365 + rng.int(0, 25);
      partyOfficial = official <= today ? official : null;
    }
  }

  // Identity, home town and address.
  const inSocTrang = rng.chance(0.85);
  let homeTown: string;
  let provinceCode = SOC_TRANG_CODE;
  let province = 'tỉnh Sóc Trăng';
  if (inSocTrang) {
    const d = rng.weighted(DISTRICT_INFO.map((x) => [x, group === 'khmer' ? x.khmer : 1 - x.khmer] as const));
    const commune = rng.pick(rng.pick(d.groups).olds);
    homeTown = `${capitalise(commune)}, ${d.name}, tỉnh Sóc Trăng`;
  } else {
    province = rng.pick(OTHER_PROVINCES);
    provinceCode = PROVINCE_CODES[province] ?? '094';
    homeTown = capitalise(province);
  }
  const birthPlace = rng.chance(0.7) ? homeTown : capitalise(province);
  const by = yearOf(birth);
  let idNumber: string;
  do {
    const centuryDigit = (by >= 2000 ? 2 : 0) + (sex === 'nu' ? 1 : 0);
    idNumber = `${provinceCode}${centuryDigit}${String(by % 100).padStart(2, '0')}${String(rng.int(0, 999_999)).padStart(6, '0')}`;
  } while (ids.has(idNumber));
  ids.add(idNumber);
  const phone = rng.chance(0.85) ? `${rng.pick(PHONE_PREFIXES)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}` : null;
  const address = addressFor(rng, u.district);

  const subject = post.role === 'teacher_thpt' || post.role === 'teacher_thcs' ? rng.pick(TEACHING_SUBJECTS) : null;
  const person: Person = {
    idx, key: rng.next(), slot, sex, group, ethnicity, religion, fullName, birth, recruit, partyJoin, partyOfficial,
    category: post.cat, periods, movesTo, status: statusKind && retireOn ? { kind: statusKind, day: retireOn } : statusKind ? { kind: statusKind, day: 0 } : null,
    flags: [], subject, idNumber, phone, homeTown, birthPlace, address, rankCode: null, salaryStep: null, salaryCoefficient: null,
  };
  return person;
}

function addressFor(rng: Rng, district: DistrictInfo | null): string {
  const d = district ?? (rng.chance(0.6) ? DISTRICT_INFO[0] : rng.pick(DISTRICT_INFO));
  const place = rng.pick(d.groups).newName;
  if (locOf(place) === 'phường' && rng.chance(0.8)) return `Số ${rng.int(1, 320)}, đường ${rng.pick(STREETS)}, ${place}, thành phố Cần Thơ`;
  return `Ấp ${rng.pick(HAMLETS)}, ${place}, thành phố Cần Thơ`;
}

// ---- Careers ------------------------------------------------------------------------------------------------------

const unitDays = new WeakMap<UnitSpec, [number, number | null]>();
function daysOfUnit(u: UnitSpec): [number, number | null] {
  let d = unitDays.get(u);
  if (!d) unitDays.set(u, (d = [dayOf(u.validFrom), u.validTo ? dayOf(u.validTo) : null]));
  return d;
}
const validOver = (u: UnitSpec, a: number, b: number) => {
  const [f, t] = daysOfUnit(u);
  return f <= a && (t === null || t >= b);
};

const postsCache = new WeakMap<Template, { post: PostDef; tier: number }[]>();
function postsOf(t: Template) {
  let p = postsCache.get(t);
  if (!p) postsCache.set(t, (p = templatePosts(t)));
  return p;
}

/** The best post of a unit below a rank (for staff: the same kind of staff post). */
function lowerPost(u: UnitSpec, rank: number, role: string): { post: PostDef; tier: number } {
  const posts = postsOf(u.tpl!);
  const mainStaff = posts.find((p) => p.tier === 4)!;
  if (rank <= 10) return posts.find((p) => p.tier === 4 && p.post.role === role) ?? mainStaff;
  let best: { post: PostDef; tier: number } | null = null;
  for (const p of posts) {
    if (p.post.role === 'contract') continue;
    const r = rankOf(p.post);
    if (r < rank && (!best || r > rankOf(best.post))) best = p;
  }
  return best ?? mainStaff;
}

function crossFamily(rng: Rng, fam: Family, rank: number): Family {
  if (fam === 'tinh' && rank >= 70 && rng.chance(0.3)) return 'huyen';
  if (fam === 'huyen' && rank >= 65 && rng.chance(0.25)) return 'tinh';
  if (fam === 'huyen' && rank >= 40 && rank < 65 && rng.chance(0.2)) return 'xa';
  if (fam === 'xa' && rank >= 30 && rng.chance(0.25)) return 'huyen';
  if (fam === 'tct' && rng.chance(0.4)) return 'tinh';
  if (fam === 'cd' && rng.chance(0.2)) return 'thpt';
  if (fam === 'thpt' && rng.chance(0.15)) return 'thcs';
  if (fam === 'th' && rng.chance(0.1)) return 'thcs';
  return fam;
}

/** Up to two earlier posts before the current one: promotions in the same unit or transfers within the sector. */
function buildCareer(rng: Rng, slot: Person['slot'], recruit: number, limit: number, pools: Pools): Period[] {
  const home = slot.unit;
  const [homeFrom] = daysOfUnit(home);
  let s0 = Math.max(recruit, homeFrom);
  if (s0 > limit - 30) s0 = Math.max(homeFrom, limit - rng.int(30, 400));
  const span = limit - s0;
  // Leaders climbed a ladder (specialist, section head, deputy...); staff mostly stayed or moved sideways.
  const kChoices: [number, number][] =
    slot.tier <= 1 ? (span >= 12 * 365 ? [[1, 25], [2, 75]] : [[1, 55], [2, 45]]) : slot.tier <= 3 ? [[0, 25], [1, 50], [2, 25]] : [[0, 55], [1, 35], [2, 10]];
  let k = span < 4 * 365 ? 0 : rng.weighted(kChoices);
  let finalStart = s0;
  if (k > 0) {
    finalStart = s0 + Math.floor(span * (slot.tier <= 1 ? 0.5 + 0.4 * rng.next() : 0.35 + 0.5 * rng.next()));
    if (finalStart - s0 < 365 * k) k = Math.floor((finalStart - s0) / 365);
    if (k === 0) finalStart = s0;
  }
  const out: Period[] = [{ unit: home, post: slot.post, tier: slot.tier, from: finalStart, to: home.validTo ? CUT : null, note: null }];
  if (k === 0) return out;
  // k periods of at least a year each in [s0, finalStart).
  const weights = Array.from({ length: k }, () => 0.5 + rng.next());
  const spare = finalStart - s0 - 365 * k;
  const totalW = weights.reduce((x, y) => x + y, 0);
  const cuts = [s0];
  for (let j = 0; j < k - 1; j++) cuts.push(cuts[j] + 365 + Math.floor((spare * weights[j]) / totalW));
  cuts.push(finalStart);
  let next = out[0];
  for (let j = k - 1; j >= 0; j--) {
    const a = cuts[j];
    const b = cuts[j + 1] - 1;
    // The first post of a career is a specialist's (or teacher's, doctor's) post.
    const rank = j === 0 && slot.tier <= 3 ? 10 : rankOf(next.post);
    const fam = crossFamily(rng, next.unit.family ?? 'tinh', rank);
    const n = next;
    const trySame = () => {
      if (n.unit.fixed || !validOver(n.unit, a, b)) return null;
      const lp = lowerPost(n.unit, rank, rank <= 10 ? slot.post.role : n.post.role);
      return lp.post.title === n.post.title ? null : { unit: n.unit, ...lp };
    };
    const tryPool = () => {
      const pool = pools.get(fam);
      if (!pool?.length) return null;
      for (let t = 0; t < 4; t++) {
        const cand = rng.pick(pool);
        if (cand !== n.unit && validOver(cand, a, b)) return { unit: cand, ...lowerPost(cand, rank, rank <= 10 ? slot.post.role : n.post.role) };
      }
      return null;
    };
    const choice = rng.chance(0.5) ? trySame() ?? tryPool() : tryPool() ?? trySame();
    if (!choice) break; // the record starts later (worked elsewhere before)
    const p: Period = { unit: choice.unit, post: choice.post, tier: choice.tier, from: a, to: b, note: null };
    out.unshift(p);
    next = p;
  }
  return out;
}

/**
 * People in units closed on 30/06/2025 continue in the successor from 01/07/2025. The most senior get the
 * successor's leading posts (a district secretary becomes the new commune's secretary); the rest keep their kind of post.
 */
function assignSuccessorPosts(rng: Rng, people: Person[]): void {
  const bySucc = new Map<UnitSpec, Person[]>();
  for (const p of people) {
    if (!p.movesTo) continue;
    if (!bySucc.has(p.movesTo)) bySucc.set(p.movesTo, []);
    bySucc.get(p.movesTo)!.push(p);
  }
  for (const [succ, movers] of bySucc) {
    const t = succ.tpl!;
    const last = (p: Person) => p.periods[p.periods.length - 1] ?? null;
    const oldRank = (p: Person) => (last(p) ? rankOf(last(p)!.post) : 0);
    movers.sort((a, b) => oldRank(b) - oldRank(a) || a.idx - b.idx);
    let topTaken = false;
    let deps = 0;
    for (const m of movers) {
      const old = last(m);
      const oldTier = old?.tier ?? 4;
      const oldPostRank = old ? rankOf(old.post) : 0;
      const oldRole = old?.post.role ?? m.slot.post.role;
      let post: PostDef;
      let tier: number;
      const leaderish = oldTier <= 1 || (oldPostRank >= 50 && !t.head);
      if (leaderish && oldTier === 0 && t.top && !topTaken && rng.chance(succ.topChance)) {
        [post, tier, topTaken] = [t.top, 0, true];
      } else if (leaderish && t.deputy && deps < t.maxDep + 2) {
        [post, tier] = [t.deputy[deps % t.deputy.length], 1];
        deps += 1;
      } else if ((leaderish || oldTier === 2) && t.head) {
        [post, tier] = [rng.pick(t.head), 2];
      } else if (oldTier === 3 && t.subhead) {
        [post, tier] = [t.subhead, 3];
      } else {
        const same = t.staff.filter(([p]) => p.role === oldRole);
        const others = t.staff.filter(([p]) => p.role !== 'contract' && p.role !== 'mass_org');
        [post, tier] = [rng.weighted(same.length ? same : others), 4];
      }
      const from = Math.max(NEW, m.recruit);
      m.periods.push({ unit: succ, post, tier, from, to: null, note: old ? 'Chuyển sang đơn vị mới do sắp xếp tổ chức bộ máy từ 01/07/2025' : null });
      m.category = post.cat;
    }
  }
}

/** Transfers out and deaths fall after the last move; retirements were fixed with the birth date. */
function finishStatus(rng: Rng, p: Person, today: number): void {
  if (!p.status || p.status.kind === 'nghi_huu') return;
  const lastStart = p.periods.length ? p.periods[p.periods.length - 1].from : NEW;
  const lo = Math.max(lastStart + 60, dayOf('2021-01-01'));
  if (lo >= today) p.status = null;
  else p.status.day = between(rng, lo, today);
}

// ---- Rank and salary --------------------------------------------------------------------------------------------

/** Salary scale per rank: [first coefficient, step, number of steps, years per step] (Nghị định 204/2004). */
const SALARY: Record<string, [number, number, number, number]> = {
  '01.001': [6.2, 0.36, 6, 3], '01.002': [4.4, 0.34, 8, 3], '01.003': [2.34, 0.33, 9, 3], '01.004': [2.1, 0.31, 10, 2], '01.005': [1.86, 0.2, 12, 2],
  '06.030': [4.4, 0.34, 8, 3], '06.031': [2.34, 0.33, 9, 3],
  'V.07.01.01': [6.2, 0.36, 6, 3], 'V.07.01.02': [4.4, 0.34, 8, 3], 'V.07.01.03': [2.34, 0.33, 9, 3],
  'V.07.05.13': [4.4, 0.34, 8, 3], 'V.07.05.14': [4.0, 0.34, 8, 3], 'V.07.05.15': [2.34, 0.33, 9, 3],
  'V.07.04.30': [4.4, 0.34, 8, 3], 'V.07.04.31': [4.0, 0.34, 8, 3], 'V.07.04.32': [2.34, 0.33, 9, 3],
  'V.07.03.27': [4.0, 0.34, 8, 3], 'V.07.03.28': [2.34, 0.33, 9, 3], 'V.07.03.29': [2.1, 0.33, 10, 3],
  'V.08.01.01': [6.2, 0.36, 6, 3], 'V.08.01.02': [4.4, 0.34, 8, 3], 'V.08.01.03': [2.34, 0.33, 9, 3],
  'V.08.05.11': [4.0, 0.34, 8, 3], 'V.08.05.12': [2.34, 0.33, 9, 3], 'V.08.05.13': [2.06, 0.18, 12, 2],
};
const GRADED: Record<string, [string, string, string]> = {
  teacher_thpt: ['V.07.05.13', 'V.07.05.14', 'V.07.05.15'],
  teacher_thcs: ['V.07.04.30', 'V.07.04.31', 'V.07.04.32'],
  teacher_th: ['V.07.03.27', 'V.07.03.28', 'V.07.03.29'],
  lecturer_tct: ['V.07.01.01', 'V.07.01.02', 'V.07.01.03'],
  lecturer_cd: ['V.07.01.01', 'V.07.01.02', 'V.07.01.03'],
  doctor: ['V.08.01.01', 'V.08.01.02', 'V.08.01.03'],
  nurse: ['V.08.05.11', 'V.08.05.12', 'V.08.05.13'],
  accountant: ['06.030', '06.030', '06.031'],
};

function rankAndSalary(rng: Rng, p: Person, today: number): [string | null, number | null, number | null] {
  const current = p.periods[p.periods.length - 1] ?? { post: p.slot.post, tier: p.slot.tier, unit: p.slot.unit };
  const role = current.post.role;
  const posRank = rankOf(current.post);
  const years = (today - p.recruit) / 365.25;
  if (p.category === 'khac') return [null, null, null];
  if (p.category === 'can_bo' && current.unit.level === 'xa') {
    // Commune cán bộ are paid by post, not by rank.
    return [null, null, current.post.pos === 'bi_thu_xa' ? 2.35 : current.post.pos === 'pho_xa' ? 2.15 : 1.95];
  }
  const leader = current.tier <= 1 || posRank >= 40;
  const grade = leader
    ? rng.weighted([[0, 35], [1, 60], [2, 5]] as const)
    : years < 6 ? rng.weighted([[2, 90], [1, 10]] as const) : years < 15 ? rng.weighted([[2, 35], [1, 60], [0, 5]] as const) : rng.weighted([[2, 15], [1, 60], [0, 25]] as const);
  let code: string | null;
  if (GRADED[role]) code = GRADED[role][grade];
  else if (role === 'support') code = '01.005';
  else if (role === 'midwife' || role === 'pharm' || role === 'health_tech') code = null;
  else if (role === 'commune' || role === 'mass_org' || role === 'commune_lead') code = rng.chance(0.8) ? '01.003' : '01.004';
  else if (posRank >= 80) code = rng.chance(0.6) ? '01.001' : '01.002';
  else if (posRank >= 65) code = rng.chance(0.75) ? '01.002' : '01.001';
  else if (posRank >= 40) code = rng.chance(0.45) ? '01.002' : '01.003';
  else code = grade === 2 || rng.chance(0.7) ? (rng.chance(0.9) ? '01.003' : '01.004') : '01.002';
  if (!code) return [null, null, null];
  const [base, inc, steps, perStep] = SALARY[code];
  const inGrade = Math.max(0, years - (base >= 6 ? 16 : base >= 4 ? 8 : 0));
  const step = Math.max(1, Math.min(steps, 1 + Math.floor(inGrade / perStep) - rng.int(0, 1)));
  return [code, step, Math.round((base + inc * (step - 1)) * 100) / 100];
}

// ---- Roles (flags) ----------------------------------------------------------------------------------------------

const PROVINCE_TERM = dayOf('2020-10-16'); // Đại hội Đảng bộ tỉnh Sóc Trăng lần thứ XIV
const PROVINCE_PREV_TERM = dayOf('2015-10-15');
const DEPT_LEADER_POS = new Set(['truong_phong', 'pho_phong']);

function assignFlags(rng: Rng, people: Person[], n: number): void {
  const byKey = (a: { p: Person; score: number }, b: { p: Person; score: number }) => b.score - a.score || a.p.key - b.p.key;

  // Roles that follow the post: teachers, lecturers, doctors, nurses, department leaders.
  for (const p of people) {
    const acc = new Map<CadreFlag, FlagRow[]>();
    for (const period of p.periods) {
      const flags = [...(period.post.flags ?? [])];
      if (DEPT_LEADER_POS.has(period.post.pos)) flags.push('lanh_dao_phong');
      for (const f of flags) {
        if (!acc.has(f)) acc.set(f, []);
        const list = acc.get(f)!;
        const prev = list[list.length - 1];
        if (prev && prev.to !== null && prev.to + 1 >= period.from) prev.to = period.to;
        else list.push({ flag: f, from: period.from, to: period.to, note: null });
      }
    }
    for (const list of acc.values()) p.flags.push(...list);
  }

  // Provincial Party Executive Committee (term 2020-2025), some continuing in the new city's committee.
  const provincial = people
    .map((p) => {
      const high = p.periods.filter((x) => rankOf(x.post) >= 65 && !x.unit.isNew && x.from <= CUT && (x.to === null || x.to >= PROVINCE_TERM));
      return { p, high, score: Math.max(0, ...high.map((x) => rankOf(x.post))) };
    })
    .filter((x) => x.high.length > 0)
    .sort(byKey)
    .slice(0, Math.min(50, Math.max(3, Math.round(n * 0.025))));
  for (const { p, high } of provincial) {
    p.flags.push({ flag: 'bch_tinh', from: Math.max(PROVINCE_TERM, high[0].from), to: CUT, note: 'Khóa XIV, nhiệm kỳ 2020-2025' });
    if (rng.chance(0.45)) p.flags.push({ flag: 'bch_tinh', from: NEW, to: null, note: 'Ban Chấp hành Đảng bộ thành phố Cần Thơ' });
    const earlier = p.periods.find((x) => rankOf(x.post) >= 50 && x.from <= PROVINCE_PREV_TERM && (x.to === null || x.to >= PROVINCE_PREV_TERM));
    if (earlier && rng.chance(0.5)) p.flags.push({ flag: 'bch_tinh', from: PROVINCE_PREV_TERM, to: PROVINCE_TERM - 1, note: 'Khóa XIII, nhiệm kỳ 2015-2020' });
  }

  // District Party Executive Committees (term 2020-2025, ended when the district level was abolished).
  DISTRICT_INFO.forEach((d, di) => {
    const term = dayOf('2020-06-20') + di * 3;
    const prevTerm = dayOf('2015-06-20') + di * 3;
    const cands = people
      .map((p) => ({ p, at: p.periods.find((x) => x.unit.district === d && x.to === CUT && (x.unit.family === 'huyen' || x.unit.family === 'xa')) }))
      .filter((x): x is { p: Person; at: Period } => !!x.at && x.at.to! >= term)
      .map((x) => ({ ...x, score: rankOf(x.at.post) }))
      .sort(byKey);
    const k = Math.min(30, Math.ceil(cands.length * 0.25));
    for (const { p, at } of cands.slice(0, k)) {
      p.flags.push({ flag: 'bch_huyen', from: Math.max(term, at.from), to: CUT, note: 'Nhiệm kỳ 2020-2025' });
      if (at.from <= prevTerm && rng.chance(0.5)) p.flags.push({ flag: 'bch_huyen', from: prevTerm, to: term - 1, note: 'Nhiệm kỳ 2015-2020' });
    }
  });

  // Cadres managed by the Provincial Standing Committee: the most senior posts, about 3%.
  const managed = people
    .map((p) => ({ p, score: Math.max(0, ...p.periods.map((x) => rankOf(x.post))) }))
    .filter((x) => x.score >= 40)
    .sort(byKey)
    .slice(0, Math.round(n * 0.03));
  for (const { p, score } of managed) {
    const first = p.periods.find((x) => rankOf(x.post) === score)!;
    const current = p.periods[p.periods.length - 1];
    const lastSenior = [...p.periods].reverse().find((x) => rankOf(x.post) >= 40)!;
    // Since 01/07/2025 the merged communes' secretaries and chairs are managed by the city's Standing Committee too.
    const stillManaged = rankOf(current.post) >= 40 || (current.unit.isNew && current.unit.level === 'xa' && current.tier <= 1);
    p.flags.push({ flag: 'btv_quan_ly', from: first.from, to: stillManaged ? null : lastSenior.to, note: null });
  }

  // A status ends every role the day before.
  for (const p of people) {
    if (!p.status) continue;
    const end = p.status.day - 1;
    p.flags = p.flags.filter((f) => f.from <= end);
    for (const f of p.flags) if (f.to === null || f.to > end) f.to = end;
  }
}

// ---- Writing ----------------------------------------------------------------------------------------------------

const STATUS_NOTE: Partial<Record<CadreStatus, string>> = {
  nghi_huu: 'Nghỉ hưu theo chế độ',
  chuyen_cong_tac: 'Chuyển công tác ra ngoài thành phố',
};

function writePlan(db: AppDb, ctx: CallContext, plan: Plan, seed: number, today: number): SampleResult {
  const s = db.sqlite;
  const sortBase = (s.prepare('select coalesce(max(sort_order) + 1, 0) as b from units').get() as { b: number }).b;
  const insUnit = s.prepare(
    `insert into units (name, short_name, kind, level, parent_id, valid_from, valid_to, ethnic_contact, sort_order, note)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insParent = s.prepare('insert into unit_parents (unit_id, parent_id, from_date, to_date) values (?, ?, ?, ?)');
  const setSuccessor = s.prepare('update units set successor_id = ? where id = ?');
  const insert = (u: UnitSpec): void => {
    if (u.id) return;
    if (u.parent) insert(u.parent);
    if (u.oldParent) insert(u.oldParent);
    const r = insUnit.run(u.name, u.shortName, u.kind, u.level, u.parent?.id ?? null, u.validFrom, u.validTo, u.ethnic ? 1 : 0, sortBase + u.i, u.note);
    u.id = Number(r.lastInsertRowid);
  };
  for (const u of plan.units) insert(u);
  for (const u of plan.units) {
    if (u.successor) setSuccessor.run(u.successor.id, u.id);
    if (u.oldParent !== null) {
      insParent.run(u.id, u.oldParent.id, u.validFrom, LAST_OLD_DAY);
      insParent.run(u.id, u.parent?.id ?? null, NEW_FROM, null);
    } else {
      insParent.run(u.id, u.parent?.id ?? null, u.validFrom, u.validTo);
    }
  }

  const insCadre = s.prepare(
    `insert into cadres (full_name, sex, birth_date, birth_place, home_town, address, ethnicity, religion, id_number, phone,
       party_join_date, party_official_date, category, rank_code, salary_step, salary_coefficient, recruitment_date)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insAssignment = s.prepare(
    `insert into assignments (cadre_id, unit_id, post_title, position_code, from_date, to_date, source, note) values (?, ?, ?, ?, ?, ?, 'seed', ?)`,
  );
  const insQual = s.prepare(
    `insert into qualifications (cadre_id, category, level_key, field, institution, award_date, language, fluency, certificate_no, source, note)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'seed', ?)`,
  );
  const insFlag = s.prepare('insert into cadre_flags (cadre_id, flag, from_date, to_date, note) values (?, ?, ?, ?, ?)');
  const insStatus = s.prepare('insert into cadre_status_events (cadre_id, status, effective_date, note) values (?, ?, ?, ?)');
  const d = (day: number | null) => (day === null ? null : isoOf(day));

  // Qualifications draw from their own stream, so changing them does not reshuffle names and careers.
  const qrng = createRng((seed ^ 0x5bd1e995) >>> 0);
  let qualifications = 0;
  for (const p of plan.people) {
    const r = insCadre.run(
      p.fullName, p.sex, isoOf(p.birth), p.birthPlace, p.homeTown, p.address, p.ethnicity, p.religion, p.idNumber, p.phone,
      d(p.partyJoin), d(p.partyOfficial), p.category, p.rankCode, p.salaryStep, p.salaryCoefficient, isoOf(p.recruit),
    );
    const id = Number(r.lastInsertRowid);
    for (const a of p.periods) insAssignment.run(id, a.unit.id, a.post.title, a.post.pos, isoOf(a.from), d(a.to), a.note);
    const highest = p.periods.reduce((m, x) => Math.max(m, rankOf(x.post)), rankOf(p.slot.post));
    const unit = p.slot.unit;
    const subject: QualSubject = {
      birth: p.birth, recruit: p.recruit, role: p.slot.post.role, tier: p.slot.tier, posRank: highest,
      sector: unit.kind.startsWith('su_nghiep') ? 'su_nghiep' : unit.level, domain: unit.domain, category: p.category,
      partyJoin: p.partyJoin, group: p.group, subjectField: p.subject,
    };
    for (const q of qualificationsFor(qrng, subject, today)) {
      insQual.run(id, q.category, q.level, q.field, q.institution, q.award, q.language, q.fluency, q.certificateNo, q.note);
      qualifications += 1;
    }
    for (const f of p.flags) insFlag.run(id, f.flag, isoOf(f.from), d(f.to), f.note);
    if (p.status) insStatus.run(id, p.status.kind, isoOf(p.status.day), STATUS_NOTE[p.status.kind] ?? null);
  }

  const result: SampleResult = { units: plan.units.length, cadres: plan.people.length, qualifications };
  const batchId = createBatch(db, ctx, 'seed', 'Dữ liệu mẫu');
  writeAudit(db, ctx, [{ action: 'create', entity: 'sample', entityId: 0, newValue: { ...result, seed } }], batchId);
  return result;
}
