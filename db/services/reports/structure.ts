import type { AppDb } from '../../open';
import type { StructureColumn, StructureMember, StructureRow, StructureTable } from '../../../shared/api/reports';
import type { CodeEntry } from '../../../shared/api/codes';
import { fail } from '../../../shared/api/envelope';
import { CADRE_CATEGORIES, UNIT_KINDS, UNIT_LEVELS, levelListOf, type QualificationCategory } from '../../../shared/domain/codes';
import { ageOn, formatVnDate } from '../../../shared/domain/dates';
import { compareVietnameseNames } from '../../../shared/domain/text';
import { codeIndex } from '../codes';

// The cadre structure at a date in the shape of Party statistics form 8B-BTCTW: rows are characteristics
// (women, ethnic minority, Party members, age bands, category, rank group, levels), columns are the total, the
// level of the unit (tỉnh/huyện/xã) and its sector (unit kind). Everything is read as of the date from the dated
// history: status on the date, the assignment in force on the date, the highest level awarded on or before it.

/** Age bands of form 8B: upper bounds inclusive; the last band is open. */
export const AGE_BANDS: { key: string; label: string; max: number | null }[] = [
  { key: 'age_le30', label: 'Từ 30 tuổi trở xuống', max: 30 },
  { key: 'age_31_35', label: 'Từ 31 đến 35 tuổi', max: 35 },
  { key: 'age_36_40', label: 'Từ 36 đến 40 tuổi', max: 40 },
  { key: 'age_41_45', label: 'Từ 41 đến 45 tuổi', max: 45 },
  { key: 'age_46_50', label: 'Từ 46 đến 50 tuổi', max: 50 },
  { key: 'age_51_55', label: 'Từ 51 đến 55 tuổi', max: 55 },
  { key: 'age_56_60', label: 'Từ 56 đến 60 tuổi', max: 60 },
  { key: 'age_gt60', label: 'Trên 60 tuổi', max: null },
];

/**
 * Rank groups (ngạch và tương đương) by salary grade: A3 = chuyên viên cao cấp, A2 = chuyên viên chính, A1/A0 =
 * chuyên viên, B = cán sự, C = nhân viên. A rank's group is `attrs.rankGroup` of its code-list row when set (so a
 * new rank is data entry in Danh mục), otherwise the default below for the seeded ranks.
 */
export const RANK_GROUPS: { key: string; label: string }[] = [
  { key: 'cvcc', label: 'Chuyên viên cao cấp và tương đương' },
  { key: 'cvc', label: 'Chuyên viên chính và tương đương' },
  { key: 'cv', label: 'Chuyên viên và tương đương' },
  { key: 'cs', label: 'Cán sự và tương đương' },
  { key: 'nv', label: 'Nhân viên' },
];
const DEFAULT_RANK_GROUP: Record<string, string> = {
  '01.001': 'cvcc', '01.002': 'cvc', '01.003': 'cv', '01.004': 'cs', '01.005': 'nv',
  '06.030': 'cvc', '06.031': 'cv',
  'V.07.01.01': 'cvcc', 'V.07.01.02': 'cvc', 'V.07.01.03': 'cv',
  // Teachers (Thông tư 01-04/2021/TT-BGDĐT): THPT hạng I, II = A2; hạng III = A1; THCS and tiểu học hạng I = A2.
  'V.07.05.13': 'cvc', 'V.07.05.14': 'cvc', 'V.07.05.15': 'cv',
  'V.07.04.30': 'cvc', 'V.07.04.31': 'cv', 'V.07.04.32': 'cv',
  'V.07.03.27': 'cvc', 'V.07.03.28': 'cv', 'V.07.03.29': 'cv',
  // Health (Thông tư liên tịch 10/2015, 26/2022/TT-BYT): bác sĩ cao cấp = A3, chính = A2, bác sĩ = A1; điều dưỡng hạng IV = B.
  'V.08.01.01': 'cvcc', 'V.08.01.02': 'cvc', 'V.08.01.03': 'cv',
  'V.08.05.11': 'cvc', 'V.08.05.12': 'cv', 'V.08.05.13': 'cs',
};

