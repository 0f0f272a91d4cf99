import type { ReportIndicatorRow } from '../../../shared/api/reports';
import { assessResult, nearerTarget, type IndicatorResult } from '../../../shared/api/indicators';

// Turns the indicator engine's results at quarter end (and at the previous quarter's end) into the rows of the
// report's indicator table: both targets, this quarter's value with n/N, the previous value, the change and the gap.

/** The two target years the resolution names (2021-2025, vision to 2030). */
export const TARGET_YEARS = [2025, 2030] as const;

const targetOf = (r: IndicatorResult, year: number) => r.targets.find((t) => t.year === year)?.value ?? null;
const round = (v: number) => Math.round(v * 100) / 100;

export function indicatorRows(current: IndicatorResult[], previous: IndicatorResult[], asOf: string): ReportIndicatorRow[] {
  const before = new Map(previous.map((r) => [r.indicatorId, r]));
  return current.map((r) => {
    const prev = before.get(r.indicatorId);
    const assessed = assessResult(r, asOf);
    const gapTarget = r.gapTarget ?? assessed.gapTarget ?? nearerTarget(r.targets, asOf);
    const previousValue = prev?.value ?? null;
    return {
      code: r.code,
      text: r.text,
      kind: r.kind,
      unit: r.unit,
      target2025: targetOf(r, TARGET_YEARS[0]),
      target2030: targetOf(r, TARGET_YEARS[1]),
      value: r.value,
      n: r.n,
      N: r.N,
      previousValue,
      change: r.value !== null && previousValue !== null ? round(r.value - previousValue) : null,
      gapTargetYear: gapTarget?.year ?? null,
      gap: r.value !== null && gapTarget ? round(r.value - gapTarget.value) : null,
      peopleNeeded: r.gap ?? assessed.gap,
      status: r.status ?? assessed.status,
      source: r.source ?? null,
      note: r.note ?? null,
    };
  });
}
