// Small helpers for the benchmark: timing, medians, and the printed table.

export async function timeMs(fn: () => unknown | Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs fn `runs` times (after one warm-up unless told otherwise) and returns the median in ms. */
export async function medianMs(fn: () => unknown | Promise<unknown>, runs: number, warmup = true): Promise<number> {
  if (warmup) await fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) xs.push(await timeMs(fn));
  return median(xs);
}

export interface Row {
  operation: string;
  value: number;
  unit: 'ms' | 'MB';
  /** What the figure is compared with: a floor measured here, or the goal. */
  floor?: { label: string; value: number };
  goal?: { value: number; text: string; maxRatio?: number };
  note?: string;
}

const fmt = (v: number, unit: string) => (unit === 'MB' ? `${v.toFixed(0)} MB` : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);

export function printTable(rows: Row[], header: string): string {
  const lines = [header, ''];
  lines.push('| operation | median | floor | ratio | goal | met |');
  lines.push('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const ratio = r.floor && r.floor.value > 0 ? `${(r.value / r.floor.value).toFixed(2)}x` : '';
    const floor = r.floor ? `${fmt(r.floor.value, r.unit)} (${r.floor.label})` : '';
    const ratioOk = !r.goal?.maxRatio || !r.floor || r.value / r.floor.value <= r.goal.maxRatio;
    const met = r.goal ? (r.value <= r.goal.value && ratioOk ? 'yes' : 'NO') : '';
    lines.push(`| ${r.operation}${r.note ? ` — ${r.note}` : ''} | ${fmt(r.value, r.unit)} | ${floor} | ${ratio} | ${r.goal?.text ?? ''} | ${met} |`);
  }
  const text = lines.join('\n');
  console.log(text);
  return text;
}
