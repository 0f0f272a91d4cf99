import type { IndicatorResult, IndicatorStatus, IndicatorUnit } from '../../../../shared/api/indicators';
import { INDICATOR_STATUS_LABELS } from '../../../../shared/api/indicators';

// Vietnamese number formatting for the indicator screens: decimal comma, thousands dot.

const nf = (digits: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const n0 = nf(0);
const n2 = nf(2);

export const fmtInt = (v: number | null | undefined) => (v === null || v === undefined ? '' : n0.format(v));
export const fmtNum = (v: number | null | undefined) => (v === null || v === undefined ? '' : n2.format(v));

/** A figure with its unit: "21,6%", "9,6 /vạn dân", "29.150". */
export function fmtValue(v: number | null | undefined, unit: IndicatorUnit): string {
  if (v === null || v === undefined) return '';
  if (unit === 'percent') return `${n2.format(v)}%`;
  if (unit === 'per10k') return `${n2.format(v)} /vạn dân`;
  return n0.format(v);
}

/** The change since the previous quarter: "+0,39 điểm %" for percentages, "+120" otherwise. */
export function fmtDelta(cur: number | null | undefined, prev: number | null | undefined, unit: IndicatorUnit): string {
  if (cur === null || cur === undefined || prev === null || prev === undefined) return '';
  const d = Math.round((cur - prev) * 100) / 100;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const abs = Math.abs(d);
  return unit === 'percent' ? `${sign}${n2.format(abs)} điểm %` : `${sign}${n2.format(abs)}`;
}

export const statusLabel = (s: IndicatorStatus | undefined) => INDICATOR_STATUS_LABELS[s ?? 'khong_ro'];

export const targetOf = (r: Pick<IndicatorResult, 'targets'>, year: number) => r.targets.find((t) => t.year === year)?.value ?? null;

/** "cần thêm 17 người" / "đã đạt". */
export function gapText(r: IndicatorResult): string {
  if (r.gap === null || r.gap === undefined) return '';
  if (r.gap === 0) return 'đã đạt';
  return `cần thêm ${fmtInt(r.gap)} người`;
}