const LEVEL_SECTIONS: { category: QualificationCategory; field: 'professionalLevel' | 'politicalLevel' | 'stateMgmtLevel'; title: string; none: string }[] = [
  { category: 'chuyen_mon', field: 'professionalLevel', title: 'Trình độ chuyên môn', none: 'Chưa qua đào tạo chuyên môn' },
  { category: 'ly_luan_chinh_tri', field: 'politicalLevel', title: 'Trình độ lý luận chính trị', none: 'Chưa có trình độ lý luận chính trị' },
  { category: 'quan_ly_nha_nuoc', field: 'stateMgmtLevel', title: 'Trình độ quản lý nhà nước', none: 'Chưa bồi dưỡng quản lý nhà nước' },
];

/** What the table reads of a working cadre on the date. */
interface Person {
  id: number;
  sex: string | null;
  birthDate: string | null;
  ethnicity: string | null;
  partyJoinDate: string | null;
  category: string;
  rankCode: string | null;
  unitId: number | null;
  professionalLevel: string | null;
  politicalLevel: string | null;
  stateMgmtLevel: string | null;
}

/** One working cadre as counted on the date. */
interface Counted {
  row: Person;
  level: string;
  kind: string;
  age: number | null;
  /** The rank group of the cadre's rank (null: none or unknown), read once per rank. */
  rankGroup: string | null;
  /** Indexes of the columns of the unit's level and kind (-1: a level or kind without a column). */
  levelColumn: number;
  kindColumn: number;
}

/** A text literal for SQL (keys come from data: quotes doubled). */
const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;

type Codes = Map<string, Map<string, CodeEntry>>;
/** A value per cadre, at the cadre's id (ids are dense row ids; a JS array turns sparse by itself if they are not). */
type ByCadre<T> = (T | undefined)[];
const LEVEL_CATEGORIES = ['chuyen_mon', 'ly_luan_chinh_tri', 'quan_ly_nha_nuoc'] as const satisfies readonly QualificationCategory[];

/**
 * Runs a query and returns its columns as arrays. SQLite builds each column as one JSON text (json_group_array), which
 * is several times cheaper than a JS array per row for tens of thousands of rows. The subquery's order is kept.
 */
function columnArrays(db: AppDb, sql: string, names: string[], params: Record<string, unknown>): unknown[][] {
  const texts = db.sqlite.prepare(`select ${names.map((n) => `json_group_array(${n})`).join(', ')} from (${sql})`).raw(true).get(params) as string[];
  return texts.map((t) => JSON.parse(t) as unknown[]);
}

/**
 * The highest level of each category awarded on or before @d, per cadre, by the rule of the cadre grid's level
 * columns (highest rank, then latest award, then newest row). When a category's ranks are all distinct, only the rank
 * decides: it is the maximum of the level's place in rank order, and all such categories are counted in one grouped
 * walk of the covering index (one statement for the three, not a search per cadre and category). A list with equal
 * ranks needs the ordered search per cadre (tie broken by award date, then row), kept for that list only.
 */
