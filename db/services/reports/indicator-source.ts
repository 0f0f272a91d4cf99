import type { AppDb } from '../../open';
import type { IndicatorResult } from '../../../shared/api/indicators';
import { computeIndicators, prepareIndicatorDates } from '../indicators/compute';
import { resolveResolutionId } from '../indicators/store';

// Where the report reads the resolution's indicators from: the indicator engine. The resolution is the one in
// force at the quarter's end, and the previous quarter is read against the same resolution so the change compares
// like with like. Returns null when there is no resolution at all ("Chưa có dữ liệu chỉ tiêu").

export function loadIndicatorResults(db: AppDb, onDate: string, resolutionOn: string = onDate): IndicatorResult[] | null {
  const resolutionId = resolveResolutionId(db, undefined, resolutionOn);
  if (resolutionId === null) return null;
  return computeIndicators(db, { onDate, resolutionId });
}

/** The report reads its quarter and the one before against the same resolution: both are counted in one go. */
export function prepareIndicatorResults(db: AppDb, dates: string[], resolutionOn: string): void {
  const resolutionId = resolveResolutionId(db, undefined, resolutionOn);
  if (resolutionId !== null) prepareIndicatorDates(db, { dates, resolutionId });
}
