import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridReadyEvent, IRowNode } from 'ag-grid-community';
import { call, errorMessage } from '../../api';
import { ROTATION_STATUSES, ROTATION_TYPES, type RotationRow } from '../../../../shared/api/rotations';
import { todayIso } from '../../../../shared/domain/dates';
import { foldVietnamese } from '../../../../shared/domain/text';
import { gridLocale, gridTheme } from '../../grid/setup';
import { useEditableGrid, type SaveItem, type SaveKind } from '../../grid/useEditableGrid';
import { unitTreeOptions, useReference } from '../../data/reference';
import { useNotify } from '../../components/notify';
import { ConflictDialog } from '../../components/ConflictDialog';
import { rotationFieldSpecs } from './rotationColumns';
import { NewRotationDialog } from './NewRotationDialog';
import { RotationDialog } from './RotationDialog';
import { Timeline, STATUS_COLOURS } from './Timeline';
import { EndingSoon } from './EndingSoon';
import { RosterPanel } from './RosterPanel';
import { PlanningPanel } from './PlanningPanel';
import { RulesPanel } from './RulesPanel';
import { CadreRotationsSection } from './CadreRotationsSection';
import { ExportButtons } from '../../grid/ExportButtons';
import { useCanWrite } from '../login/session';
import './rotations.css';

type Tab = 'list' | 'timeline' | 'ending' | 'roster' | 'planning' | 'rules';
const TABS: [Tab, string][] = [
  ['list', 'Danh sách'],
  ['timeline', 'Biểu đồ thời gian'],
  ['ending', 'Sắp kết thúc'],
  ['roster', 'Nhân sự đơn vị'],
  ['planning', 'Quy hoạch'],
  ['rules', 'Quy định'],
];

export default function RotationsView() {
  const ref = useReference();
  const notify = useNotify();
  const [tab, setTab] = useState<Tab>('list');
  const [rows, setRows] = useState<RotationRow[] | null>(null);
  const [showDeleted, setShowDeleted] = useState(false);
  const [adding, setAdding] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const [reloadKey, setReloadKey] = useState(0);

  const load = useCallback(async () => {
    try {
      setRows(await call('rotations.list', { includeDeleted: showDeleted }));
    } catch (e) {
      notify('error', errorMessage(e));
    }
  }, [notify, showDeleted]);
  useEffect(() => {
    void load();
  }, [load, reloadKey]);

  const merge = useCallback((saved: RotationRow[]) => {
    const byId = new Map(saved.map((r) => [r.id, r]));
    setRows((rs) => (rs ? [...saved.filter((r) => !rs.some((x) => x.id === r.id)), ...rs.map((r) => byId.get(r.id) ?? r)] : rs));
  }, []);
  const changed = useCallback(
    (row: RotationRow) => {
      merge([row]);
      setReloadKey((k) => k + 1);
    },
    [merge],
  );

  return (
    <section className="view view-rotations">
      <div className="tabs" role="tablist" aria-label="Luân chuyển cán bộ">
        {TABS.map(([k, label]) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            onClick={() => {
              setTab(k);
              // Other tabs (and other windows) may have changed rotations: show them fresh.
              if (k !== tab) setReloadKey((n) => n + 1);
            }}
          >
            {label}
          </button>
        ))}
      </div>
      {tab === 'list' && <RotationGrid rows={rows} onSaved={merge} showDeleted={showDeleted} setShowDeleted={setShowDeleted} onAdd={() => setAdding(true)} onOpen={setOpenId} onReload={() => setReloadKey((k) => k + 1)} />}
      {tab === 'timeline' && <div className="view-padded"><Timeline rows={rows ?? []} onOpen={setOpenId} /></div>}
      {tab === 'ending' && <EndingSoon onOpen={setOpenId} reloadKey={reloadKey} />}
      {tab === 'roster' && <RosterPanel onOpen={setOpenId} reloadKey={reloadKey} />}
      {tab === 'planning' && <PlanningPanel />}
      {tab === 'rules' && <RulesPanel onChanged={() => setReloadKey((k) => k + 1)} />}
      {adding && (
        <NewRotationDialog
          onClose={() => setAdding(false)}
          onCreated={(row) => {
            setAdding(false);
            changed(row);
            notify('success', `Đã thêm đợt luân chuyển của ${row.cadreName}.`);
            setOpenId(row.id);
          }}
        />
      )}
      {openId !== null && <RotationDialog rotationId={openId} onClose={() => setOpenId(null)} onChanged={changed} />}
      {!ref.loaded && <p className="view-padded">Đang tải danh mục…</p>}
    </section>
  );
}