function highestLevels(db: AppDb, asOf: string, codes: Codes): Map<QualificationCategory, ByCadre<string>> {
  const out = new Map<QualificationCategory, ByCadre<string>>();
  const byPlace: { category: QualificationCategory; levels: CodeEntry[] }[] = [];
  for (const category of LEVEL_CATEGORIES) {
    const levels = [...(codes.get(levelListOf(category))?.values() ?? [])].sort((a, b) => a.rank - b.rank);
    out.set(category, []);
    if (levels.length === 0) continue;
    if (new Set(levels.map((l) => l.rank)).size === levels.length) {
      byPlace.push({ category, levels });
      continue;
    }
    const [ids, keys] = columnArrays(
      db,
      `select q.cadre_id as id, (select x.level_key from qualifications x
                 join code_lists cl on cl.list = ${lit(`level.${category}`)} and cl.key = x.level_key
                where x.cadre_id = q.cadre_id and x.category = ${lit(category)} and x.deleted_at is null
                  and (x.award_date is null or x.award_date <= @d)
                order by cl.rank desc, x.award_date desc, x.id desc limit 1) as k
         from qualifications q
        where q.category = ${lit(category)} and q.deleted_at is null and (q.award_date is null or q.award_date <= @d)
        group by q.cadre_id`,
      ['id', 'k'],
      { d: asOf },
    ) as [number[], (string | null)[]];
    const byCadre = out.get(category)!;
    ids.forEach((id, i) => {
      if (keys[i] !== null) byCadre[id] = keys[i] as string;
    });
  }
  if (byPlace.length > 0) {
    const names = byPlace.map((_, i) => `l${i}`);
    const [ids, ...places] = columnArrays(
      db,
      `select cadre_id as id, ${byPlace
        .map(({ category, levels }, i) => `max(case when category = ${lit(category)} then case level_key ${levels.map((l, k) => `when ${lit(l.key)} then ${k}`).join(' ')} end end) as ${names[i]}`)
        .join(', ')}
         from qualifications
        where deleted_at is null and (award_date is null or award_date <= @d) and category in (${byPlace.map((b) => lit(b.category)).join(', ')})
        group by cadre_id`,
      ['id', ...names],
      { d: asOf },
    ) as [number[], ...(number | null)[][]];
    byPlace.forEach(({ category, levels }, i) => {
      const byCadre = out.get(category)!;
      const place = places[i];
      for (let k = 0; k < ids.length; k++) if (place[k] !== null) byCadre[ids[k]] = levels[place[k] as number].key;
    });
  }
  return out;
}

/**
 * The cadres at work on @d with only what the table counts: the status on @d is the latest event on or before it
 * (the few who left are found once from the events), the unit is that of the assignment in force (the latest
 * started, then the newest row), the levels are the highest held. Each is one statement over its own table, joined
 * here by cadre id: correlated searches per cadre (an assignment and three qualification searches for each of
 * 50,000 people) cost twice as much.
 */
function workingOn(db: AppDb, asOf: string, codes: Codes): Person[] {
  const params = { d: asOf };
  const left = new Set(
    (db.sqlite
      .prepare(
        `select s.cadre_id from (
           select cadre_id, status, row_number() over (partition by cadre_id order by effective_date desc, id desc) as rn
             from cadre_status_events where effective_date <= @d) s
          where s.rn = 1 and s.status <> 'dang_cong_tac'`,
      )
      .pluck()
      .all(params) as number[]),
  );
  const [aCadre, aUnit, aFrom, aId] = columnArrays(
    db,
    `select cadre_id, unit_id, from_date, id from assignments
      where deleted_at is null and from_date <= @d and (to_date is null or to_date >= @d)`,
    ['cadre_id', 'unit_id', 'from_date', 'id'],
    params,
  ) as [number[], number[], string[], number[]];
  // The assignment in force: the latest started, then the newest row (as the cadre grid reads it).
  const pickedAt: ByCadre<number> = [];
  for (let i = 0; i < aCadre.length; i++) {
    const at = pickedAt[aCadre[i]];
    if (at === undefined || aFrom[i] > aFrom[at] || (aFrom[i] === aFrom[at] && aId[i] > aId[at])) pickedAt[aCadre[i]] = i;
  }
  const levels = highestLevels(db, asOf, codes);
  const [prof, pol, mgmt] = LEVEL_CATEGORIES.map((c) => levels.get(c)!);
  const [id, sex, birthDate, ethnicity, partyJoinDate, category, rankCode] = columnArrays(
    db,
    'select id, sex, birth_date, ethnicity, party_join_date, category, rank_code from cadres where deleted_at is null order by id',
    ['id', 'sex', 'birth_date', 'ethnicity', 'party_join_date', 'category', 'rank_code'],
    params,
  ) as [number[], (string | null)[], (string | null)[], (string | null)[], (string | null)[], string[], (string | null)[]];
  const people: Person[] = [];
  for (let i = 0; i < id.length; i++) {
    const c = id[i];
    if (left.has(c)) continue;
    people.push({
      id: c,
      sex: sex[i],
      birthDate: birthDate[i],
      ethnicity: ethnicity[i],
      partyJoinDate: partyJoinDate[i],
      category: category[i],
      rankCode: rankCode[i],
      unitId: pickedAt[c] === undefined ? null : aUnit[pickedAt[c]],
      professionalLevel: prof[c] ?? null,
      politicalLevel: pol[c] ?? null,
      stateMgmtLevel: mgmt[c] ?? null,
    });
  }
  return people;
}

