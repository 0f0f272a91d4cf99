import { useCallback, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import { call, errorMessage } from '../../../api';
import type { CadreDetail, Qualification } from '../../../../../shared/api/cadres';
import { QUALIFICATION_CATEGORY_KEYS } from '../../../../../shared/domain/codes';
import { ConflictDialog } from '../../../components/ConflictDialog';
import { useNotify } from '../../../components/notify';
import { useReference } from '../../../data/reference';
import { gridLocale, gridTheme } from '../../../grid/setup';
import { useEditableGrid, type SaveItem, type SaveKind } from '../../../grid/useEditableGrid';
import { AddQualificationForm } from './AddQualificationForm';
import { ExportButtons } from '../../../grid/ExportButtons';
import { SOURCE_LABELS, categoryLabel, levelLabel } from './labels';
import { highestByCategory, levelNamesFor, qualificationFieldSpecs } from './qualificationFields';

// Pixel sizes of the grid theme (renderer/src/grid/setup.ts) plus borders, to size the grid to its rows.
const GRID_HEADER = 36;
const GRID_ROW = 30;
const GRID_SCROLLBAR = 20;
const CATEGORY_ORDER: string[] = QUALIFICATION_CATEGORY_KEYS;

const qualificationName = (ref: ReturnType<typeof useReference>, q: Qualification) => `${categoryLabel(q.category)}: ${levelLabel(ref, q.category, q.levelKey)}`;

/** The qualification history in an editable grid, with the highest level of each category on top. */
export function QualificationsTab({ detail, readOnly, onChanged }: { detail: CadreDetail; readOnly: boolean; onChanged(): Promise<unknown> }) {
  const ref = useReference();
  const notify = useNotify();
  const [showDeleted, setShowDeleted] = useState(false);
  const [adding, setAdding] = useState(false);
  const [focusedId, setFocusedId] = useState<number | null>(null);
  // Looked up in the latest detail, so a delete uses the version an edit just returned.
  const focused = detail.qualifications.find((q) => q.id === focusedId) ?? null;
  const [message, setMessage] = useState('');

  const fields = useMemo(() => qualificationFieldSpecs(ref), [ref]);
  const save = useCallback(
    async (items: SaveItem[], kind: SaveKind): Promise<Qualification[]> => {
      const rows =
        items.length === 1 && kind === 'edit'
          ? [await call('qualifications.update', items[0] as never)]
          : await call('qualifications.bulkUpdate', { items: items as never, kind });
      // The highest levels (here and in the cadre list) are derived: read them again.
      void onChanged();
      return rows;
    },
    [onChanged],
  );
  const grid = useEditableGrid<Qualification>({
    fields,
    getId: (q) => q.id,
    getVersion: (q) => q.version,
    rowLabel: (q) => qualificationName(ref, q),
    save,
    readOnlyReason: (q) =>
      detail.row.deletedAt ? 'Hồ sơ đã bị xoá; hãy khôi phục hồ sơ trước khi sửa.' : readOnly ? 'Tài khoản chỉ xem không sửa được dữ liệu.' : q.deletedAt ? 'Văn bằng này đã bị xoá; hãy khôi phục trước khi sửa.' : null,
    conflictRows: (c) => (Array.isArray(c) ? (c as Qualification[]) : c ? [c as Qualification] : []),
  });

  const columnDefs = useMemo<ColDef<Qualification>[]>(() => {
    const spec = (id: string, extra: ColDef<Qualification> = {}) => grid.colDef(grid.specById.get(id)!, extra);
    return [
      spec('category', { pinned: 'left' }),
      spec('levelKey', {
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: (p: { data?: Qualification }) => ({ values: p.data ? levelNamesFor(ref, p.data.category) : [] }),
      }),
      spec('field'),
      spec('institution'),
      spec('awardDate'),
      spec('language'),
      spec('fluency'),
      spec('certificateNo'),
      {
        colId: 'source',
        headerName: 'Nguồn',
        width: 140,
        editable: false,
        valueGetter: (p) => (p.data ? `${SOURCE_LABELS[p.data.source] ?? p.data.source}${p.data.deletedAt ? ' · đã xoá' : ''}` : ''),
        tooltipValueGetter: (p) => (p.data?.source === 'training' ? 'Văn bằng do hoàn thành khoá đào tạo; sửa hoặc huỷ ở mục Đào tạo, bồi dưỡng.' : undefined),
      },
      spec('note'),
    ];
    // Only the hook's stable parts: a new columnDefs array on every render would make the grid rebuild its columns.
  }, [grid.colDef, grid.specById, ref]);

  // Categories in the order of the CV form, the latest award first within each.
  const rows = useMemo(
    () =>
      detail.qualifications
        .filter((q) => showDeleted || !q.deletedAt)
        .sort((a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) || String(b.awardDate ?? '').localeCompare(String(a.awardDate ?? '')) || a.id - b.id),
    [detail.qualifications, showDeleted],
  );
  const deletedCount = detail.qualifications.filter((q) => q.deletedAt).length;
  const highest = useMemo(() => highestByCategory(ref, detail.qualifications), [ref, detail.qualifications]);

  const remove = async (q: Qualification) => {
    if (!window.confirm(`Xoá văn bằng "${qualificationName(ref, q)}"? Văn bằng đã xoá vẫn khôi phục được.`)) return;
    try {
      await call('qualifications.delete', { id: q.id, version: q.version });
      setMessage('');
      notify('success', `Đã xoá văn bằng ${qualificationName(ref, q)}. Bật "Hiện văn bằng đã xoá" để khôi phục.`);
      setFocusedId(null);
      await onChanged();
    } catch (e) {
      setMessage(errorMessage(e));
      notify('error', `Không xoá được: ${errorMessage(e)}`);
    }
  };
  const restore = async (q: Qualification) => {
    try {
      await call('qualifications.restore', { id: q.id });
      setMessage('');
      notify('success', `Đã khôi phục văn bằng ${qualificationName(ref, q)}.`);
      await onChanged();
    } catch (e) {
      setMessage(errorMessage(e));
      notify('error', `Không khôi phục được: ${errorMessage(e)}`);
    }
  };

  return (
    <div className="qualifications-tab">
      <section aria-label="Trình độ cao nhất" className="highest">
        <h3>Trình độ cao nhất hiện nay</h3>
        {highest.length === 0 ? (
          <p className="muted">Chưa có văn bằng, chứng chỉ nào.</p>
        ) : (
          <dl className="highest-list">
            {highest.map(({ category, q }) => (
              <div key={category}>
                <dt>{categoryLabel(category)}</dt>
                <dd data-testid={`highest-${category}`}>
                  {levelLabel(ref, category, q.levelKey)}
                  {q.field ? ` – ${q.field}` : ''}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <div className="tab-toolbar" role="toolbar" aria-label="Thao tác với văn bằng">
        {!readOnly && (
          <button type="button" className="primary" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
            + Thêm văn bằng
          </button>
        )}
        {!readOnly && focused && !focused.deletedAt && (
          <button type="button" onClick={() => void remove(focused)}>
            Xoá văn bằng đang chọn
          </button>
        )}
        {!readOnly && focused?.deletedAt && (
          <button type="button" onClick={() => void restore(focused)}>
            Khôi phục văn bằng đang chọn
          </button>
        )}
        <span className="spacer" />
        <label className="check">
          <input type="checkbox" checked={showDeleted} onChange={(e) => setShowDeleted(e.target.checked)} /> Hiện văn bằng đã xoá ({deletedCount})
        </label>
        <ExportButtons api={() => grid.apiRef.current} fileName={`Trình độ ${detail.row.fullName}`} title={`VĂN BẰNG, CHỨNG CHỈ CỦA ${detail.row.fullName.toUpperCase()}`} />
      </div>
      {message && (
        <p className="error-text" role="alert">
          {message}
        </p>
      )}
      {adding && !readOnly && (
        <AddQualificationForm
          cadreId={detail.row.id}
          onCancel={() => setAdding(false)}
          onCreated={async (q) => {
            setAdding(false);
            notify('success', `Đã thêm văn bằng ${qualificationName(ref, q)}.`);
            await onChanged();
          }}
        />
      )}
      {/* Height follows the rows (a few more than shown, room for the horizontal scrollbar), up to a cap; autoHeight
          would let the scrollbar of this wide grid cover the last row. */}
      <div className="detail-grid" {...grid.containerProps} data-testid="qualification-grid" style={{ height: GRID_HEADER + GRID_ROW * Math.min(Math.max(rows.length, 3), 12) + GRID_SCROLLBAR }}>
        <AgGridReact<Qualification>
          {...grid.gridProps}
          theme={gridTheme}
          localeText={{ ...gridLocale, noRowsToShow: 'Chưa có văn bằng nào' }}
          rowData={rows}
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true, sortable: true }}
          getRowId={(p) => String(p.data.id)}
          onGridReady={(e) => {
            grid.apiRef.current = e.api;
          }}
          animateRows={false}
          suppressColumnVirtualisation
          enterNavigatesVerticallyAfterEdit
          stopEditingWhenCellsLoseFocus
          singleClickEdit={false}
          tooltipShowDelay={300}
          rowClassRules={{ 'row-deleted': (p) => !!p.data?.deletedAt, 'row-from-training': (p) => p.data?.source === 'training' }}
          onCellFocused={(e) => {
            const node = e.rowIndex === null || e.rowIndex === undefined ? null : e.api.getDisplayedRowAtIndex(e.rowIndex);
            setFocusedId(node?.data?.id ?? null);
          }}
        />
      </div>
      <p className="hint">Nhấp đúp hoặc gõ để sửa ô · Ctrl+V dán từ Excel · Ctrl+Z hoàn tác · dòng có nguồn "Từ khoá đào tạo" được tạo ở mục Đào tạo, bồi dưỡng.</p>
      {grid.conflict && (
        <ConflictDialog
          conflict={grid.conflict}
          fields={fields}
          getId={(q) => q.id}
          rowLabel={(q) => qualificationName(ref, q)}
          onResolve={(choice) => {
            void grid.resolveConflict(choice);
            void onChanged();
          }}
        />
      )}
    </div>
  );
}
