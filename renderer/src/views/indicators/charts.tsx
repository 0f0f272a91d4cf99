import { useMemo } from 'react';
import { AgCharts } from 'ag-charts-react';
import { AllCommunityModule, ModuleRegistry, type AgCartesianChartOptions } from 'ag-charts-community';
import type { IndicatorResult, SeriesPoint } from '../../../../shared/api/indicators';
import { fmtNum, fmtValue, targetOf } from './format';

ModuleRegistry.registerModules([AllCommunityModule]);

// Charts of the indicator dashboard (AG Charts Community): the trend of one indicator over the quarters since 2021
// against its target lines, and all percentage indicators of the chosen date against their nearer target.

const RED = '#9b1c1c';
const FONT = "'Segoe UI', 'Noto Sans', 'Liberation Sans', Arial, sans-serif";

export function TrendChart({ row, points }: { row: IndicatorResult; points: SeriesPoint[] | null }) {
  const options = useMemo<AgCartesianChartOptions>(() => {
    const t2025 = targetOf(row, 2025);
    const t2030 = targetOf(row, 2030);
    const data = (points ?? []).map((p) => ({
      label: `Q${['I', 'II', 'III', 'IV'][p.quarter - 1]}/${p.year}`,
      value: p.value,
      n: p.n,
      N: p.N,
      t2025,
      t2030,
    }));
    const unitLabel = row.unit === 'percent' ? '%' : row.unit === 'per10k' ? '/vạn dân' : '';
    const series: AgCartesianChartOptions['series'] = [
      {
        type: 'line',
        xKey: 'label',
        yKey: 'value',
        yName: 'Kết quả',
        stroke: RED,
        marker: { fill: RED, stroke: RED, size: 6 },
        tooltip: {
          renderer: ({ datum }: { datum: any }) => ({
            heading: datum.label,
            data: [{ label: 'Kết quả', value: `${fmtValue(datum.value, row.unit)}${datum.N !== null && datum.N !== undefined ? ` (${datum.n}/${datum.N})` : ''}` }],
          }),
        },
      } as any,
    ];
    if (t2025 !== null) series.push({ type: 'line', xKey: 'label', yKey: 't2025', yName: `Mục tiêu 2025 (${fmtNum(t2025)}${unitLabel})`, stroke: '#b8860b', lineDash: [6, 4], marker: { enabled: false } } as any);
    if (t2030 !== null) series.push({ type: 'line', xKey: 'label', yKey: 't2030', yName: `Mục tiêu 2030 (${fmtNum(t2030)}${unitLabel})`, stroke: '#1d6b35', lineDash: [2, 4], marker: { enabled: false } } as any);
    return {
      data,
      series,
      axes: {
        x: { type: 'category', position: 'bottom', label: { rotation: -45, fontSize: 10 } },
        y: { type: 'number', position: 'left', min: row.unit === 'percent' ? 0 : undefined, max: row.unit === 'percent' ? 100 : undefined, title: { text: unitLabel || 'Số lượng' } },
      },
      legend: { position: 'bottom' },
      theme: { params: { fontFamily: FONT } } as any,
      height: 280,
    } as AgCartesianChartOptions;
  }, [row, points]);
  if (points === null) return <p className="muted">Đang tính các quý từ năm 2021…</p>;
  return (
    <div data-testid="trend-chart">
      <AgCharts options={options} />
    </div>
  );
}

export function OverviewChart({ rows, onPick }: { rows: IndicatorResult[]; onPick(id: number): void }) {
  const options = useMemo<AgCartesianChartOptions>(() => {
    const data = rows
      .filter((r) => r.unit === 'percent' && r.value !== null)
      .map((r) => ({ id: r.indicatorId, code: r.code, value: r.value, target: r.gapTarget?.value ?? null, targetYear: r.gapTarget?.year ?? null }));
    return {
      data,
      series: [
        {
          type: 'bar',
          xKey: 'code',
          yKey: 'value',
          yName: 'Kết quả (%)',
          fill: RED,
          listeners: { seriesNodeClick: (e: any) => onPick(e.datum.id) },
        } as any,
        { type: 'bar', xKey: 'code', yKey: 'target', yName: 'Mục tiêu gần nhất (%)', fill: '#d9c7a7', listeners: { seriesNodeClick: (e: any) => onPick(e.datum.id) } } as any,
      ],
      axes: {
        x: { type: 'category', position: 'bottom', label: { rotation: -45, fontSize: 10 } },
        y: { type: 'number', position: 'left', min: 0, max: 100, title: { text: '%' } },
      },
      legend: { position: 'bottom' },
      theme: { params: { fontFamily: FONT } } as any,
      height: 300,
    } as AgCartesianChartOptions;
  }, [rows, onPick]);
  return (
    <div data-testid="overview-chart">
      <AgCharts options={options} />
    </div>
  );
}
