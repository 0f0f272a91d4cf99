import type { AppDb } from '../../open';
import { onDatabaseReplaced } from '../../replaced';
import type { Rule } from '../../../shared/api/rotations';

// Seeded, editable data the rotation rules need. Inserted once per database (never overwriting what an
// administrator changed); see ensureRotationSeeds.

export interface RuleSetSeed {
  code: string;
  name: string;
  validFrom: string;
  validTo: string | null;
  rules: Rule[];
  note: string | null;
}

export const RULE_SET_SEEDS: RuleSetSeed[] = [
  {
    code: '98-QĐ/TW',
    name: 'Quy định 98-QĐ/TW ngày 07/10/2017 của Bộ Chính trị về luân chuyển cán bộ',
    validFrom: '2017-10-07',
    validTo: '2022-04-27',
    rules: [
      { kind: 'min_months', value: 36, label: 'Thời gian luân chuyển ít nhất 3 năm (36 tháng)' },
      { kind: 'in_planning', value: null, label: 'Cán bộ luân chuyển phải trong quy hoạch' },
      { kind: 'min_years_before_retirement', value: 10, label: 'Còn đủ tuổi công tác ít nhất 2 nhiệm kỳ (10 năm) khi luân chuyển' },
      { kind: 'post_equivalent_or_higher', value: null, label: 'Chức vụ nơi đến tương đương hoặc cao hơn chức vụ hiện giữ' },
    ],
    note: 'Áp dụng cho các đợt luân chuyển bắt đầu trước ngày Quy định 65-QĐ/TW có hiệu lực. Ngưỡng do người dùng đối chiếu văn bản gốc và chỉnh sửa nếu cần.',
  },
  {
    code: '65-QĐ/TW',
    name: 'Quy định 65-QĐ/TW ngày 28/4/2022 của Bộ Chính trị về luân chuyển cán bộ',
    validFrom: '2022-04-28',
    validTo: null,
    rules: [
      { kind: 'min_months', value: 36, label: 'Thời gian luân chuyển ít nhất 3 năm (36 tháng)' },
      { kind: 'in_planning', value: null, label: 'Cán bộ luân chuyển phải trong quy hoạch' },
      { kind: 'min_years_before_retirement', value: 10, label: 'Còn ít nhất 10 năm công tác tính từ thời điểm luân chuyển' },
      { kind: 'post_equivalent_or_higher', value: null, label: 'Chức vụ nơi đến thường tương đương hoặc cao hơn chức vụ hiện giữ' },
    ],
    note: null,
  },
];

/**
 * Retirement age under normal working conditions by sex and birth month: Bộ luật Lao động 2019, Điều 169, and
 * Nghị định 135/2020/NĐ-CP, Phụ lục I (men 60y3m in 2021 rising 3 months a year to 62 in 2028; women 55y4m in 2021
 * rising 4 months a year to 60 in 2035). People born before the first band retired under the old ages (60 / 55).
 */
