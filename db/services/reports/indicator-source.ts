import type { AppDb } from '../../open';
import type { IndicatorResult } from '../../../shared/api/indicators';

// Where the report reads the resolution's indicators from: the indicator engine's computeIndicators.
// Returns null when no engine result is available, and the report then says "Chưa có dữ liệu chỉ tiêu".

export function loadIndicatorResults(_db: AppDb, _onDate: string): IndicatorResult[] | null {
  // The indicator engine (db/services/indicators/compute.ts) is being written in parallel; wired in when it lands.
  return null;
}