function structureColumns(): StructureColumn[] {
  return [
    { key: 'total', label: 'Tổng số', group: 'total' },
    ...Object.entries(UNIT_LEVELS).map(([key, label]) => ({ key: `level:${key}`, label, group: 'level' as const })),
    ...Object.entries(UNIT_KINDS).map(([key, label]) => ({ key: `kind:${key}`, label, group: 'kind' as const })),
  ];
}

/** A row of the table before counting: what it is and who counts in it. */
type RowDef = Omit<StructureRow, 'values'> & { test: (p: Counted) => boolean; part?: Partition };

/**
 * Rows that split people by one value each (age band, category, rank group, a level): counting reads the value once
 * per person and finds its row, instead of asking each row's test (50,000 people x 45 rows). The test stays the
 * row's definition (the member lists use it) and agrees with the value the row is filed under.
 */
interface Partition {
  of: (p: Counted) => unknown;
  rowOf: Map<unknown, number>;
}

/** The people counted on the date and the table's rows and columns, shared by the counts and the member lists. */
function structureModel(db: AppDb, asOf: string) {
  const codes = codeIndex(db);
  const working = workingOn(db, asOf, codes);
  const columns = structureColumns();
  const columnIndex = new Map(columns.map((c, i) => [c.key, i]));
  // Each unit's columns are found once, not once per person.
  const units = new Map(
    (db.sqlite.prepare('select id, level, kind from units where deleted_at is null').all() as { id: number; level: string; kind: string }[]).map((u) => [
      u.id,
      { ...u, levelColumn: columnIndex.get(`level:${u.level}`) ?? -1, kindColumn: columnIndex.get(`kind:${u.kind}`) ?? -1 },
    ]),
  );
  const rankGroupOf = (rankKey: string | null): string | null => {
    if (!rankKey) return null;
    const fromList = codes.get('rank')?.get(rankKey)?.attrs?.rankGroup;
    return typeof fromList === 'string' ? fromList : DEFAULT_RANK_GROUP[rankKey] ?? null;
  };
  // Many people share a birth date and a rank: each is read once.
  const ages = new Map<string | null, number | null>();
  const rankGroups = new Map<string | null, string | null>();
  const counted: Counted[] = [];
  let withoutAssignment = 0;
  for (const row of working) {
    const unit = row.unitId !== null ? units.get(row.unitId) : undefined;
    if (!unit) {
      withoutAssignment += 1;
      continue;
    }
    let age = ages.get(row.birthDate);
    if (age === undefined) ages.set(row.birthDate, (age = ageOn(row.birthDate, asOf)));
    let rankGroup = rankGroups.get(row.rankCode);
    if (rankGroup === undefined) rankGroups.set(row.rankCode, (rankGroup = rankGroupOf(row.rankCode)));
    counted.push({ row, level: unit.level, kind: unit.kind, age, rankGroup, levelColumn: unit.levelColumn, kindColumn: unit.kindColumn });
  }

  /** The columns a person counts in: the total, the unit's level, the unit's kind. */
  const columnsOf = (p: Counted) => [0, p.levelColumn, p.kindColumn].filter((i) => i >= 0);

  // Rows are declared first (key, label, who counts), then every person is visited once.
  const defs: RowDef[] = [];
  const partitions: Partition[] = [];
  const partition = (of: (p: Counted) => unknown): Partition => {
    const made = { of, rowOf: new Map<unknown, number>() };
    partitions.push(made);
    return made;
  };
  /** Declares a row; `filed`: the partition and the value its people have there. */
  const countRow = (key: string, label: string, section: string, indent: number, test: (p: Counted) => boolean, filed?: [Partition, unknown]) => {
    if (filed) filed[0].rowOf.set(filed[1], defs.length);
    defs.push({ key, label, section, indent, measure: 'count', test, part: filed?.[0] });
  };

  const minorityKeys = new Set([...(codes.get('ethnicity')?.values() ?? [])].filter((e) => e.attrs?.minority === true).map((e) => e.key));

  countRow('total', 'Tổng số cán bộ, công chức, viên chức', 'Tổng số', 0, () => true);
  countRow('women', 'Nữ', 'Tổng số', 1, (p) => p.row.sex === 'nu');
  countRow('minority', 'Người dân tộc thiểu số', 'Tổng số', 1, (p) => !!p.row.ethnicity && minorityKeys.has(p.row.ethnicity));
  countRow('party', 'Đảng viên', 'Tổng số', 1, (p) => !!p.row.partyJoinDate && p.row.partyJoinDate <= asOf);

  const AGE = 'Độ tuổi';
  // Bands ascend: a person's band is the first whose upper bound is not below the age.
  const ageBand = partition((p) => (p.age === null ? null : AGE_BANDS.findIndex((b) => b.max === null || (p.age as number) <= b.max)));
  let lower = -Infinity;
  AGE_BANDS.forEach((band, i) => {
    const lo = lower;
    countRow(band.key, band.label, AGE, 1, (p) => p.age !== null && p.age > lo && (band.max === null || p.age <= band.max), [ageBand, i]);
    lower = band.max ?? Infinity;
  });
  if (counted.some((p) => p.age === null)) countRow('age_unknown', 'Chưa rõ ngày sinh', AGE, 1, (p) => p.age === null, [ageBand, null]);
  const AGE_AVG = 'age_avg';
  defs.push({ key: AGE_AVG, label: 'Tuổi bình quân', section: AGE, indent: 1, measure: 'average', test: (p) => p.age !== null });

  const CATEGORY = 'Phân loại';
  const byCategory = partition((p) => p.row.category);
  for (const [key, label] of Object.entries(CADRE_CATEGORIES)) countRow(`category_${key}`, label, CATEGORY, 1, (p) => p.row.category === key, [byCategory, key]);

  const RANK = 'Ngạch và tương đương';
  const knownGroups = new Set(RANK_GROUPS.map((g) => g.key));
  const byRankGroup = partition((p) => (knownGroups.has(p.rankGroup ?? '') ? p.rankGroup : null));
  for (const g of RANK_GROUPS) countRow(`rank_${g.key}`, g.label, RANK, 1, (p) => p.rankGroup === g.key, [byRankGroup, g.key]);
  countRow('rank_none', 'Chưa xếp ngạch hoặc ngạch khác', RANK, 1, (p) => !knownGroups.has(p.rankGroup ?? ''), [byRankGroup, null]);

  for (const s of LEVEL_SECTIONS) {
    const list = [...(codes.get(levelListOf(s.category))?.values() ?? [])].sort((a, b) => b.rank - a.rank || a.name.localeCompare(b.name, 'vi'));
    const levelOf = (p: Counted) => p.row[s.field];
    const byLevel = partition((p) => levelOf(p) || null);
    const postgraduate = list.filter((l) => l.attrs?.postgraduate === true);
    if (postgraduate.length) {
      const keys = new Set(postgraduate.map((l) => l.key));
      countRow(`${s.category}_postgraduate`, 'Sau đại học', s.title, 1, (p) => keys.has(levelOf(p) ?? ''));
      for (const l of postgraduate) countRow(`${s.category}_${l.key}`, l.name, s.title, 2, (p) => levelOf(p) === l.key, [byLevel, l.key]);
    }
    for (const l of list.filter((x) => x.attrs?.postgraduate !== true)) {
      // An inactive level is shown only while somebody still holds it.
      if (!l.active && !counted.some((p) => levelOf(p) === l.key)) continue;
      countRow(`${s.category}_${l.key}`, l.name, s.title, 1, (p) => levelOf(p) === l.key, [byLevel, l.key]);
    }
    countRow(`${s.category}_none`, s.none, s.title, 1, (p) => !levelOf(p), [byLevel, null]);
  }

  return { counted, withoutAssignment, columns, columnsOf, defs, partitions, codes };
}

