import { useCallback, useImperativeHandle, useMemo, type Ref } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi, GetQuickFilterTextParams } from 'ag-grid-community';
import { foldVietnamese } from '../../../../shared/domain/text';
import { gridLocale, gridTheme } from '../../grid/setup';
import { useEditableGrid, type SaveItem, type SaveKind } from '../../grid/useEditableGrid';
import type { FieldSpec } from '../../grid/fields';
import { ConflictDialog } from '../../components/ConflictDialog';

// One editable AG Grid with the cadre grid's editing (useEditableGrid: parse on type and paste, invalid cells
// marked with the reason, one call per edit, one transaction per paste, Ctrl+Z/Y), shared by the training grids.

export interface GridRow {
  id: number;
  version: number;
  deletedAt?: string | null;
}

export interface EditableGridHandle<Row> {
  api(): GridApi<Row> | null;
  /** Starts editing a cell of a row (after adding one). */
  edit(id: number, colId: string): void;
  undo(): void;
  redo(): void;
  /** Sets one column of several rows as one undoable paste (parsed like typed text). */
  fill(rows: Row[], colId: string, raw: string): Promise<void>;
}

export function EditableGrid<Row extends GridRow>(props: {
  testId: string;
  rows: Row[] | null;
  fields: FieldSpec<Row>[];
  /** Column layout: a spec's colId, or a read-only column. */
  layout: (string | ColDef<Row>)[];
  save(items: SaveItem[], kind: SaveKind): Promise<Row[]>;
  rowLabel(row: Row): string;
  search?: string;
  pinnedColId?: string;
  multiSelect?: boolean;
  /** Shown but not editable (rules only an administrator may change); viewers get read-only grids anyway. */
  readOnly?: boolean;
  onRowFocused?(row: Row): void;
  onSelectionChanged?(rows: Row[]): void;
  onRowDoubleClicked?(row: Row): void;
  handle?: Ref<EditableGridHandle<Row>>;
}) {
  const { fields, layout, save, rowLabel } = props;
  const grid = useEditableGrid<Row>({
    fields,
    getId: (r) => r.id,
    getVersion: (r) => r.version,
    rowLabel,
    save,
    readOnlyReason: (r) => (props.readOnly ? 'Chỉ quản trị viên sửa được mục này.' : r.deletedAt ? `${rowLabel(r)} đã bị xoá; hãy khôi phục trước khi sửa.` : null),
    conflictRows: (c) => (Array.isArray(c) ? (c as Row[]) : c ? [c as Row] : []),
  });
  useImperativeHandle(props.handle, () => ({
    api: () => grid.apiRef.current,
    edit: (id, colId) => {
      // The row arrives with the next render of rowData, so wait for it a little.
      let tries = 0;
      const attempt = () => {
        const api = grid.apiRef.current;
        const node = api?.getRowNode(String(id));
        if (!api || !node || node.rowIndex === null) {
          if (++tries < 40) setTimeout(attempt, 50);
          return;
        }
        api.ensureNodeVisible(node);
        api.setFocusedCell(node.rowIndex, colId);
        api.startEditingCell({ rowIndex: node.rowIndex, colKey: colId });
      };
      attempt();
    },
    undo: grid.undo,
    redo: grid.redo,
    fill: (rows, colId, raw) => grid.commitCells(rows.map((row) => ({ row, colId, raw })), 'paste') as Promise<void>,
  }));
  const columnDefs = useMemo<ColDef<Row>[]>(
    () =>
      layout.map((c) => {
        if (typeof c !== 'string') return c;
        const spec = grid.specById.get(c)!;
        return grid.colDef(spec, {
          ...(c === props.pinnedColId ? { pinned: 'left' as const } : {}),
          ...(props.readOnly ? { editable: false } : {}),
          getQuickFilterText: (p: GetQuickFilterTextParams<Row>) => foldVietnamese(String(p.value ?? '')),
        });
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [grid.colDef, grid.specById, layout, props.pinnedColId, props.readOnly],
  );
  const defaultColDef = useMemo<ColDef<Row>>(() => ({ resizable: true, sortable: true, filter: true, getQuickFilterText: () => '' }), []);
  const onFocus = props.onRowFocused;
  const focused = useCallback(
    (rowIndex: number | null | undefined) => {
      if (rowIndex === null || rowIndex === undefined) return;
      const node = grid.apiRef.current?.getDisplayedRowAtIndex(rowIndex);
      if (node?.data) onFocus?.(node.data);
    },
    [grid.apiRef, onFocus],
  );
  return (
    <div className="grid-wrap" {...grid.containerProps} data-testid={props.testId}>
      <AgGridReact<Row>
        {...grid.gridProps}
        theme={gridTheme}
        localeText={gridLocale}
        rowData={props.rows ?? undefined}
        loading={props.rows === null}
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        getRowId={(p) => String(p.data.id)}
        onGridReady={(e) => (grid.apiRef.current = e.api)}
        animateRows={false}
        selectionColumnDef={{ pinned: 'left' }}
        suppressColumnVirtualisation
        rowSelection={props.multiSelect ? { mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false, selectAll: 'filtered' } : undefined}
        quickFilterText={props.search ? foldVietnamese(props.search) : undefined}
        enterNavigatesVerticallyAfterEdit
        stopEditingWhenCellsLoseFocus
        tooltipShowDelay={300}
        rowClassRules={{ 'row-deleted': (p) => !!p.data?.deletedAt }}
        onCellFocused={(e) => focused(e.rowIndex)}
        onSelectionChanged={(e) => props.onSelectionChanged?.(e.api.getSelectedRows())}
        onRowDoubleClicked={(e) => e.data && props.onRowDoubleClicked?.(e.data)}
      />
      {grid.conflict && <ConflictDialog conflict={grid.conflict} fields={fields} getId={(r) => r.id} rowLabel={rowLabel} onResolve={grid.resolveConflict} />}
    </div>
  );
}
