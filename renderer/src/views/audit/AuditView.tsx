import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi } from 'ag-grid-community';
import { call, errorMessage } from '../../api';
import type { AuditRow } from '../../../../shared/api/audit';
import type { CallInput } from '../../../../shared/api/contract';
import { formatVnDate, parseVnDate } from '../../../../shared/domain/dates';
import { gridLocale, gridTheme } from '../../grid/setup';
import { useReference } from '../../data/reference';
import { useNotify } from '../../components/notify';
import { ENTITY_LABELS, actionLabel, auditFieldLabel, entityLabel, formatAuditValue, formatTimestamp, recordLabel } from './labels';
import { CadreDetailPanel } from '../cadres/CadreDetailPanel';
import { ExportButtons } from '../../grid/ExportButtons';
import './audit.css';

// Nhật ký thay đổi: who changed what and when, newest first, read page by page from audit.list.

const PAGE = 500;
// An export takes every change the filters match, loaded in large pages first. Above this many rows the browser
// would spend minutes and gigabytes building the workbook: the clerk is asked to narrow the filters instead.
const EXPORT_PAGE = 20_000;
const EXPORT_MAX = 100_000;

interface Filters {
  from: string;
  to: string;
  actor: string;
  entity: string;
  cadre: string;
}
const EMPTY: Filters = { from: '', to: '', actor: '', entity: '', cadre: '' };

/** A dd/mm/yyyy box's text to the ISO day, or the reason it is not one. */
function dayOf(text: string, label: string): { iso?: string; error?: string } {
  if (!text.trim()) return {};
  const r = parseVnDate(text);
  return r.ok ? { iso: r.value ?? undefined } : { error: r.message.replace(/^Ngày/, label) };
}

