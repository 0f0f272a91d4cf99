import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact, type CustomCellRendererProps } from 'ag-grid-react';
import type { ColDef, GridApi } from 'ag-grid-community';
import { call, errorMessage } from '../../api';
import type { IndicatorResult, MemberSet, SeriesPoint } from '../../../../shared/api/indicators';
import { previousQuarter, quarterEnd, quarterLabel, quarterOf, formatVnDate } from '../../../../shared/domain/dates';
import { gridLocale, gridTheme } from '../../grid/setup';
import { ExportButtons } from '../../grid/ExportButtons';
import { useReference } from '../../data/reference';
import { useNotify } from '../../components/notify';
import { PeriodPicker } from './PeriodPicker';
import { MembersDialog } from './MembersDialog';
import { fmtDelta, fmtInt, fmtValue, gapText, statusLabel, targetOf } from './format';

// Bảng chỉ tiêu: every indicator of the resolution on the chosen date, with n / N, targets, the people still
// needed, a status colour and the change since the previous quarter; the trend of the selected indicator and an
// overview chart; a click on n, N or the gap opens the people behind it.

// The charts' code (AG Charts) is asked for with this tab's, so it is there when the trend arrives.
const chartsModule = import('./charts');
const TrendChart = lazy(() => chartsModule.then((m) => ({ default: m.TrendChart })));
const OverviewChart = lazy(() => chartsModule.then((m) => ({ default: m.OverviewChart })));

export interface DashboardRow extends IndicatorResult {
  prevValue: number | null;
}

/** The quarter end before the date's quarter (for a quarter end: the previous quarter's end). */
export function previousQuarterEnd(onDate: string): string {
  return quarterEnd(previousQuarter(quarterOf(onDate)));
}

