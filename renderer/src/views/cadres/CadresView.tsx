import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi, GridReadyEvent, IRowNode } from 'ag-grid-community';
import { call, errorMessage } from '../../api';
import { decodeCadreTable, type CadreRow } from '../../../../shared/api/cadres';
import { HEAD_INPUT, sendCadreGridEarly, wholeListInput } from './early';
import { foldVietnamese } from '../../../../shared/domain/text';
import { gridLocale, gridTheme } from '../../grid/setup';
import { useEditableGrid, type SaveItem, type SaveKind } from '../../grid/useEditableGrid';
import { useReference, unitTreeOptions } from '../../data/reference';
import { useNotify } from '../../components/notify';
import { ConflictDialog } from '../../components/ConflictDialog';
import { cadreFieldSpecs, cadreSearchText, derivedColumns, matchesSearch, sortByName } from './cadreColumns';
import { NewCadreDialog } from './NewCadreDialog';
import { CadreDetailPanel } from './CadreDetailPanel';
import { ImportWizard } from '../imports/ImportWizard';
import { CvDialog } from '../imports/CvDialog';
import { ExportButtons } from '../../grid/ExportButtons';
import { SelectShownHeader } from '../../grid/SelectShownHeader';
import { useCanWrite } from '../login/session';

type StatusFilter = 'working' | 'all' | 'left';