export function computeStructure(db: AppDb, asOf: string): StructureTable {
  const { counted, withoutAssignment, columns, defs, partitions, codes } = structureModel(db, asOf);
  // Counts per row and column, and age sums for the average row, allocating nothing per person: a row filed in a
  // partition is counted through it (one value per person), any other row by its test, one row at a time.
  const counts = defs.map(() => new Array<number>(columns.length).fill(0));
  const ageSums = new Array<number>(columns.length).fill(0);
  const add = (into: number[], p: Counted, v: number) => {
    into[0] += v;
    if (p.levelColumn >= 0) into[p.levelColumn] += v;
    if (p.kindColumn >= 0) into[p.kindColumn] += v;
  };
  for (const part of partitions) {
    for (const p of counted) {
      const r = part.rowOf.get(part.of(p));
      if (r !== undefined) add(counts[r], p, 1);
    }
  }
  defs.forEach((d, r) => {
    if (d.part) return;
    for (const p of counted) {
      if (!d.test(p)) continue;
      add(counts[r], p, 1);
      if (d.measure === 'average') add(ageSums, p, p.age as number);
    }
  });
  const rows: StructureRow[] = defs.map(({ test: _test, part: _part, ...d }, r) => ({
    ...d,
    values: d.measure === 'average' ? counts[r].map((n, c) => (n > 0 ? Math.round((ageSums[c] / n) * 10) / 10 : null)) : counts[r],
  }));

  // The rule for "sau đại học" is the code list's (attrs.postgraduate), so the printed note follows an edited list.
  const postgraduateNames = [...(codes.get(levelListOf('chuyen_mon'))?.values() ?? [])]
    .filter((l) => l.attrs?.postgraduate === true)
    .sort((a, b) => a.rank - b.rank)
    .map((l) => l.name.charAt(0).toLocaleLowerCase('vi') + l.name.slice(1));
  const notes = [
    `Số liệu tính đến ngày ${formatVnDate(asOf)}: cán bộ, công chức, viên chức đang công tác, theo đơn vị công tác tại ngày đó; cấp và khối là cấp, loại của đơn vị.`,
    `Trình độ là trình độ cao nhất được cấp đến ngày trên (văn bằng không ghi ngày cấp được tính là đã có); tuổi tính tròn năm đến ngày trên. Sau đại học gồm: ${postgraduateNames.join(', ')} (theo danh mục trình độ chuyên môn).`,
    'Ngạch theo hồ sơ hiện tại, xếp nhóm theo loại công chức, viên chức (A3, A2, A1, B, C).',
  ];
  if (withoutAssignment > 0) {
    notes.push(`${withoutAssignment} người đang công tác chưa có quá trình công tác tại ngày trên nên chưa được tính vào bảng.`);
  }
  return { asOf, columns, rows, withoutAssignment, notes };
}