export default function AuditView() {
  const ref = useReference();
  const notify = useNotify();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  // The name search waits for a pause in typing, so each key does not start a query.
  const [cadreQuery, setCadreQuery] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setCadreQuery(filters.cadre.trim()), 300);
    return () => clearTimeout(t);
  }, [filters.cadre]);
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [total, setTotal] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const [actors, setActors] = useState<string[]>([]);
  const [cadreId, setCadreId] = useState<number | null>(null);
  const apiRef = useRef<GridApi<AuditRow> | null>(null);

  const from = dayOf(filters.from, 'Từ ngày');
  const to = dayOf(filters.to, 'Đến ngày');
  const rangeError = from.iso && to.iso && from.iso > to.iso ? 'Từ ngày phải trước hoặc bằng đến ngày.' : undefined;
  // A date being typed ("1/3") is not an error yet: say so once the box is left or holds a whole date.
  const [left, setLeft] = useState({ from: false, to: false });
  const settled = (k: 'from' | 'to') => left[k] || filters[k].trim().length >= 10;
  const dateError = (settled('from') && from.error) || (settled('to') && to.error) || rangeError;
  const query = useMemo((): CallInput<'audit.list'> | null => {
    if (from.error || to.error || rangeError) return null;
    return {
      fromDate: from.iso,
      toDate: to.iso,
      actor: filters.actor || undefined,
      entity: filters.entity || undefined,
      cadreQuery: cadreQuery || undefined,
      limit: PAGE,
    };
  }, [from.iso, from.error, to.iso, to.error, rangeError, filters.actor, filters.entity, cadreQuery]);

  // Answers to an older query that arrive late are dropped.
  const generation = useRef(0);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    if (!query) return;
    const g = ++generation.current;
    setRows(null);
    call('audit.list', { ...query, offset: 0 })
      .then((r) => {
        if (g !== generation.current) return;
        setRows(r.rows);
        setTotal(r.total);
      })
      .catch((e) => notify('error', errorMessage(e)));
  }, [query, notify, reloads]);
  useEffect(() => {
    call('audit.actors', {}).then(setActors, (e) => notify('error', errorMessage(e)));
  }, [notify, reloads]);
  // Sample data loaded or a backup restored elsewhere: read the log again.
  useEffect(() => {
    const reload = () => setReloads((n) => n + 1);
    window.addEventListener('qlcb:data-replaced', reload);
    return () => window.removeEventListener('qlcb:data-replaced', reload);
  }, []);

  /**
   * Loads rows after those already loaded: one more page ("Tải thêm"), or every remaining one in large pages (before
   * an export). False when the filters changed meanwhile or a call failed (said already).
   */
  const loadRest = useCallback(
    async (opts: { limit: number; untilAll: boolean }): Promise<boolean> => {
      if (!query || !rows) return false;
      const g = generation.current;
      setLoadingMore(true);
      try {
        let all = rows;
        do {
          const r = await call('audit.list', { ...query, offset: all.length, limit: opts.limit });
          if (g !== generation.current) return false;
          setTotal(r.total);
          if (r.rows.length === 0) break;
          all = [...all, ...r.rows];
        } while (opts.untilAll && all.length < total);
        setRows(all);
        // An export reads the grid right after this: give it the rows now rather than on React's next render.
        apiRef.current?.setGridOption('rowData', all);
        return true;
      } catch (e) {
        notify('error', errorMessage(e));
        return false;
      } finally {
        setLoadingMore(false);
      }
    },
    [notify, query, rows, total],
  );
  const loadMore = () => void loadRest({ limit: PAGE, untilAll: false });

  /** Before an export: the matching changes not loaded yet, so the file holds all of them, not the first page. */
  const loadAllForExport = async (): Promise<boolean> => {
    if (!rows) return false;
    if (rows.length >= total) return true;
    if (total > EXPORT_MAX) {
      notify('info', `Có ${total.toLocaleString('vi-VN')} thay đổi khớp bộ lọc, quá ${EXPORT_MAX.toLocaleString('vi-VN')} dòng để xuất một lần. Hãy thu hẹp khoảng ngày, người sửa hoặc loại bản ghi rồi xuất lại.`);
      return false;
    }
    return loadRest({ limit: EXPORT_PAGE, untilAll: true });
  };

  const columnDefs = useMemo<ColDef<AuditRow>[]>(
    () => [
      { colId: 'at', headerName: 'Thời gian', width: 130, valueGetter: (p) => (p.data ? formatTimestamp(p.data.at) : ''), comparator: (_a, _b, na, nb) => (na.data?.id ?? 0) - (nb.data?.id ?? 0) },
      { colId: 'actor', headerName: 'Người sửa', width: 110, valueGetter: (p) => p.data?.actor ?? '' },
      { colId: 'action', headerName: 'Thao tác', width: 85, valueGetter: (p) => (p.data ? actionLabel(p.data.action) : '') },
      { colId: 'entity', headerName: 'Loại bản ghi', width: 140, valueGetter: (p) => (p.data ? entityLabel(p.data.entity) : '') },
      { colId: 'record', headerName: 'Bản ghi', width: 170, valueGetter: (p) => (p.data ? recordLabel(p.data) : '') },
      { colId: 'field', headerName: 'Trường', width: 150, valueGetter: (p) => (p.data ? auditFieldLabel(p.data.entity, p.data.field) : '') },
      { colId: 'oldValue', headerName: 'Giá trị cũ', flex: 1, minWidth: 150, valueGetter: (p) => (p.data ? formatAuditValue(p.data, p.data.oldValue, ref) : ''), tooltipValueGetter: (p) => p.value },
      { colId: 'newValue', headerName: 'Giá trị mới', flex: 1.4, minWidth: 180, valueGetter: (p) => (p.data ? formatAuditValue(p.data, p.data.newValue, ref) : ''), tooltipValueGetter: (p) => p.value },
      { colId: 'batch', headerName: 'Lần thay đổi', width: 150, valueGetter: (p) => p.data?.batchDescription ?? '' },
    ],
    [ref],
  );

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const filtered = JSON.stringify(filters) !== JSON.stringify(EMPTY);

  return (
    <section className="view view-audit">
      <div className="toolbar audit-filters" role="search" aria-label="Lọc nhật ký">
        <label>
          Từ ngày
          <input
            value={filters.from}
            onChange={(e) => (set({ from: e.target.value }), setLeft((l) => ({ ...l, from: false })))}
            onBlur={() => setLeft((l) => ({ ...l, from: true }))}
            placeholder="dd/mm/yyyy"
            aria-invalid={!!(settled('from') && from.error)}
            aria-label="Từ ngày"
          />
        </label>
        <label>
          Đến ngày
          <input
            value={filters.to}
            onChange={(e) => (set({ to: e.target.value }), setLeft((l) => ({ ...l, to: false })))}
            onBlur={() => setLeft((l) => ({ ...l, to: true }))}
            placeholder="dd/mm/yyyy"
            aria-invalid={!!((settled('to') && to.error) || rangeError)}
            aria-label="Đến ngày"
          />
        </label>
        <select aria-label="Người sửa" value={filters.actor} onChange={(e) => set({ actor: e.target.value })}>
          <option value="">Mọi người sửa</option>
          {actors.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <select aria-label="Loại bản ghi" value={filters.entity} onChange={(e) => set({ entity: e.target.value })}>
          <option value="">Mọi loại bản ghi</option>
          {Object.entries(ENTITY_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <input type="search" className="search" placeholder="Tên cán bộ (không cần dấu)" aria-label="Tìm theo tên cán bộ" value={filters.cadre} onChange={(e) => set({ cadre: e.target.value })} />
        {filtered && (
          <button type="button" onClick={() => setFilters(EMPTY)}>
            Xoá lọc
          </button>
        )}
        {dateError && (
          <span className="error-text" role="alert">
            {dateError}
          </span>
        )}
      </div>
      <div className="grid-and-detail">
        <div className="grid-wrap" data-testid="audit-grid">
          <AgGridReact<AuditRow>
            theme={gridTheme}
            localeText={gridLocale}
            rowData={rows ?? undefined}
            loading={rows === null}
            columnDefs={columnDefs}
            defaultColDef={{ resizable: true, sortable: true }}
            getRowId={(p) => String(p.data.id)}
            animateRows={false}
            suppressColumnVirtualisation
            tooltipShowDelay={300}
            enableCellTextSelection
            onGridReady={(e) => (apiRef.current = e.api)}
            onRowDoubleClicked={(e) => e.data?.cadreId && setCadreId(e.data.cadreId)}
          />
        </div>
        {cadreId !== null && (
          // The person's record beside the trail; a change made there shows up here after a refresh.
          <CadreDetailPanel key={cadreId} cadreId={cadreId} onClose={() => setCadreId(null)} onRowChanged={() => setReloads((n) => n + 1)} />
        )}
      </div>
      <div className="statusbar">
        <span data-testid="audit-count">
          Hiển thị {(rows?.length ?? 0).toLocaleString('vi-VN')} / {total.toLocaleString('vi-VN')} thay đổi
          {from.iso || to.iso ? ` (${from.iso ? `từ ${formatVnDate(from.iso)}` : ''}${from.iso && to.iso ? ' ' : ''}${to.iso ? `đến ${formatVnDate(to.iso)}` : ''})` : ''}
        </span>
        <span className="hint">Mới nhất ở trên · thời gian theo giờ máy tính · nhấp đúp vào dòng của một cán bộ để xem hồ sơ</span>
        <button type="button" onClick={() => setReloads((n) => n + 1)}>
          Làm mới
        </button>
        {/* Every change the filters match (loaded first if need be), sorted as on screen. */}
        <ExportButtons api={() => apiRef.current} prepare={loadAllForExport} fileName="Nhật ký thay đổi" title="NHẬT KÝ THAY ĐỔI" disabled={!rows?.length || loadingMore} />
        {rows && rows.length < total && (
          <button type="button" onClick={loadMore} disabled={loadingMore}>
            {loadingMore ? 'Đang tải…' : `Tải thêm ${Math.min(PAGE, total - rows.length).toLocaleString('vi-VN')} dòng`}
          </button>
        )}
      </div>
    </section>
  );
}