interface GridProps {
  rows: RotationRow[] | null;
  /** Rows the grid saved, so the view's copy (shared with the other tabs) stays at the current version. */
  onSaved(rows: RotationRow[]): void;
  showDeleted: boolean;
  setShowDeleted(v: boolean): void;
  onAdd(): void;
  onOpen(id: number): void;
  onReload(): void;
}

/** The rotation grid, edited like the cadre grid: validation on the cell, dropdowns, dd/mm/yyyy, paste, undo. */
function RotationGrid({ rows, onSaved, showDeleted, setShowDeleted, onAdd, onOpen, onReload }: GridProps) {
  const ref = useReference();
  const notify = useNotify();
  const canWrite = useCanWrite();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [type, setType] = useState('');
  const [unitId, setUnitId] = useState<number | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [shown, setShown] = useState(0);
  const [historyOf, setHistoryOf] = useState<{ cadreId: number; name: string } | null>(null);

  const fields = useMemo(() => rotationFieldSpecs(ref), [ref]);
  const save = useCallback(
    async (items: SaveItem[], kind: SaveKind): Promise<RotationRow[]> => {
      const saved = items.length === 1 && kind === 'edit' ? [await call('rotations.update', items[0] as any)] : (await call('rotations.bulkUpdate', { items: items as any, kind })).rows;
      onSaved(saved);
      return saved;
    },
    [onSaved],
  );
  const grid = useEditableGrid<RotationRow>({
    fields,
    getId: (r) => r.id,
    getVersion: (r) => r.version,
    rowLabel: (r) => r.cadreName,
    save,
    readOnlyReason: (r) => (r.deletedAt ? `Đợt luân chuyển của ${r.cadreName} đã bị xoá; hãy khôi phục trước khi sửa.` : null),
    conflictRows: (c) => (Array.isArray(c) ? (c as RotationRow[]) : c ? [c as RotationRow] : []),
  });

  const columnDefs = useMemo<ColDef<RotationRow>[]>(() => {
    const spec = (id: string, extra: ColDef<RotationRow> = {}) => grid.colDef(grid.specById.get(id)!, extra);
    const statusCol: ColDef<RotationRow> = {
      colId: 'status',
      headerName: 'Trạng thái',
      width: 140,
      valueGetter: (p) => (p.data ? (p.data.deletedAt ? 'Đã xoá' : ROTATION_STATUSES[p.data.status as keyof typeof ROTATION_STATUSES] ?? p.data.status) : ''),
      cellRenderer: (p: { data?: RotationRow; value: string }) => (
        <span className="rot-status"><i style={{ background: p.data ? STATUS_COLOURS[p.data.status] : undefined }} />{p.value}</span>
      ),
    };
    const warningCol: ColDef<RotationRow> = {
      colId: 'warnings',
      headerName: 'Cảnh báo quy định',
      width: 260,
      valueGetter: (p) => (p.data ? p.data.warnings.map((w) => w.message).join(' ') : ''),
      tooltipValueGetter: (p) => p.value,
      cellClassRules: {
        'rot-cell-warning': (p) => !!p.data && p.data.warnings.length > 0 && !p.data.overrideReason,
        'rot-cell-overridden': (p) => !!p.data && p.data.warnings.length > 0 && !!p.data.overrideReason,
      },
    };
    const ruleSetCol: ColDef<RotationRow> = { colId: 'ruleSet', headerName: 'Quy định áp dụng', width: 130, valueGetter: (p) => p.data?.ruleSetCode ?? '' };
    return [
      spec('cadreName', { pinned: 'left', sort: undefined, getQuickFilterText: (p) => foldVietnamese(String(p.value ?? '')) }),
      statusCol,
      spec('type'),
      spec('fromUnitId'),
      spec('fromPostTitle'),
      spec('toUnitId'),
      spec('toPostTitle'),
      spec('toPositionCode'),
      spec('plannedStart', { sort: 'desc' }),
      spec('plannedEnd'),
      spec('actualStart'),
      spec('actualEnd'),
      warningCol,
      spec('overrideReason'),
      ruleSetCol,
      spec('decisionNo'),
      spec('decisionDate'),
      spec('decisionBody'),
      spec('fromPositionCode'),
      spec('purpose'),
      spec('note'),
    ];
  }, [grid]);

  const defaultColDef = useMemo<ColDef<RotationRow>>(() => ({ resizable: true, sortable: true, getQuickFilterText: () => '' }), []);

  const unitIds = useMemo(() => (unitId ? ref.subtreeIds(unitId) : null), [ref, unitId]);
  const filter = useRef({ status, type, unitIds, year });
  filter.current = { status, type, unitIds, year };
  useEffect(() => {
    grid.apiRef.current?.onFilterChanged();
  }, [status, type, unitIds, year, grid.apiRef]);
  const passes = useCallback((node: IRowNode<RotationRow>) => {
    const r = node.data;
    if (!r) return false;
    const f = filter.current;
    if (f.status && r.status !== f.status) return false;
    if (f.type && r.type !== f.type) return false;
    if (f.unitIds && !f.unitIds.has(r.toUnitId) && !(r.fromUnitId && f.unitIds.has(r.fromUnitId))) return false;
    if (f.year) {
      const s = r.actualStart ?? r.plannedStart;
      const e = r.actualEnd ?? r.plannedEnd ?? '9999-12-31';
      if (s > `${f.year}-12-31` || e < `${f.year}-01-01`) return false;
    }
    return true;
  }, []);

  const onGridReady = (e: GridReadyEvent<RotationRow>) => {
    grid.apiRef.current = e.api;
  };
  const focusedRow = () => {
    const api = grid.apiRef.current;
    const f = api?.getFocusedCell();
    return f ? api?.getDisplayedRowAtIndex(f.rowIndex)?.data ?? null : null;
  };
  const remove = async () => {
    const r = focusedRow();
    if (!r) return notify('info', 'Hãy chọn một dòng.');
    if (!window.confirm(`Xoá đợt luân chuyển của ${r.cadreName}? Có thể khôi phục sau.`)) return;
    try {
      await call('rotations.delete', { id: r.id, version: r.version });
      notify('success', 'Đã xoá. Bật "Hiện đợt đã xoá" để khôi phục.');
      onReload();
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };
  const restore = async () => {
    const r = focusedRow();
    if (!r?.deletedAt) return notify('info', 'Hãy chọn một đợt đã xoá.');
    try {
      await call('rotations.restore', { id: r.id });
      onReload();
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  const thisYear = Number(todayIso().slice(0, 4));
  const unitOptions = useMemo(() => unitTreeOptions(ref), [ref]);
  return (
    <>
      <div className="toolbar" role="toolbar" aria-label="Thao tác với danh sách luân chuyển">
        <input type="search" className="search" placeholder="Tìm theo tên cán bộ (không cần dấu)" aria-label="Tìm đợt luân chuyển" value={search} onChange={(e) => setSearch(e.target.value)} />
        <select aria-label="Lọc theo trạng thái" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">Mọi trạng thái</option>
          {Object.entries(ROTATION_STATUSES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
        <select aria-label="Lọc theo hình thức" value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">Mọi hình thức</option>
          {Object.entries(ROTATION_TYPES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
        <select aria-label="Lọc theo đơn vị" value={unitId ?? ''} onChange={(e) => setUnitId(e.target.value ? Number(e.target.value) : null)}>
          <option value="">Mọi đơn vị (đi hoặc đến)</option>
          {unitOptions.map((o) => <option key={o.unit.id} value={o.unit.id}>{'\u00a0\u00a0'.repeat(o.depth)}{o.unit.name}{o.active ? '' : ' (đã kết thúc)'}</option>)}
        </select>
        <select aria-label="Lọc theo năm" value={year ?? ''} onChange={(e) => setYear(e.target.value ? Number(e.target.value) : null)}>
          <option value="">Mọi năm</option>
          {Array.from({ length: 16 }, (_, i) => thisYear + 3 - i).map((y) => <option key={y} value={y}>{y}</option>)}
        </select>
        <label className="check"><input type="checkbox" checked={showDeleted} onChange={(e) => setShowDeleted(e.target.checked)} /> Hiện đợt đã xoá</label>
        <span className="spacer" />
        {canWrite && <button type="button" className="primary" onClick={onAdd}>+ Thêm đợt luân chuyển</button>}
        <button type="button" onClick={() => { const r = focusedRow(); if (r) onOpen(r.id); else notify('info', 'Hãy chọn một dòng.'); }}>{canWrite ? 'Mở / bắt đầu / kết thúc' : 'Xem đợt luân chuyển'}</button>
        {canWrite && (
          <>
            <button type="button" onClick={remove}>Xoá</button>
            {showDeleted && <button type="button" onClick={restore}>Khôi phục</button>}
            <button type="button" onClick={grid.undo} title="Ctrl+Z">Hoàn tác</button>
            <button type="button" onClick={grid.redo} title="Ctrl+Y">Làm lại</button>
          </>
        )}
        <ExportButtons api={() => grid.apiRef.current} fileName="Danh sách luân chuyển" title="DANH SÁCH LUÂN CHUYỂN CÁN BỘ" />
      </div>
      <div className="grid-and-detail">
        <div className="grid-wrap" {...grid.containerProps} data-testid="rotation-grid">
          <AgGridReact<RotationRow>
            {...grid.gridProps}
            theme={gridTheme}
            localeText={gridLocale}
            rowData={rows ?? undefined}
            loading={rows === null}
            columnDefs={columnDefs}
            defaultColDef={defaultColDef}
            getRowId={(p) => String(p.data.id)}
            onGridReady={onGridReady}
            animateRows={false}
            suppressColumnVirtualisation
            quickFilterText={search}
            quickFilterParser={(q) => foldVietnamese(q).split(' ').filter(Boolean)}
            quickFilterMatcher={(parts, text) => parts.every((p) => text.toLowerCase().includes(p))}
            isExternalFilterPresent={() => true}
            doesExternalFilterPass={passes}
            enterNavigatesVerticallyAfterEdit
            stopEditingWhenCellsLoseFocus
            tooltipShowDelay={300}
            rowClassRules={{ 'row-deleted': (p) => !!p.data?.deletedAt }}
            // Double-click edits an editable cell; on the read-only ones (name, status, actual dates) it opens the rotation.
            onCellDoubleClicked={(e) => e.data && e.colDef.editable !== true && onOpen(e.data.id)}
            onModelUpdated={(e) => setShown(e.api.getDisplayedRowCount())}
          />
        </div>
        {historyOf && (
          <aside className="detail-panel" aria-label={`Lịch sử luân chuyển của ${historyOf.name}`}>
            <header>
              <h2>{historyOf.name}</h2>
              <button type="button" className="icon" aria-label="Đóng lịch sử luân chuyển" onClick={() => setHistoryOf(null)}>
                ×
              </button>
            </header>
            <div className="detail-body">
              <CadreRotationsSection key={historyOf.cadreId} cadreId={historyOf.cadreId} cadreName={historyOf.name} onHistoryChanged={onReload} />
            </div>
          </aside>
        )}
      </div>
      <div className="statusbar">
        <span data-testid="rotation-count">Hiển thị {shown.toLocaleString('vi-VN')} / {(rows?.length ?? 0).toLocaleString('vi-VN')} đợt</span>
        <button
          type="button"
          className="link"
          onClick={() => {
            const r = focusedRow();
            if (r) setHistoryOf({ cadreId: r.cadreId, name: r.cadreName });
            else notify('info', 'Hãy chọn một dòng.');
          }}
        >
          Lịch sử luân chuyển của cán bộ
        </button>
        <span className="hint">Gõ để sửa · Ctrl+V dán từ Excel · Ctrl+Z hoàn tác · nhấp đúp vào tên cán bộ hoặc trạng thái để mở, bắt đầu, kết thúc</span>
      </div>
      {grid.conflict && <ConflictDialog conflict={grid.conflict} fields={fields} getId={(r) => r.id} rowLabel={(r) => r.cadreName} onResolve={grid.resolveConflict} />}
    </>
  );
}