/** The people behind one cell of the table (row key x column key) on the date, by name. */
export function structureMembers(db: AppDb, asOf: string, rowKey: string, columnKey: string): StructureMember[] {
  const { counted, columns, columnsOf, defs } = structureModel(db, asOf);
  const def = defs.find((d) => d.key === rowKey);
  const column = columns.findIndex((c) => c.key === columnKey);
  if (!def || column < 0) throw fail.validation('Ô số liệu không tồn tại trong bảng cơ cấu.');
  const members = counted.filter((p) => def.test(p) && columnsOf(p).includes(column));
  // Names, units and post titles of just these people, in one statement.
  const details = new Map(
    (db.sqlite
      .prepare(
        `select c.id, c.full_name as fullName, u.name as unitName, a.post_title as postTitle
           from cadres c
           left join assignments a on a.id = (
                 select x.id from assignments x
                  where x.cadre_id = c.id and x.deleted_at is null and x.from_date <= @d and (x.to_date is null or x.to_date >= @d)
                  order by x.from_date desc, x.id desc limit 1)
           left join units u on u.id = a.unit_id
          where c.id in (select value from json_each(@ids))`,
      )
      .all({ d: asOf, ids: JSON.stringify(members.map((p) => p.row.id)) }) as { id: number; fullName: string; unitName: string | null; postTitle: string | null }[]).map((r) => [r.id, r]),
  );
  return members
    .map((p) => {
      const d = details.get(p.row.id);
      return { cadreId: p.row.id, fullName: d?.fullName ?? '', birthDate: p.row.birthDate, age: p.age, unitName: d?.unitName ?? '', postTitle: d?.postTitle ?? null };
    })
    .sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));
}
