import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellValueChangedEvent, ColDef, GridApi } from 'ag-grid-community';
import { ApiError, call, errorMessage } from '../../api';
import type { EnteredValue, Indicator } from '../../../../shared/api/indicators';
import { INDICATOR_UNITS } from '../../../../shared/api/indicators';
import { quarterLabel, quarterOf, type Quarter } from '../../../../shared/domain/dates';
import { gridLocale, gridTheme } from '../../grid/setup';
import { useNotify } from '../../components/notify';
import { Modal } from '../../components/Modal';
import { PeriodPicker } from './PeriodPicker';
import { fmtNum } from './format';
import { useCanWrite } from '../login/session';

// Nhập số liệu: the statistics the office types in each quarter for "entered" indicators. One row per indicator for
// the chosen quarter; value, numerator, denominator, source and note are edited in place (decimal comma accepted).
// Every change is kept: "Lịch sử" lists who typed what and when.

interface EntryRow {
  indicator: Indicator;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  source: string | null;
  note: string | null;
  enteredAt: string | null;
  enteredBy: string | null;
}

const NUMBER_FIELDS = new Set(['value', 'numerator', 'denominator']);

/** "61,5" or "61.5" or "28.000" (thousands dot when followed by exactly three digits) to a number. */
export function parseVnNumber(raw: unknown): { ok: true; value: number | null } | { ok: false; message: string } {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  let s = String(raw).trim().replace(/\s/g, '').replace(/%$/, '');
  if (s === '') return { ok: true, value: null };
  if (/^\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, '');
  else s = s.replace(',', '.');
  const n = Number(s);
  if (!Number.isFinite(n)) return { ok: false, message: `"${String(raw)}" không phải là số.` };
  return { ok: true, value: n };
}

