// Dates as whole days since 1970-01-01 (UTC), which makes "between", "plus a year" and comparisons cheap when
// generating tens of thousands of careers. Converted to ISO text only when written.

import { addMonths } from '../../shared/domain/dates';

const MS = 86_400_000;
const BASE = -25_567; // 1900-01-01
const cache: string[] = [];

export function dayOf(iso: string): number {
  return Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS);
}

export function isoOf(day: number): string {
  const k = day - BASE;
  let s = cache[k];
  if (s === undefined) {
    s = new Date(day * MS).toISOString().slice(0, 10);
    cache[k] = s;
  }
  return s;
}

export const yearOf = (day: number) => Number(isoOf(day).slice(0, 4));

/** Same calendar day some years later (29/02 -> 28/02). */
export const plusYears = (day: number, years: number) => dayOf(addMonths(isoOf(day), Math.round(years * 12)));
export const plusMonths = (day: number, months: number) => dayOf(addMonths(isoOf(day), months));

/** First day on which someone born on `birth` is at least `years` old. */
export const ageReached = (birth: number, years: number) => plusYears(birth, years) + (isoOf(birth).slice(5) === '02-29' ? 1 : 0);

/** First day of the month after the day. */
export function nextMonthStart(day: number): number {
  const [y, m] = isoOf(day).split('-').map(Number);
  return m === 12 ? dayOf(`${y + 1}-01-01`) : dayOf(`${y}-${String(m + 1).padStart(2, '0')}-01`);
}

/**
 * Retirement age in months in the year the age is reached (Bộ luật Lao động 2019, Nghị định 135/2020):
 * men 60y3m in 2021 rising 3 months a year to 62; women 55y4m in 2021 rising 4 months a year to 60.
 */
export function retirementMonths(sex: 'nam' | 'nu', year: number): number {
  if (sex === 'nam') return year <= 2020 ? 720 : Math.min(744, 720 + 3 * (year - 2020));
  return year <= 2020 ? 660 : Math.min(720, 660 + 4 * (year - 2020));
}

/** The day retirement takes effect: the first day of the month after the retirement age is reached. */
export function retirementDay(birth: number, sex: 'nam' | 'nu'): number {
  const by = yearOf(birth);
  for (let y = by + 55; y <= by + 63; y++) {
    const reached = plusMonths(birth, retirementMonths(sex, y));
    if (yearOf(reached) === y) return nextMonthStart(reached);
  }
  return nextMonthStart(plusMonths(birth, retirementMonths(sex, by + 60)));
}