export default function CadresView() {
  const ref = useReference();
  const notify = useNotify();
  const canWrite = useCanWrite();
  const [rows, setRows] = useState<CadreRow[] | null>(null);
  const [search, setSearch] = useState('');
  const [unitFilter, setUnitFilter] = useState<number | null>(null);
  const [statusFilter, setStatusFilter] = useState<StatusFilter>('working');
  const [showDeleted, setShowDeleted] = useState(false);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [cvId, setCvId] = useState<number | null>(null);
  const [detailId, setDetailId] = useState<number | null>(null);
  const [selectedCount, setSelectedCount] = useState(0);
  const [shown, setShown] = useState(0);

  // The grid opens on its first rows (cadres.listHead) while the whole list (22 MB at 50,000 cadres) is on its way:
  // `partial` until it has arrived. Cells can be edited meanwhile (a row saved then is kept over the older copy the
  // whole list brings); what adds or removes rows waits for the whole list.
  const [partial, setPartial] = useState(false);
  const firstRowsDrawn = useRef<(() => void) | null>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const load = useCallback(async () => {
    const opening = rowsRef.current === null && !showDeleted;
    try {
      if (opening) {
        // Both asked for now (the app's start has usually sent them already); the whole list is parsed only once
        // the first rows are painted, so its parse does not hold them up.
        sendCadreGridEarly(showDeleted);
        const head = await call('cadres.listHead', HEAD_INPUT).catch(() => null);
        // No first rows (no one at work yet): nothing to paint first, and AG Grid would never say it drew them.
        if (head && head.rows.length > 0 && rowsRef.current === null) {
          // AG Grid draws rows in its own frames after React hands them over: wait for its first rows, then a paint.
          const drawn = new Promise<void>((resolve) => {
            firstRowsDrawn.current = resolve;
            window.setTimeout(resolve, 1500);
          });
          setRows(sortByName(decodeCadreTable(head)));
          setPartial(true);
          await drawn;
          await afterNextPaint();
        }
      }
      const whole = sortByName(decodeCadreTable(await call('cadres.listTable', wholeListInput(showDeleted))));
      setRows(opening ? keepNewerRows(whole, grid.apiRef.current) : whole);
    } catch (e) {
      // The first rows alone must not pass for the whole list (a count of 100, a search that misses people).
      if (opening) setRows(null);
      notify('error', errorMessage(e));
    } finally {
      setPartial(false);
    }
    // grid.apiRef is a ref: stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [notify, showDeleted]);
  useEffect(() => {
    void load();
    const reload = () => void load();
    window.addEventListener('qlcb:data-replaced', reload);
    return () => window.removeEventListener('qlcb:data-replaced', reload);
  }, [load]);

  const fields = useMemo(() => cadreFieldSpecs(ref), [ref]);
  const save = useCallback(async (items: SaveItem[], kind: SaveKind): Promise<CadreRow[]> => {
    if (items.length === 1 && kind === 'edit') return [await call('cadres.update', items[0] as any)];
    const r = await call('cadres.bulkUpdate', { items: items as any, kind });
    return r.rows;
  }, []);
  const grid = useEditableGrid<CadreRow>({
    fields,
    getId: (r) => r.id,
    getVersion: (r) => r.version,
    rowLabel: (r) => r.fullName,
    save,
    readOnlyReason: (r) => (r.deletedAt ? `Hồ sơ ${r.fullName} đã bị xoá; hãy khôi phục trước khi sửa.` : null),
    conflictRows: (c) => (Array.isArray(c) ? (c as CadreRow[]) : c ? [c as CadreRow] : []),
  });

  const columnDefs = useMemo<ColDef<CadreRow>[]>(() => {
    const d = derivedColumns(ref);
    const spec = (id: string, extra: ColDef<CadreRow> = {}) => grid.colDef(grid.specById.get(id)!, extra);
    const dateFilter: ColDef<CadreRow> = {
      filter: 'agDateColumnFilter',
      filterValueGetter: (p) => {
        const iso = p.data ? (p.data as any)[p.colDef.colId!] : null;
        if (!iso) return null;
        const [y, m = '01', dd = '01'] = String(iso).split('-');
        return new Date(Number(y), Number(m) - 1, Number(dd));
      },
    };
    return [
      spec('fullName', { pinned: 'left', filter: 'agTextColumnFilter', sort: 'asc' }),
      spec('sex', { filter: 'agTextColumnFilter' }),
      spec('birthDate', dateFilter),
      d.age,
      spec('ethnicity', { filter: 'agTextColumnFilter' }),
      d.unit,
      d.post,
      spec('category', { filter: 'agTextColumnFilter' }),
      d.professional,
      d.professionalField,
      d.political,
      d.stateMgmt,
      spec('rankCode', { filter: 'agTextColumnFilter' }),
      spec('salaryCoefficient', { filter: 'agNumberColumnFilter', filterValueGetter: (p) => p.data?.salaryCoefficient ?? null }),
      spec('idNumber'),
      spec('homeTown'),
      spec('religion'),
      spec('recruitmentDate', dateFilter),
      spec('partyJoinDate', dateFilter),
      spec('partyOfficialDate', dateFilter),
      spec('phone'),
      ...fields.filter((f) => f.kind === 'bool').map((f) => grid.colDef(f)),
      d.status,
    ];
  }, [fields, grid.colDef, grid.specById, ref]);

  const defaultColDef = useMemo<ColDef<CadreRow>>(
    () => ({
      resizable: true,
      sortable: true,
      filter: 'agTextColumnFilter',
      filterParams: { textMatcher: ({ filterOption, value, filterText }: any) => textMatch(filterOption, value, filterText) },
    }),
    [],
  );

  const unitIds = useMemo(() => (unitFilter ? ref.subtreeIds(unitFilter) : null), [ref, unitFilter]);
  // The quick search is part of the external filter, on a folded text made once per row (see cadreSearchText).
  const searchWords = useMemo(() => foldVietnamese(search).split(' ').filter(Boolean), [search]);
  const searchText = useMemo(() => cadreSearchText(ref), [ref]);
  const externalFilter = useRef({ unitIds, statusFilter, searchWords, searchText });
  externalFilter.current = { unitIds, statusFilter, searchWords, searchText };
  useEffect(() => {
    grid.apiRef.current?.onFilterChanged();
  }, [unitIds, statusFilter, searchWords, searchText, grid.apiRef]);
  // Make the search texts while the clerk looks at the first rows, so the first keystroke does not wait for them.
  useEffect(() => {
    if (!rows) return;
    let i = 0;
    let timer = 0;
    const step = () => {
      const end = Math.min(rows.length, i + 2000);
      for (; i < end; i++) searchText(rows[i]);
      if (i < rows.length) timer = window.setTimeout(step, 0);
    };
    timer = window.setTimeout(step, 200);
    return () => window.clearTimeout(timer);
  }, [rows, searchText]);

  const doesExternalFilterPass = useCallback((node: IRowNode<CadreRow>) => {
    const r = node.data;
    if (!r) return false;
    const { unitIds: ids, statusFilter: st, searchWords: words, searchText: textOf } = externalFilter.current;
    if (ids && (r.unitId === null || !ids.has(r.unitId))) return false;
    if (st === 'working' && r.status !== 'dang_cong_tac' && !r.deletedAt) return false;
    if (st === 'left' && r.status === 'dang_cong_tac') return false;
    return words.length === 0 || matchesSearch(textOf(r), words);
  }, []);

  const onGridReady = (e: GridReadyEvent<CadreRow>) => {
    grid.apiRef.current = e.api;
  };
  const updateCounts = () => {
    const api = grid.apiRef.current;
    if (api) setShown(api.getDisplayedRowCount());
  };

  const selectedIds = () => (grid.apiRef.current?.getSelectedRows() ?? []).map((r) => r.id);
  const remove = async () => {
    const ids = selectedIds();
    if (!ids.length) return notify('info', 'Hãy chọn (đánh dấu) các hồ sơ cần xoá.');
    if (!window.confirm(`Xoá ${ids.length} hồ sơ đã chọn? Hồ sơ đã xoá vẫn khôi phục được.`)) return;
    try {
      const changed = await call('cadres.delete', { ids });
      if (showDeleted) grid.apiRef.current?.applyTransaction({ update: changed });
      else grid.apiRef.current?.applyTransaction({ remove: changed });
      notify('success', `Đã xoá ${changed.length} hồ sơ. Bật "Hiện hồ sơ đã xoá" để khôi phục.`);
      updateCounts();
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };
  const restore = async () => {
    const ids = (grid.apiRef.current?.getSelectedRows() ?? []).filter((r) => r.deletedAt).map((r) => r.id);
    if (!ids.length) return notify('info', 'Hãy chọn các hồ sơ đã xoá cần khôi phục.');
    try {
      const changed = await call('cadres.restore', { ids });
      grid.apiRef.current?.applyTransaction({ update: changed });
      notify('success', `Đã khôi phục ${changed.length} hồ sơ.`);
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  // Made once: React skips elements it has already rendered, instead of comparing ~800 options on every keystroke.
  const unitOptionElements = useMemo(
    () =>
      unitTreeOptions(ref).map((o) => (
        <option key={o.unit.id} value={o.unit.id}>
          {'\u00a0\u00a0'.repeat(o.depth)}
          {o.unit.name}
          {o.active ? '' : ' (đã kết thúc)'}
        </option>
      )),
    [ref],
  );

  return (
    <section className="view view-cadres">
      <div className="toolbar" role="toolbar" aria-label="Thao tác với danh sách cán bộ">
        <input
          type="search"
          className="search"
          placeholder="Tìm theo tên, CCCD, đơn vị… (không cần dấu)"
          aria-label="Tìm kiếm cán bộ"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select aria-label="Lọc theo đơn vị" value={unitFilter ?? ''} onChange={(e) => setUnitFilter(e.target.value ? Number(e.target.value) : null)}>
          <option value="">Tất cả đơn vị</option>
          {unitOptionElements}
        </select>
        <select aria-label="Lọc theo trạng thái" value={statusFilter} onChange={(e) => setStatusFilter(e.target.value as StatusFilter)}>
          <option value="working">Đang công tác</option>
          <option value="left">Đã nghỉ, chuyển đi</option>
          <option value="all">Tất cả</option>
        </select>
        <label className="check">
          <input type="checkbox" checked={showDeleted} onChange={(e) => setShowDeleted(e.target.checked)} /> Hiện hồ sơ đã xoá
        </label>
        <span className="spacer" />
        {/* Viewers read and print only: no button that changes records. */}
        {canWrite && (
          <>
            <button type="button" className="primary" onClick={() => setAdding(true)} disabled={partial} title={partial ? WAIT_FOR_LIST : undefined}>
              + Thêm cán bộ
            </button>
            <button type="button" onClick={remove} disabled={selectedCount === 0 || partial} title={partial ? WAIT_FOR_LIST : undefined}>
              Xoá
            </button>
            {showDeleted && (
              <button type="button" onClick={restore} disabled={selectedCount === 0}>
                Khôi phục
              </button>
            )}
            <button type="button" onClick={grid.undo} title="Ctrl+Z">
              Hoàn tác
            </button>
            <button type="button" onClick={grid.redo} title="Ctrl+Y">
              Làm lại
            </button>
            <button type="button" onClick={() => setImporting(true)} disabled={partial} title={partial ? WAIT_FOR_LIST : undefined}>
              Nhập từ Excel
            </button>
          </>
        )}
        <ExportButtons api={() => grid.apiRef.current} fileName="Danh sach can bo" title="DANH SÁCH CÁN BỘ" />
      </div>
      <div className="grid-and-detail">
        <div className="grid-wrap" {...grid.containerProps} data-testid="cadre-grid" data-partial={partial ? '' : undefined}>
          <AgGridReact<CadreRow>
            {...grid.gridProps}
            theme={gridTheme}
            localeText={gridLocale}
            rowData={rows ?? undefined}
            loading={rows === null}
            columnDefs={columnDefs}
            defaultColDef={defaultColDef}
            getRowId={getRowId}
            onGridReady={onGridReady}
            animateRows={false}
            // Each cell's value is worked out once per row and kept until the data changes (or a cell's pending or
            // refused mark does: useEditableGrid expires it): the name sort that follows every search keystroke
            // otherwise called the value getters twice per comparison.
            valueCache
            // Only the columns in view are drawn (AG Grid's default): drawing all ~30 of them for every visible row was
            // about a quarter of the first paint at 50,000 cadres. Exports and copy read the grid's columns, not the page.
            rowSelection={ROW_SELECTION}
            selectionColumnDef={SELECTION_COLUMN}
            isExternalFilterPresent={alwaysTrue}
            doesExternalFilterPass={doesExternalFilterPass}
            enterNavigatesVerticallyAfterEdit
            stopEditingWhenCellsLoseFocus
            tooltipShowDelay={300}
            rowClassRules={ROW_CLASS_RULES}
            onSelectionChanged={(e) => setSelectedCount(e.api.getSelectedRows().length)}
            onCellFocused={(e) => {
              if (e.rowIndex === null || e.rowIndex === undefined) return;
              const node = e.api.getDisplayedRowAtIndex(e.rowIndex);
              if (node?.data && detailId !== null) setDetailId(node.data.id);
            }}
            onRowDoubleClicked={(e) => e.data && setDetailId(e.data.id)}
            onModelUpdated={updateCounts}
            onFirstDataRendered={() => firstRowsDrawn.current?.()}
          />
        </div>
        {detailId !== null && (
          <CadreDetailPanel
            cadreId={detailId}
            onClose={() => setDetailId(null)}
            onRowChanged={(row) => grid.apiRef.current?.applyTransaction({ update: [row] })}
          />
        )}
      </div>
      <div className="statusbar">
        <span data-testid="row-count">
          {partial
            ? `Đang tải toàn bộ danh sách… (đã hiện ${shown.toLocaleString('vi-VN')} hồ sơ đầu)`
            : `Hiển thị ${shown.toLocaleString('vi-VN')} / ${(rows?.length ?? 0).toLocaleString('vi-VN')} hồ sơ`}
        </span>
        {selectedCount > 0 && <span>Đã chọn {selectedCount.toLocaleString('vi-VN')}</span>}
        <span className="hint">Enter hoặc gõ để sửa · Ctrl+V dán từ Excel · Ctrl+Z hoàn tác · nhấp đúp để xem chi tiết</span>
        <button
          type="button"
          className="link"
          onClick={() => {
            const f = grid.apiRef.current?.getFocusedCell();
            const node = f ? grid.apiRef.current?.getDisplayedRowAtIndex(f.rowIndex) : null;
            if (node?.data) setDetailId(node.data.id);
            else notify('info', 'Hãy chọn một dòng.');
          }}
        >
          Xem hồ sơ chi tiết
        </button>
        <button
          type="button"
          className="link"
          onClick={() => {
            const f = grid.apiRef.current?.getFocusedCell();
            const node = f ? grid.apiRef.current?.getDisplayedRowAtIndex(f.rowIndex) : null;
            if (node?.data) setCvId(node.data.id);
            else notify('info', 'Hãy chọn một dòng.');
          }}
        >
          Sơ yếu lý lịch (2C)
        </button>
      </div>
      {cvId !== null && <CvDialog cadreId={cvId} onClose={() => setCvId(null)} />}
      {importing && <ImportWizard onClose={() => setImporting(false)} onChanged={() => void load()} />}
      {adding && (
        <NewCadreDialog
          onClose={() => setAdding(false)}
          onCreated={(row) => {
            setAdding(false);
            const api = grid.apiRef.current;
            api?.applyTransaction({ add: [row] });
            const node = api?.getRowNode(String(row.id));
            if (api && node) {
              api.ensureNodeVisible(node);
              if (node.rowIndex !== null) api.setFocusedCell(node.rowIndex, 'fullName');
            }
            notify('success', `Đã thêm hồ sơ ${row.fullName}.`);
            updateCounts();
          }}
        />
      )}
      {grid.conflict && (
        <ConflictDialog conflict={grid.conflict} fields={fields} getId={(r) => r.id} rowLabel={(r) => r.fullName} onResolve={grid.resolveConflict} />
      )}
    </section>
  );
}

// Grid options as constants: a new object or function on every render makes AG Grid redo work (a new quick
// filter parser or matcher drops its cached filter text for all rows).
const getRowId = (p: { data: CadreRow }) => String(p.data.id);
// Select-all means the rows shown (filter and search), never hidden ones; its tick box is SelectShownHeader, which
// unlike AG Grid's does not walk all rows on every keystroke.
const ROW_SELECTION = { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false, selectAll: 'filtered' } as const;
const SELECTION_COLUMN = { headerComponent: SelectShownHeader } as const;
const ROW_CLASS_RULES = { 'row-deleted': (p: { data?: CadreRow }) => !!p.data?.deletedAt };
const alwaysTrue = () => true;
const WAIT_FOR_LIST = 'Đang tải toàn bộ danh sách, xin chờ giây lát.';

/** Resolves once the browser has painted what React just committed. */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * The whole list as it arrived, with any row the grid holds in a newer version (saved while the list was on its way:
 * the list was read before that save) kept instead of the list's older copy.
 */
function keepNewerRows(whole: CadreRow[], api: GridApi<CadreRow> | null | undefined): CadreRow[] {
  if (!api) return whole;
  const newer = new Map<number, CadreRow>();
  const byId = new Map<number, number>();
  whole.forEach((r, i) => byId.set(r.id, i));
  api.forEachNode((n) => {
    const i = n.data ? byId.get(n.data.id) : undefined;
    if (n.data && i !== undefined && n.data.version > whole[i].version) newer.set(n.data.id, n.data);
  });
  return newer.size === 0 ? whole : whole.map((r) => newer.get(r.id) ?? r);
}

/** AG Grid's text filter, made diacritic-insensitive. */
function textMatch(option: string | null, value: string, filterText: string | null): boolean {
  const v = foldVietnamese(value);
  const f = foldVietnamese(filterText ?? '');
  switch (option) {
    case 'equals':
      return v === f;
    case 'notEqual':
      return v !== f;
    case 'startsWith':
      return v.startsWith(f);
    case 'endsWith':
      return v.endsWith(f);
    case 'notContains':
      return !v.includes(f);
    default:
      return v.includes(f);
  }
}
