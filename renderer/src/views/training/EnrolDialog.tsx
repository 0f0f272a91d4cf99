import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi } from 'ag-grid-community';
import { call, errorMessage } from '../../api';
import { decodeCadreTable, type CadreRow } from '../../../../shared/api/cadres';
import type { CourseRow } from '../../../../shared/api/training';
import { CADRE_CATEGORIES, CADRE_STATUSES, SEXES } from '../../../../shared/domain/codes';
import { ageOn, formatVnDate, todayIso } from '../../../../shared/domain/dates';
import { compareVietnameseNames, foldVietnamese } from '../../../../shared/domain/text';
import { Modal } from '../../components/Modal';
import { gridLocale, gridTheme } from '../../grid/setup';
import { unitTreeOptions, useReference } from '../../data/reference';
import { EnrolConfirm } from './EnrolConfirm';

// "Ghi danh": pick many cadres from a grid with search, unit and category filters and column filters,
// then check the warnings and enrol them in one go.

export function EnrolDialog({ course, onClose, onEnrolled }: { course: CourseRow; onClose(): void; onEnrolled(): void }) {
  const ref = useReference();
  const [rows, setRows] = useState<CadreRow[] | null>(null);
  const [error, setError] = useState('');
  const [search, setSearch] = useState('');
  const [unitId, setUnitId] = useState<number | null>(null);
  const [category, setCategory] = useState('');
  const [selected, setSelected] = useState<CadreRow[]>([]);
  const [step, setStep] = useState<'pick' | 'confirm'>('pick');
  const apiRef = useRef<GridApi<CadreRow> | null>(null);
  useEffect(() => {
    // The compact table form: the host sends the rows it keeps as JSON as they are.
    call('cadres.listTable', {}).then((t) => setRows(decodeCadreTable(t).filter((c) => c.status === 'dang_cong_tac')), (e) => setError(errorMessage(e)));
  }, []);
  const unitIds = useMemo(() => (unitId ? ref.subtreeIds(unitId) : null), [ref, unitId]);
  const filter = useRef({ unitIds, category });
  filter.current = { unitIds, category };
  useEffect(() => apiRef.current?.onFilterChanged(), [unitIds, category]);
  const today = todayIso();
  const columns = useMemo<ColDef<CadreRow>[]>(
    () => [
      { colId: 'fullName', headerName: 'Họ và tên', field: 'fullName', width: 200, pinned: 'left', sort: 'asc', comparator: (a, b) => compareVietnameseNames(a, b), getQuickFilterText: (p) => foldVietnamese(p.value) },
      { colId: 'sex', headerName: 'Giới tính', width: 90, valueGetter: (p) => (p.data ? SEXES[p.data.sex as keyof typeof SEXES] : '') },
      { colId: 'birthDate', headerName: 'Ngày sinh', width: 110, valueGetter: (p) => formatVnDate(p.data?.birthDate) },
      { colId: 'age', headerName: 'Tuổi', width: 75, filter: 'agNumberColumnFilter', valueGetter: (p) => (p.data ? ageOn(p.data.birthDate, today) : null) },
      { colId: 'unit', headerName: 'Đơn vị', width: 260, valueGetter: (p) => ref.unitPath(p.data?.unitId), getQuickFilterText: (p) => foldVietnamese(p.value) },
      { colId: 'post', headerName: 'Chức vụ', width: 160, valueGetter: (p) => p.data?.postTitle ?? '', getQuickFilterText: (p) => foldVietnamese(p.value) },
      { colId: 'category', headerName: 'Loại', width: 100, valueGetter: (p) => (p.data ? CADRE_CATEGORIES[p.data.category as keyof typeof CADRE_CATEGORIES] : '') },
      { colId: 'professional', headerName: 'Chuyên môn cao nhất', width: 150, valueGetter: (p) => ref.label('level.chuyen_mon', p.data?.professionalLevel) },
      { colId: 'political', headerName: 'Lý luận chính trị', width: 130, valueGetter: (p) => ref.label('level.ly_luan_chinh_tri', p.data?.politicalLevel) },
      { colId: 'status', headerName: 'Trạng thái', width: 120, valueGetter: (p) => (p.data ? CADRE_STATUSES[p.data.status as keyof typeof CADRE_STATUSES] : '') },
    ],
    [ref, today],
  );
  const passes = useCallback((r: CadreRow) => {
    const f = filter.current;
    if (f.unitIds && (r.unitId === null || !f.unitIds.has(r.unitId))) return false;
    if (f.category && r.category !== f.category) return false;
    return true;
  }, []);
  const unitOptions = useMemo(() => unitTreeOptions(ref).filter((o) => o.active), [ref]);
  return (
    <Modal title={`Ghi danh vào khoá "${course.name}"`} onClose={onClose} wide>
      {error && <p className="error-text">{error}</p>}
      {step === 'pick' ? (
        <div className="enrol-pick">
          <div className="toolbar compact">
            <input type="search" className="search" aria-label="Tìm người để ghi danh" placeholder="Tìm theo tên, đơn vị, chức vụ… (không cần dấu)" value={search} onChange={(e) => setSearch(e.target.value)} />
            <select aria-label="Lọc ghi danh theo đơn vị" value={unitId ?? ''} onChange={(e) => setUnitId(e.target.value ? Number(e.target.value) : null)}>
              <option value="">Tất cả đơn vị</option>
              {unitOptions.map((o) => (
                <option key={o.unit.id} value={o.unit.id}>
                  {'\u00a0\u00a0'.repeat(o.depth)}
                  {o.unit.name}
                </option>
              ))}
            </select>
            <select aria-label="Lọc ghi danh theo loại" value={category} onChange={(e) => setCategory(e.target.value)}>
              <option value="">Mọi loại</option>
              {Object.entries(CADRE_CATEGORIES).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </div>
          <div className="picker-grid" data-testid="enrol-picker">
            <AgGridReact<CadreRow>
              theme={gridTheme}
              localeText={gridLocale}
              rowData={rows ?? undefined}
              loading={rows === null}
              columnDefs={columns}
              defaultColDef={{ resizable: true, sortable: true, filter: true, getQuickFilterText: () => '' }}
              getRowId={(p) => String(p.data.id)}
              onGridReady={(e) => (apiRef.current = e.api)}
              animateRows={false}
        selectionColumnDef={{ pinned: 'left' }}
              suppressColumnVirtualisation
              rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: true, selectAll: 'filtered', enableClickSelection: true }}
              quickFilterText={foldVietnamese(search)}
              isExternalFilterPresent={() => true}
              doesExternalFilterPass={(n) => !!n.data && passes(n.data)}
              onSelectionChanged={(e) => setSelected(e.api.getSelectedRows())}
            />
          </div>
          <div className="modal-actions">
            <span className="muted">Đã chọn {selected.length} người</span>
            <button type="button" onClick={onClose}>
              Huỷ
            </button>
            <button type="button" className="primary" disabled={selected.length === 0} onClick={() => setStep('confirm')}>
              Tiếp tục ({selected.length} người)
            </button>
          </div>
        </div>
      ) : (
        <EnrolConfirm course={course} people={selected} onBack={() => setStep('pick')} onDone={() => (onEnrolled(), onClose())} />
      )}
    </Modal>
  );
}
