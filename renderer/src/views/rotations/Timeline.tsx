import { useMemo, useState } from 'react';
import { ROTATION_STATUSES, type RotationRow } from '../../../../shared/api/rotations';
import { formatVnDate, todayIso } from '../../../../shared/domain/dates';
import { compareVietnamese, compareVietnameseNames } from '../../../../shared/domain/text';
import { useReference } from '../../data/reference';

// A Gantt-like chart of the rotations in a period: one lane per cadre, or lanes grouped under each destination
// unit; bars coloured by status, today marked; a click on a bar opens the rotation.

export const STATUS_COLOURS: Record<string, string> = { planned: '#5b7fc7', in_progress: '#2e8b57', ended: '#8d8d8d', cancelled: '#d49a9a' };

const LABEL_W = 260;
const CHART_W = 960;
const LANE_H = 26;
const HEADER_H = 28;

const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

interface Lane {
  key: string;
  label: string;
  header?: boolean;
  bars: RotationRow[];
}

export function Timeline({ rows, onOpen }: { rows: RotationRow[]; onOpen(id: number): void }) {
  const ref = useReference();
  const thisYear = Number(todayIso().slice(0, 4));
  const [fromYear, setFromYear] = useState(thisYear - 2);
  const [toYear, setToYear] = useState(thisYear + 3);
  const [groupBy, setGroupBy] = useState<'cadre' | 'unit'>('cadre');
  const [showCancelled, setShowCancelled] = useState(false);

  const periodStart = `${fromYear}-01-01`;
  const periodEnd = `${Math.max(fromYear, toYear)}-12-31`;
  const d0 = dayNumber(periodStart);
  const span = dayNumber(periodEnd) + 1 - d0;
  const x = (iso: string) => LABEL_W + Math.max(0, Math.min(1, (dayNumber(iso) - d0) / span)) * CHART_W;

  const lanes = useMemo<Lane[]>(() => {
    const inPeriod = rows.filter((r) => {
      if (r.deletedAt || (!showCancelled && r.status === 'cancelled')) return false;
      const s = r.actualStart ?? r.plannedStart;
      const e = r.actualEnd ?? r.plannedEnd ?? '9999-12-31';
      return s <= periodEnd && e >= periodStart;
    });
    if (groupBy === 'cadre') {
      const byCadre = new Map<number, RotationRow[]>();
      for (const r of inPeriod) byCadre.set(r.cadreId, [...(byCadre.get(r.cadreId) ?? []), r]);
      return [...byCadre.values()]
        .sort((a, b) => compareVietnameseNames(a[0].cadreName, b[0].cadreName))
        .map((bars) => ({ key: `c${bars[0].cadreId}`, label: bars[0].cadreName, bars }));
    }
    const byUnit = new Map<number, RotationRow[]>();
    for (const r of inPeriod) byUnit.set(r.toUnitId, [...(byUnit.get(r.toUnitId) ?? []), r]);
    const out: Lane[] = [];
    for (const [unitId, list] of [...byUnit.entries()].sort((a, b) => compareVietnamese(ref.unitName(a[0]), ref.unitName(b[0])))) {
      out.push({ key: `u${unitId}`, label: ref.unitName(unitId), header: true, bars: [] });
      for (const r of list.sort((a, b) => (a.actualStart ?? a.plannedStart).localeCompare(b.actualStart ?? b.plannedStart))) {
        out.push({ key: `r${r.id}`, label: r.cadreName, bars: [r] });
      }
    }
    return out;
  }, [rows, showCancelled, periodStart, periodEnd, groupBy, ref]);

  const years = Array.from({ length: Math.max(fromYear, toYear) - fromYear + 1 }, (_, i) => fromYear + i);
  const height = HEADER_H + lanes.length * LANE_H + 22;
  const today = todayIso();
  const yearOptions = Array.from({ length: 21 }, (_, i) => thisYear - 12 + i);

  return (
    <div className="rot-timeline">
      <div className="toolbar">
        <label>Từ năm <select aria-label="Từ năm" value={fromYear} onChange={(e) => setFromYear(Number(e.target.value))}>{yearOptions.map((y) => <option key={y}>{y}</option>)}</select></label>
        <label>đến năm <select aria-label="Đến năm" value={toYear} onChange={(e) => setToYear(Number(e.target.value))}>{yearOptions.map((y) => <option key={y}>{y}</option>)}</select></label>
        <label>Nhóm theo <select aria-label="Nhóm theo" value={groupBy} onChange={(e) => setGroupBy(e.target.value as 'cadre' | 'unit')}><option value="cadre">Cán bộ</option><option value="unit">Đơn vị nơi đến</option></select></label>
        <label className="check"><input type="checkbox" checked={showCancelled} onChange={(e) => setShowCancelled(e.target.checked)} /> Hiện đợt đã huỷ</label>
        <span className="spacer" />
        {Object.entries(ROTATION_STATUSES).map(([k, v]) => (
          <span key={k} className="rot-legend"><i style={{ background: STATUS_COLOURS[k] }} /> {v}</span>
        ))}
      </div>
      {lanes.length === 0 ? (
        <p className="view-padded muted">Không có đợt luân chuyển nào trong giai đoạn này.</p>
      ) : (
        <div className="rot-timeline-scroll">
          <svg width={LABEL_W + CHART_W + 10} height={height} role="img" aria-label={`Biểu đồ luân chuyển ${fromYear}-${toYear}`} data-testid="rotation-timeline">
            {years.map((y) => (
              <g key={y}>
                <line x1={x(`${y}-01-01`)} x2={x(`${y}-01-01`)} y1={HEADER_H - 6} y2={height} stroke="#e3d9cb" />
                <text x={x(`${y}-01-01`) + 4} y={18} fontSize={12} fill="#6b5d4f">{y}</text>
              </g>
            ))}
            {lanes.map((lane, i) => {
              const y = HEADER_H + i * LANE_H;
              return (
                <g key={lane.key}>
                  {lane.header && <rect x={0} y={y} width={LABEL_W + CHART_W} height={LANE_H} fill="#f3ede4" />}
                  <text x={lane.header ? 6 : 14} y={y + 17} fontSize={12} fontWeight={lane.header ? 700 : 400}>
                    {lane.label.length > 38 ? `${lane.label.slice(0, 37)}…` : lane.label}
                  </text>
                  {lane.bars.map((r) => {
                    const s = r.actualStart ?? r.plannedStart;
                    const e = r.actualEnd ?? r.plannedEnd ?? periodEnd;
                    const x1 = x(s);
                    const x2 = Math.max(x1 + 3, x(e));
                    const tip = `${r.cadreName} → ${ref.unitName(r.toUnitId)}: ${formatVnDate(s)} – ${formatVnDate(e)} (${ROTATION_STATUSES[r.status as keyof typeof ROTATION_STATUSES] ?? r.status})${r.warnings.length ? ` · ${r.warnings.length} cảnh báo` : ''}`;
                    return (
                      <g key={r.id} className="rot-bar" data-rotation-id={r.id} data-status={r.status} onClick={() => onOpen(r.id)} role="button" aria-label={tip} tabIndex={0}
                        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onOpen(r.id))}>
                        <title>{tip}</title>
                        <rect x={x1} y={y + 5} width={x2 - x1} height={LANE_H - 10} rx={3} fill={STATUS_COLOURS[r.status] ?? '#999'} stroke={r.warnings.length ? '#b7791f' : 'none'} strokeWidth={r.warnings.length ? 2 : 0} />
                      </g>
                    );
                  })}
                </g>
              );
            })}
            {today >= periodStart && today <= periodEnd && (
              <g data-testid="timeline-today">
                <line x1={x(today)} x2={x(today)} y1={HEADER_H - 6} y2={height - 16} stroke="#c0392b" strokeWidth={2} />
                <text x={x(today)} y={height - 4} fontSize={11} fill="#c0392b" textAnchor="middle">Hôm nay {formatVnDate(today)}</text>
              </g>
            )}
          </svg>
        </div>
      )}
    </div>
  );
}