export function DashboardTab({ onDate, setOnDate }: { onDate: string; setOnDate(d: string): void }) {
  const ref = useReference();
  const notify = useNotify();
  const [rows, setRows] = useState<DashboardRow[] | null>(null);
  const [series, setSeries] = useState<Map<number, SeriesPoint[]> | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [members, setMembers] = useState<{ row: IndicatorResult; set: MemberSet } | null>(null);

  // The two dates are asked for one after the other, each only while its answer is still wanted (this tab shown, the
  // date unchanged): the host computes one request at a time, so asking for both at once gains nothing, and a
  // clerk who moves on (say, to the report tab) would otherwise wait behind the second for nothing.
  const loads = useRef(0);
  const load = useCallback(async () => {
    const mine = ++loads.current;
    const wanted = () => loads.current === mine;
    setRows(null);
    setSeries(null);
    try {
      const cur = await call('indicators.compute', { onDate });
      if (!wanted()) return;
      const prev = await call('indicators.compute', { onDate: previousQuarterEnd(onDate) });
      if (!wanted()) return;
      const prevById = new Map(prev.map((p) => [p.indicatorId, p.value]));
      setRows(cur.map((r) => ({ ...r, prevValue: prevById.get(r.indicatorId) ?? null })));
      setSelected((s) => s ?? cur.find((r) => r.code === '1b')?.indicatorId ?? cur[0]?.indicatorId ?? null);
    } catch (e) {
      if (!wanted()) return;
      notify('error', errorMessage(e));
      setRows([]);
    }
  }, [onDate, notify]);

  useEffect(() => {
    void load();
  }, [load]);
  // Leaving the tab: answers still on the way are no longer wanted.
  useEffect(() => () => void (loads.current += 1), []);

  // The trend since 2021 is asked for once the table is there: it is many quarters, and the table is what the
  // user came for (the host answers one call at a time).
  const tableReady = rows !== null;
  useEffect(() => {
    if (!tableReady) return;
    let live = true;
    setSeries(null);
    call('indicators.series', { from: '2021-01-01', to: onDate })
      .then((s) => live && setSeries(new Map(s.map((x) => [x.indicatorId, x.points]))))
      .catch((e) => live && notify('error', errorMessage(e)));
    return () => {
      live = false;
    };
  }, [onDate, notify, tableReady]);

  const open = (row: IndicatorResult, set: MemberSet) => setMembers({ row, set });
  const gridApi = useRef<GridApi<DashboardRow> | null>(null);

  const columns = useMemo<ColDef<DashboardRow>[]>(
    () => [
      { colId: 'code', headerName: 'Mã', field: 'code', width: 80, pinned: 'left' },
      { colId: 'text', headerName: 'Chỉ tiêu', field: 'text', flex: 1, minWidth: 280, wrapText: true, autoHeight: true, cellClass: 'cell-wrap' },
      {
        colId: 'nN',
        headerName: 'Đạt / Tổng số',
        width: 140,
        // The text the export writes; the cell shows the same numbers as links to the people.
        valueGetter: (p) => (p.data && p.data.n !== null && p.data.N !== null ? `${fmtInt(p.data.n)} / ${fmtInt(p.data.N)}` : ''),
        cellRenderer: (p: CustomCellRendererProps<DashboardRow>) => {
          const r = p.data;
          if (!r || r.n === null || r.N === null) return '';
          if (r.kind !== 'computed' || r.N === 0) return `${fmtInt(r.n)} / ${fmtInt(r.N)}`;
          return (
            <span>
              <button type="button" className="link" data-testid={`n-${r.code}`} title="Xem danh sách người đạt" onClick={() => open(r, 'numerator')}>
                {fmtInt(r.n)}
              </button>
              /
              <button type="button" className="link" data-testid={`N-${r.code}`} title="Xem danh sách tổng số" onClick={() => open(r, 'denominator')}>
                {fmtInt(r.N)}
              </button>
            </span>
          );
        },
      },
      { colId: 'value', headerName: 'Kết quả', width: 130, type: 'rightAligned', valueGetter: (p) => (p.data ? fmtValue(p.data.value, p.data.unit) : '') },
      { colId: 't2025', headerName: 'Mục tiêu 2025', width: 115, type: 'rightAligned', valueGetter: (p) => (p.data ? fmtValue(targetOf(p.data, 2025), p.data.unit) : '') },
      { colId: 't2030', headerName: 'Mục tiêu 2030', width: 115, type: 'rightAligned', valueGetter: (p) => (p.data ? fmtValue(targetOf(p.data, 2030), p.data.unit) : '') },
      {
        colId: 'gap',
        headerName: 'Còn thiếu',
        width: 150,
        valueGetter: (p) => (p.data ? gapText(p.data) : ''),
        cellRenderer: (p: CustomCellRendererProps<DashboardRow>) => {
          const r = p.data;
          if (!r) return '';
          const text = gapText(r);
          if (!text || r.gap === 0 || r.kind !== 'computed') return text;
          return (
            <button type="button" className="link" data-testid={`gap-${r.code}`} title={`Những người chưa đạt (so với mục tiêu ${r.gapTarget?.year})`} onClick={() => open(r, 'gap')}>
              {text}
            </button>
          );
        },
      },
      {
        colId: 'status',
        headerName: 'Đánh giá',
        width: 160,
        valueGetter: (p) => statusLabel(p.data?.status),
        cellRenderer: (p: CustomCellRendererProps<DashboardRow>) =>
          p.data ? <span className={`status-chip status-${p.data.status ?? 'khong_ro'}`}>{statusLabel(p.data.status)}{p.data.gapTarget && p.data.status !== 'khong_ro' ? ` (${p.data.gapTarget.year})` : ''}</span> : '',
      },
      {
        colId: 'delta',
        headerName: 'So với quý trước',
        width: 140,
        type: 'rightAligned',
        valueGetter: (p) => (p.data ? fmtDelta(p.data.value, p.data.prevValue, p.data.unit) : ''),
      },
      {
        colId: 'note',
        headerName: 'Nguồn, ghi chú',
        width: 220,
        wrapText: true,
        autoHeight: true,
        cellClass: 'cell-wrap',
        valueGetter: (p) => [p.data?.source ? `Nguồn: ${p.data.source}` : '', p.data?.note ?? ''].filter(Boolean).join('. '),
      },
    ],
    [],
  );

  const postgraduate = ref.list('level.chuyen_mon').filter((l) => l.attrs?.postgraduate).map((l) => l.name);
  const sel = rows?.find((r) => r.indicatorId === selected) ?? null;
  const q = quarterOf(onDate);

  return (
    <div className="indicators-dashboard">
      <div className="toolbar">
        <PeriodPicker onDate={onDate} onChange={setOnDate} />
        <span className="spacer" />
        <ExportButtons
          api={() => gridApi.current}
          fileName={`Chỉ tiêu nghị quyết ${quarterEnd(quarterOf(onDate)) === onDate ? quarterLabel(quarterOf(onDate)) : formatVnDate(onDate)}`}
          title={`KẾT QUẢ THỰC HIỆN CHỈ TIÊU ĐẾN NGÀY ${formatVnDate(onDate)}`}
          disabled={rows === null}
        />
        <button type="button" onClick={() => void load()}>
          Tính lại
        </button>
      </div>
      <p className="rule-note" data-testid="postgraduate-rule">
        <strong>Quy ước "sau đại học":</strong> có văn bằng {postgraduate.join(', ') || '…'} (theo danh mục trình độ chuyên môn) được cấp đến hết ngày tính.
        Người được tính là người đang công tác vào ngày tính, theo đơn vị và chức vụ của họ vào ngày đó.
      </p>
      <div className="grid-wrap indicators-grid" data-testid="indicators-grid">
        <AgGridReact<DashboardRow>
          theme={gridTheme}
          localeText={gridLocale}
          rowData={rows ?? undefined}
          loading={rows === null}
          columnDefs={columns}
          defaultColDef={{ resizable: true, sortable: false, suppressMovable: true }}
          getRowId={(p) => String(p.data.indicatorId)}
          onGridReady={(e) => (gridApi.current = e.api)}
          animateRows={false}
          suppressColumnVirtualisation
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onRowClicked={(e) => e.data && setSelected(e.data.indicatorId)}
          getRowClass={(p) => (p.data?.indicatorId === selected ? 'row-current' : undefined)}
        />
      </div>
      <div className="indicator-charts">
        <section className="chart-box" aria-label="Diễn biến chỉ tiêu">
          {sel ? (
            <>
              <h3>
                {sel.code}. {sel.text}
              </h3>
              <Suspense fallback={<p className="muted">Đang tải biểu đồ…</p>}>
                <TrendChart row={sel} points={series?.get(sel.indicatorId) ?? null} />
              </Suspense>
              {sel.rule && <p className="rule-note small">{sel.rule}</p>}
            </>
          ) : (
            <p className="muted">Chọn một chỉ tiêu trong bảng để xem diễn biến.</p>
          )}
        </section>
        <section className="chart-box" aria-label="Tổng quan các chỉ tiêu">
          <h3>Tổng quan {quarterEnd(q) === onDate ? quarterLabel(q) : `ngày ${formatVnDate(onDate)}`}: kết quả so với mục tiêu</h3>
          <Suspense fallback={<p className="muted">Đang tải biểu đồ…</p>}>
            <OverviewChart rows={rows ?? []} onPick={setSelected} />
          </Suspense>
        </section>
      </div>
      {members && <MembersDialog indicator={members.row} onDate={onDate} set={members.set} onClose={() => setMembers(null)} />}
    </div>
  );
}