export const RETIREMENT_SCHEDULE_SEEDS: { sex: 'nam' | 'nu'; bornFrom: string | null; bornTo: string | null; ageYears: number; ageMonths: number }[] = [
  { sex: 'nam', bornFrom: null, bornTo: '1960-12', ageYears: 60, ageMonths: 0 },
  { sex: 'nam', bornFrom: '1961-01', bornTo: '1961-09', ageYears: 60, ageMonths: 3 },
  { sex: 'nam', bornFrom: '1961-10', bornTo: '1962-06', ageYears: 60, ageMonths: 6 },
  { sex: 'nam', bornFrom: '1962-07', bornTo: '1963-03', ageYears: 60, ageMonths: 9 },
  { sex: 'nam', bornFrom: '1963-04', bornTo: '1963-12', ageYears: 61, ageMonths: 0 },
  { sex: 'nam', bornFrom: '1964-01', bornTo: '1964-09', ageYears: 61, ageMonths: 3 },
  { sex: 'nam', bornFrom: '1964-10', bornTo: '1965-06', ageYears: 61, ageMonths: 6 },
  { sex: 'nam', bornFrom: '1965-07', bornTo: '1966-03', ageYears: 61, ageMonths: 9 },
  { sex: 'nam', bornFrom: '1966-04', bornTo: null, ageYears: 62, ageMonths: 0 },
  { sex: 'nu', bornFrom: null, bornTo: '1965-12', ageYears: 55, ageMonths: 0 },
  { sex: 'nu', bornFrom: '1966-01', bornTo: '1966-08', ageYears: 55, ageMonths: 4 },
  { sex: 'nu', bornFrom: '1966-09', bornTo: '1967-04', ageYears: 55, ageMonths: 8 },
  { sex: 'nu', bornFrom: '1967-05', bornTo: '1967-12', ageYears: 56, ageMonths: 0 },
  { sex: 'nu', bornFrom: '1968-01', bornTo: '1968-08', ageYears: 56, ageMonths: 4 },
  { sex: 'nu', bornFrom: '1968-09', bornTo: '1969-04', ageYears: 56, ageMonths: 8 },
  { sex: 'nu', bornFrom: '1969-05', bornTo: '1969-12', ageYears: 57, ageMonths: 0 },
  { sex: 'nu', bornFrom: '1970-01', bornTo: '1970-08', ageYears: 57, ageMonths: 4 },
  { sex: 'nu', bornFrom: '1970-09', bornTo: '1971-04', ageYears: 57, ageMonths: 8 },
  { sex: 'nu', bornFrom: '1971-05', bornTo: '1971-12', ageYears: 58, ageMonths: 0 },
  { sex: 'nu', bornFrom: '1972-01', bornTo: '1972-08', ageYears: 58, ageMonths: 4 },
  { sex: 'nu', bornFrom: '1972-09', bornTo: '1973-04', ageYears: 58, ageMonths: 8 },
  { sex: 'nu', bornFrom: '1973-05', bornTo: '1973-12', ageYears: 59, ageMonths: 0 },
  { sex: 'nu', bornFrom: '1974-01', bornTo: '1974-08', ageYears: 59, ageMonths: 4 },
  { sex: 'nu', bornFrom: '1974-09', bornTo: '1975-04', ageYears: 59, ageMonths: 8 },
  { sex: 'nu', bornFrom: '1975-05', bornTo: null, ageYears: 60, ageMonths: 0 },
];

const RETIREMENT_SOURCE = 'Nghị định 135/2020/NĐ-CP, Phụ lục I';
const seeded = new WeakSet<AppDb>();
// A restored backup may predate the rotation tables' seeds: check again after a restore.
onDatabaseReplaced((db) => seeded.delete(db));

/** Inserts the seeded rule sets and retirement schedule if missing; cheap after the first call per database. */
export function ensureRotationSeeds(db: AppDb): void {
  if (seeded.has(db)) return;
  db.sqlite.transaction(() => {
    const insertSet = db.sqlite.prepare(
      `insert into rotation_rule_sets (code, name, valid_from, valid_to, rules, note) values (?, ?, ?, ?, ?, ?)
       on conflict (code) do nothing`,
    );
    for (const s of RULE_SET_SEEDS) insertSet.run(s.code, s.name, s.validFrom, s.validTo, JSON.stringify(s.rules), s.note);
    const has = db.sqlite.prepare('select 1 from retirement_age_schedule limit 1').get();
    if (!has) {
      const insertBand = db.sqlite.prepare(
        'insert into retirement_age_schedule (sex, born_from, born_to, age_years, age_months, source) values (?, ?, ?, ?, ?, ?)',
      );
      for (const b of RETIREMENT_SCHEDULE_SEEDS) insertBand.run(b.sex, b.bornFrom, b.bornTo, b.ageYears, b.ageMonths, RETIREMENT_SOURCE);
    }
  }).immediate();
  seeded.add(db);
}