export function EntryTab({ onDate, setOnDate }: { onDate: string; setOnDate(d: string): void }) {
  const notify = useNotify();
  // Viewers read the entered figures; the cells do not open for them.
  const canWrite = useCanWrite();
  const editable = canWrite ? { editable: true, cellClass: 'cell-editable' } : { editable: false };
  const q = quarterOf(onDate);
  const [rows, setRows] = useState<EntryRow[] | null>(null);
  const [history, setHistory] = useState<{ indicator: Indicator; rows: EnteredValue[] } | null>(null);
  const api = useRef<GridApi<EntryRow> | null>(null);

  const load = useCallback(async () => {
    try {
      const [inds, latest] = await Promise.all([call('indicators.list', {}), call('indicators.enteredValues', {})]);
      const byInd = new Map<number, EnteredValue>();
      for (const v of latest) if (v.year === q.year && v.quarter === q.quarter) byInd.set(v.indicatorId, v);
      setRows(
        inds
          .filter((i) => i.kind === 'entered')
          .map((indicator) => {
            const v = byInd.get(indicator.id);
            return {
              indicator,
              value: v?.value ?? null,
              numerator: v?.numerator ?? null,
              denominator: v?.denominator ?? null,
              source: v?.source ?? null,
              note: v?.note ?? null,
              enteredAt: v?.enteredAt ?? null,
              enteredBy: v?.enteredBy ?? null,
            };
          }),
      );
    } catch (e) {
      notify('error', errorMessage(e));
      setRows([]);
    }
  }, [q.year, q.quarter, notify]);
  useEffect(() => {
    void load();
  }, [load]);

  const save = async (e: CellValueChangedEvent<EntryRow>) => {
    const row = e.data;
    const field = e.colDef.field as keyof EntryRow;
    let next = { ...row };
    if (NUMBER_FIELDS.has(field)) {
      const parsed = parseVnNumber(e.newValue);
      if (!parsed.ok) {
        notify('error', `${row.indicator.code}: ${parsed.message}`);
        e.node.setData({ ...row, [field]: e.oldValue });
        return;
      }
      next = { ...next, [field]: parsed.value };
    } else {
      const t = String(e.newValue ?? '').trim();
      next = { ...next, [field]: t === '' ? null : t };
    }
    try {
      const saved = await call('indicators.enterValue', {
        indicatorId: row.indicator.id,
        year: q.year,
        quarter: q.quarter,
        value: next.value,
        numerator: next.numerator,
        denominator: next.denominator,
        source: next.source ?? undefined,
        note: next.note ?? undefined,
      });
      e.node.setData({ ...next, enteredAt: saved.enteredAt, enteredBy: saved.enteredBy });
      notify('success', `Đã lưu ${row.indicator.code} ${quarterLabel(q as Quarter)}.`);
    } catch (err) {
      const fe = err instanceof ApiError ? err.fieldErrors : {};
      notify('error', `${row.indicator.code}: ${fe[field] ?? errorMessage(err)}`);
      e.node.setData({ ...row, [field]: e.oldValue });
    }
  };

  const showHistory = async (indicator: Indicator) => {
    try {
      const all = await call('indicators.enteredValues', { indicatorId: indicator.id, history: true });
      setHistory({ indicator, rows: all });
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  const columns = useMemo<ColDef<EntryRow>[]>(
    () => [
      { colId: 'code', headerName: 'Mã', width: 80, pinned: 'left', valueGetter: (p) => p.data?.indicator.code },
      { colId: 'text', headerName: 'Chỉ tiêu', flex: 1, minWidth: 260, wrapText: true, autoHeight: true, cellClass: 'cell-wrap', valueGetter: (p) => p.data?.indicator.text },
      { colId: 'unit', headerName: 'Đơn vị tính', width: 110, valueGetter: (p) => (p.data ? INDICATOR_UNITS[p.data.indicator.unit] : '') },
      { colId: 'value', field: 'value', headerName: 'Giá trị', width: 110, type: 'rightAligned', valueFormatter: (p) => fmtNum(p.value), ...editable },
      { colId: 'numerator', field: 'numerator', headerName: 'Tử số', width: 110, type: 'rightAligned', valueFormatter: (p) => fmtNum(p.value), ...editable },
      { colId: 'denominator', field: 'denominator', headerName: 'Mẫu số', width: 110, type: 'rightAligned', valueFormatter: (p) => fmtNum(p.value), ...editable },
      { colId: 'source', field: 'source', headerName: 'Nguồn số liệu', width: 200, ...editable },
      { colId: 'note', field: 'note', headerName: 'Ghi chú', width: 200, ...editable },
      {
        colId: 'entered',
        headerName: 'Cập nhật',
        width: 190,
        valueGetter: (p) => (p.data?.enteredAt ? `${new Date(p.data.enteredAt).toLocaleString('vi-VN')} — ${p.data.enteredBy}` : ''),
      },
      {
        colId: 'history',
        headerName: '',
        width: 90,
        cellRenderer: (p: { data?: EntryRow }) =>
          p.data ? (
            <button type="button" className="link" onClick={() => void showHistory(p.data!.indicator)}>
              Lịch sử
            </button>
          ) : null,
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [canWrite],
  );

  return (
    <div>
      <div className="toolbar">
        <PeriodPicker onDate={onDate} onChange={setOnDate} />
      </div>
      <p className="rule-note">
        Nhập số liệu thống kê của {quarterLabel(q as Quarter)} cho các chỉ tiêu không tính được từ hồ sơ cán bộ. Gõ trực tiếp vào ô (dấu phẩy thập phân);
        mỗi lần sửa được lưu thành một bản ghi mới, bản mới nhất của quý được dùng. Xoá giá trị để xoá số liệu của quý (lịch sử vẫn giữ).
      </p>
      <div className="grid-wrap entry-grid" data-testid="entry-grid">
        <AgGridReact<EntryRow>
          theme={gridTheme}
          localeText={gridLocale}
          rowData={rows ?? undefined}
          loading={rows === null}
          columnDefs={columns}
          defaultColDef={{ resizable: true, sortable: false }}
          getRowId={(p) => String(p.data.indicator.id)}
          animateRows={false}
          suppressColumnVirtualisation
          singleClickEdit
          stopEditingWhenCellsLoseFocus
          enterNavigatesVerticallyAfterEdit
          onGridReady={(e) => (api.current = e.api)}
          onCellValueChanged={(e) => void save(e)}
        />
      </div>
      {history && (
        <Modal title={`Lịch sử số liệu ${history.indicator.code}`} wide onClose={() => setHistory(null)}>
          <p className="members-text">{history.indicator.text}</p>
          {history.rows.length === 0 ? (
            <p>Chưa có số liệu nào.</p>
          ) : (
            <table className="simple-table">
              <thead>
                <tr>
                  <th>Quý</th>
                  <th>Giá trị</th>
                  <th>Tử số / mẫu số</th>
                  <th>Nguồn</th>
                  <th>Ghi chú</th>
                  <th>Người nhập, lúc</th>
                </tr>
              </thead>
              <tbody>
                {history.rows.map((v) => (
                  <tr key={v.id}>
                    <td>{quarterLabel({ year: v.year, quarter: v.quarter as Quarter['quarter'] })}</td>
                    <td>{v.value === null ? '(đã xoá)' : fmtNum(v.value)}</td>
                    <td>{v.numerator !== null || v.denominator !== null ? `${fmtNum(v.numerator)} / ${fmtNum(v.denominator)}` : ''}</td>
                    <td>{v.source}</td>
                    <td>{v.note}</td>
                    <td>
                      {v.enteredBy}, {new Date(v.enteredAt).toLocaleString('vi-VN')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Modal>
      )}
    </div>
  );
}
