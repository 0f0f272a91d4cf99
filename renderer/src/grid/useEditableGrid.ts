import { useCallback, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { CellEditingStoppedEvent, ColDef, GridApi, IRowNode, ValueGetterParams, ValueSetterParams } from 'ag-grid-community';
import { ApiError } from '../api';
import { useNotify } from '../components/notify';
import { formatClipboardTable, parseClipboardTable } from './clipboard';
import type { FieldSpec } from './fields';
import { useCanWrite } from '../views/login/session';

// Excel-like editing on top of AG Grid Community: every typed or pasted value goes through the field's parse,
// is saved through the API (one call per edit, one transaction per paste), and is marked on the cell with its
// reason when refused. Saves run one after another so each uses the version the previous one returned.
// Ctrl+Z / Ctrl+Y undo and redo whole edits and pastes.

export type SaveKind = 'edit' | 'paste' | 'undo' | 'redo';
export interface SaveItem {
  id: number;
  version: number;
  changes: Record<string, unknown>;
}

export interface EditableGridOptions<Row> {
  fields: FieldSpec<Row>[];
  getId(row: Row): number;
  getVersion(row: Row): number;
  /** Names the row in messages ("Nguyễn Văn An"). */
  rowLabel(row: Row): string;
  save(items: SaveItem[], kind: SaveKind): Promise<Row[]>;
  /** Rows that may not be edited (e.g. deleted ones); a reason is shown when someone tries. */
  readOnlyReason?(row: Row): string | null;
  /** Turns the `current` of a conflict error into rows. */
  conflictRows?(current: unknown): Row[];
}

interface CellEdit {
  id: number;
  colId: string;
  before: unknown;
  after: unknown;
}

export interface ConflictState<Row> {
  mine: SaveItem[];
  current: Row[];
  kind: SaveKind;
}

const key = (id: number | string, colId: string) => `${id}\u0000${colId}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function useEditableGrid<Row>(opts: EditableGridOptions<Row>) {
  const notify = useNotify();
  const apiRef = useRef<GridApi<Row> | null>(null);
  const errors = useRef(new Map<string, { raw: string; message: string }>());
  const pending = useRef(new Map<string, string>());
  const undoStack = useRef<CellEdit[][]>([]);
  const redoStack = useRef<CellEdit[][]>([]);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const [conflict, setConflict] = useState<ConflictState<Row> | null>(null);
  const [, setTick] = useState(0);
  const optsRef = useRef(opts);
  optsRef.current = opts;
  // Viewers get read-only grids (the host refuses their writes anyway; this keeps the screen honest).
  const canWrite = useCanWrite();
  const canWriteRef = useRef(canWrite);
  canWriteRef.current = canWrite;

  const specById = useMemo(() => new Map(opts.fields.map((f) => [f.colId, f])), [opts.fields]);
  /** The API field a spec writes, to route the server's per-field errors back to the cell. */
  const colIdByApiField = useMemo(() => {
    const m = new Map<string, string>();
    for (const f of opts.fields) {
      const changeKeys = Object.keys(f.change(null));
      if (changeKeys.length === 1) m.set(changeKeys[0], f.colId);
    }
    return m;
  }, [opts.fields]);

  const nodeOf = (id: number) => apiRef.current?.getRowNode(String(id)) ?? null;
  const refresh = (nodes: (IRowNode<Row> | null)[], columns?: string[]) => {
    const rowNodes = nodes.filter((n): n is IRowNode<Row> => !!n);
    if (!rowNodes.length) return;
    // A grid with AG Grid's value cache (the cadre grid) would show the cached value: what a cell shows depends on
    // its pending and refused marks too, which change without the row's data changing.
    apiRef.current?.expireValueCache();
    apiRef.current?.refreshCells({ rowNodes, columns, force: true });
  };

  const applyRows = useCallback((rows: Row[]) => {
    const api = apiRef.current;
    if (!api || rows.length === 0) return;
    api.applyTransaction({ update: rows });
  }, []);

  const markError = (id: number, colId: string, raw: string, message: string) => {
    errors.current.set(key(id, colId), { raw, message });
  };

  const runSave = useCallback(
    (items: SaveItem[], kind: SaveKind, edits: CellEdit[]) => {
      const job = queue.current.then(async () => {
        const o = optsRef.current;
        // Use the version the grid holds now: an earlier save in the queue may have moved it on.
        const fresh = items.map((it) => {
          const node = nodeOf(it.id);
          return node?.data ? { ...it, version: o.getVersion(node.data) } : it;
        });
        try {
          const rows = await o.save(fresh, kind);
          for (const e of edits) {
            errors.current.delete(key(e.id, e.colId));
            pending.current.delete(key(e.id, e.colId));
          }
          applyRows(rows);
          refresh(edits.map((e) => nodeOf(e.id)));
          if (kind === 'undo') redoStack.current.push(edits);
          else {
            undoStack.current.push(edits);
            if (kind !== 'redo') redoStack.current = [];
          }
          if (kind === 'paste') notify('success', `Đã dán ${edits.length} ô vào ${new Set(edits.map((e) => e.id)).size} dòng. Nhấn Ctrl+Z để hoàn tác.`);
          if (kind === 'undo') notify('info', `Đã hoàn tác ${edits.length} ô.`);
        } catch (e) {
          for (const ed of edits) pending.current.delete(key(ed.id, ed.colId));
          if (e instanceof ApiError && e.kind === 'conflict' && o.conflictRows) {
            const current = o.conflictRows(e.error.current);
            setConflict({ mine: fresh, current, kind });
          } else if (e instanceof ApiError && e.kind === 'validation') {
            const messages: string[] = [];
            for (const [path, message] of Object.entries(e.fieldErrors)) {
              const m = /^(?:items\.(\d+)\.)?(?:changes\.)?(.+)$/.exec(path)!;
              const item = m[1] !== undefined ? fresh[Number(m[1])] : fresh[0];
              const colId = colIdByApiField.get(m[2].split('.')[0]) ?? m[2];
              if (!item) continue;
              const spec = specById.get(colId);
              const edit = edits.find((x) => x.id === item.id && x.colId === colId);
              const node = nodeOf(item.id);
              // A cell refused because of another cell's edit (e.g. a level that does not fit a new category) keeps its value.
              const raw = spec && edit ? spec.format(edit.after, node?.data) : spec && node?.data ? spec.format(spec.apiValue(node.data), node.data) : '';
              markError(item.id, colId, raw, message);
              messages.push(node?.data ? `${o.rowLabel(node.data)}: ${message}` : message);
            }
            notify('error', messages.length ? `Chưa lưu: ${messages.slice(0, 3).join(' · ')}${messages.length > 3 ? ` (và ${messages.length - 3} lỗi khác)` : ''}` : e.message);
          } else {
            notify('error', e instanceof ApiError ? e.message : 'Không lưu được thay đổi.');
          }
          refresh(edits.map((x) => nodeOf(x.id)));
        }
        setTick((t) => t + 1);
      });
      queue.current = job.catch(() => {});
      return job;
    },
    [applyRows, colIdByApiField, notify, specById],
  );

  /** Parses cells (typed or pasted), marks the refused ones, and saves the rest in one call. */
  const commitCells = useCallback(
    (cells: { row: Row; colId: string; raw: unknown }[], kind: 'edit' | 'paste') => {
      const o = optsRef.current;
      if (!canWriteRef.current) {
        notify('error', 'Tài khoản chỉ xem không sửa được dữ liệu.');
        return Promise.resolve();
      }
      const items = new Map<number, SaveItem>();
      const edits: CellEdit[] = [];
      const refused: string[] = [];
      const touched = new Set<IRowNode<Row> | null>();
      for (const { row, colId, raw } of cells) {
        const spec = specById.get(colId);
        const id = o.getId(row);
        touched.add(nodeOf(id));
        if (!spec || spec.editable === false) {
          refused.push(`Cột "${spec?.headerName ?? colId}" không sửa trực tiếp được.`);
          continue;
        }
        const readOnly = o.readOnlyReason?.(row);
        if (readOnly) {
          refused.push(readOnly);
          continue;
        }
        const parsed = spec.parse(raw, row);
        if (!parsed.ok) {
          markError(id, colId, typeof raw === 'boolean' ? String(raw) : String(raw ?? ''), parsed.message);
          refused.push(`${o.rowLabel(row)}: ${parsed.message}`);
          continue;
        }
        errors.current.delete(key(id, colId));
        const before = spec.apiValue(row);
        if (same(before, parsed.value)) continue;
        const item = items.get(id) ?? { id, version: o.getVersion(row), changes: {} };
        mergeChanges(item.changes, spec.change(parsed.value));
        items.set(id, item);
        edits.push({ id, colId, before, after: parsed.value });
        pending.current.set(key(id, colId), spec.format(parsed.value, row));
      }
      refresh([...touched]);
      if (refused.length) {
        const uniq = [...new Set(refused)];
        notify('error', `${kind === 'paste' ? 'Một số ô không dán được' : 'Chưa lưu'}: ${uniq.slice(0, 3).join(' · ')}${uniq.length > 3 ? ` (và ${uniq.length - 3} lỗi khác)` : ''}`);
      }
      if (items.size === 0) return Promise.resolve();
      return runSave([...items.values()], kind, edits);
    },
    [notify, runSave, specById],
  );

  const replay = useCallback(
    (direction: 'undo' | 'redo') => {
      // A paste or edit still being saved reaches the stack when its answer arrives: Ctrl+Z pressed right after
      // it waits for the saves under way and then undoes it, instead of saying there is nothing to undo.
      void queue.current.then(() => {
        const stack = direction === 'undo' ? undoStack.current : redoStack.current;
        const edits = stack.pop();
        if (!edits) {
          notify('info', direction === 'undo' ? 'Không còn thao tác nào để hoàn tác.' : 'Không còn thao tác nào để làm lại.');
          return;
        }
        const o = optsRef.current;
        const items = new Map<number, SaveItem>();
        for (const e of edits) {
          const spec = specById.get(e.colId)!;
          const node = nodeOf(e.id);
          const item = items.get(e.id) ?? { id: e.id, version: node?.data ? o.getVersion(node.data) : 0, changes: {} };
          mergeChanges(item.changes, spec.change(direction === 'undo' ? e.before : e.after));
          items.set(e.id, item);
        }
        void runSave([...items.values()], direction, edits);
      });
    },
    [notify, runSave, specById],
  );

  const colDef = useCallback(
    (spec: FieldSpec<Row>, extra: ColDef<Row> = {}): ColDef<Row> => ({
      colId: spec.colId,
      headerName: spec.headerName,
      width: spec.width,
      editable: canWrite && spec.editable !== false,
      cellDataType: spec.kind === 'bool' ? 'boolean' : false,
      // Number columns show formatted text ("4,4", "150.000.000"); the export writes them as numbers.
      context: { exportNumeric: spec.kind === 'number' },
      valueGetter: (p: ValueGetterParams<Row>) => {
        if (!p.data) return null;
        // A sort calls this twice per comparison (~1.6 million times for 50,000 rows): look up the marked cells
        // only when there are some.
        if (errors.current.size > 0 || pending.current.size > 0) {
          const id = optsRef.current.getId(p.data);
          const err = errors.current.get(key(id, spec.colId));
          if (err) return spec.kind === 'bool' ? err.raw === 'true' : err.raw;
          const pend = pending.current.get(key(id, spec.colId));
          if (pend !== undefined) return spec.kind === 'bool' ? pend === 'x' : pend;
        }
        const v = spec.apiValue(p.data);
        return spec.kind === 'bool' ? Boolean(v) : spec.format(v, p.data);
      },
      valueSetter: (p: ValueSetterParams<Row>) => {
        void commitCells([{ row: p.data, colId: spec.colId, raw: p.newValue }], 'edit');
        return false;
      },
      comparator: spec.compare
        ? (_a, _b, na, nb) => spec.compare!(na?.data ? spec.apiValue(na.data) : null, nb?.data ? spec.apiValue(nb.data) : null)
        : undefined,
      cellClassRules: {
        'cell-invalid': (p) => errors.current.size > 0 && !!p.data && errors.current.has(key(optsRef.current.getId(p.data), spec.colId)),
        'cell-pending': (p) => pending.current.size > 0 && !!p.data && pending.current.has(key(optsRef.current.getId(p.data), spec.colId)),
      },
      tooltipValueGetter: (p) => (p.data ? errors.current.get(key(optsRef.current.getId(p.data), spec.colId))?.message : undefined),
      ...(spec.kind === 'code' && spec.options
        ? { cellEditor: 'agSelectCellEditor', cellEditorParams: { values: ['', ...spec.options] } }
        : {}),
      ...extra,
      ...(canWrite ? {} : { editable: false }),
    }),
    [commitCells, canWrite],
  );

  /**
   * AG Grid skips the save when the text typed equals what the cell shows, and a refused cell shows the refused
   * text. Without this, a value refused because of another field (fixed since) could never be entered again.
   */
  const onCellEditingStopped = useCallback(
    (e: CellEditingStoppedEvent<Row>) => {
      if (e.valueChanged || !e.data || !e.column) return;
      const colId = e.column.getColId();
      const err = errors.current.get(key(optsRef.current.getId(e.data), colId));
      if (err && String(e.newValue ?? '') === err.raw) void commitCells([{ row: e.data, colId, raw: e.newValue }], 'edit');
    },
    [commitCells],
  );

  const onPaste = useCallback(
    (e: ClipboardEvent<HTMLElement>) => {
      const api = apiRef.current;
      if (!api || api.getEditingCells().length > 0) return;
      const focused = api.getFocusedCell();
      const text = e.clipboardData.getData('text/plain');
      if (!focused || !text) return;
      e.preventDefault();
      const table = parseClipboardTable(text);
      if (table.length === 0) return;
      const columns = api.getAllDisplayedColumns();
      const startCol = columns.findIndex((c) => c.getColId() === focused.column.getColId());
      const cells: { row: Row; colId: string; raw: unknown }[] = [];
      const selected = api.getSelectedNodes();
      if (table.length === 1 && table[0].length === 1 && selected.length > 1) {
        // One value onto several selected rows: fill the column, as Excel's fill does.
        for (const n of selected) if (n.data) cells.push({ row: n.data, colId: focused.column.getColId(), raw: table[0][0] });
      } else {
        let overflow = 0;
        table.forEach((line, r) => {
          const node = api.getDisplayedRowAtIndex(focused.rowIndex + r);
          if (!node?.data) {
            overflow++;
            return;
          }
          line.forEach((raw, c) => {
            const col = columns[startCol + c];
            if (col) cells.push({ row: node.data!, colId: col.getColId(), raw });
          });
        });
        if (overflow) notify('warning', `${overflow} dòng ở cuối vùng dán vượt quá số dòng của bảng nên không được dán. Hãy thêm dòng trước rồi dán lại.`);
      }
      void commitCells(cells, 'paste');
    },
    [commitCells, notify],
  );

  const onCopy = useCallback((e: ClipboardEvent<HTMLElement>) => {
    const api = apiRef.current;
    if (!api || api.getEditingCells().length > 0) return;
    const selected = api.getSelectedNodes();
    const columns = api.getAllDisplayedColumns().filter((c) => c.getColDef().headerName);
    const text = (node: IRowNode<Row>, colId: string) => {
      const v: unknown = api.getCellValue({ rowNode: node, colKey: colId });
      return v === true ? 'x' : v === false || v === null || v === undefined ? '' : String(v);
    };
    let rows: string[][];
    if (selected.length > 0) {
      rows = [columns.map((c) => c.getColDef().headerName ?? ''), ...selected.map((n) => columns.map((c) => text(n, c.getColId())))];
    } else {
      const focused = api.getFocusedCell();
      const node = focused ? api.getDisplayedRowAtIndex(focused.rowIndex) : null;
      if (!focused || !node) return;
      rows = [[text(node, focused.column.getColId())]];
    }
    e.preventDefault();
    e.clipboardData.setData('text/plain', formatClipboardTable(rows));
  }, []);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      const api = apiRef.current;
      if (!api || api.getEditingCells().length > 0 || !(e.ctrlKey || e.metaKey)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        replay('undo');
      } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
        e.preventDefault();
        replay('redo');
      }
    },
    [replay],
  );

  const resolveConflict = useCallback(
    async (choice: 'keep-current' | 'overwrite') => {
      const c = conflict;
      setConflict(null);
      if (!c) return;
      applyRows(c.current);
      if (choice === 'overwrite') {
        const edits: CellEdit[] = [];
        await runSave(c.mine, c.kind, edits);
      } else {
        notify('info', 'Đã hiển thị giá trị hiện tại; thay đổi của bạn không được lưu.');
      }
    },
    [applyRows, conflict, notify, runSave],
  );

  return {
    apiRef,
    colDef,
    commitCells,
    containerProps: { onPaste, onCopy, onKeyDownCapture: onKeyDown },
    /** Spread on the AgGridReact: events the editing needs from the grid itself. */
    gridProps: { onCellEditingStopped },
    undo: () => replay('undo'),
    redo: () => replay('redo'),
    conflict,
    resolveConflict,
    specById,
    /** Waits for the saves in flight (tests, closing a view). */
    whenSaved: () => queue.current,
  };
}

function mergeChanges(target: Record<string, unknown>, add: Record<string, unknown>) {
  for (const [k, v] of Object.entries(add)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && target[k] && typeof target[k] === 'object') {
      Object.assign(target[k] as object, v);
    } else target[k] = v;
  }
}
