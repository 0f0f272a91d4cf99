import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi } from 'ag-grid-community';
import { call, errorMessage } from '../../api';
import type { CallOutput } from '../../../../shared/api/contract';
import { COURSE_KINDS, type CourseRow, type GapMember, type PlanRow } from '../../../../shared/api/training';
import { CADRE_CATEGORIES } from '../../../../shared/domain/codes';
import { ageOn, formatVnDate, todayIso } from '../../../../shared/domain/dates';
import { compareVietnamese, compareVietnameseNames, foldVietnamese } from '../../../../shared/domain/text';
import { Modal } from '../../components/Modal';
import { useNotify } from '../../components/notify';
import { gridLocale, gridTheme } from '../../grid/setup';
import { unitTreeOptions, useReference } from '../../data/reference';
import { EnrolConfirm } from './EnrolConfirm';
import { ExportButtons } from '../../grid/ExportButtons';
import { useCanWrite } from '../login/session';

// "Ai cần đào tạo để đạt chỉ tiêu": for each target that depends on a qualification, n / N of its population
// and the people still without it, filterable, with a one-step enrolment of the selected ones in a course.

type Gaps = CallOutput<'training.gaps'>;

export function GapsTab() {
  const ref = useReference();
  const notify = useNotify();
  const canWrite = useCanWrite();
  const [targetId, setTargetId] = useState('1b');
  const [gaps, setGaps] = useState<Gaps | null>(null);
  const [courses, setCourses] = useState<(CourseRow & { planYear: number })[]>([]);
  const [courseId, setCourseId] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  const [unitId, setUnitId] = useState<number | null>(null);
  const [hidePending, setHidePending] = useState(false);
  const [selected, setSelected] = useState<GapMember[]>([]);
  const [confirming, setConfirming] = useState(false);
  const apiRef = useRef<GridApi<GapMember> | null>(null);

  const load = useCallback(() => call('training.gaps', { targetId }).then(setGaps, (e) => notify('error', errorMessage(e))), [notify, targetId]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    Promise.all([call('training.courses.list', {}), call('training.plans.list', {})]).then(([cs, ps]: [CourseRow[], PlanRow[]]) => {
      const year = new Map(ps.map((p) => [p.id, p.year]));
      setCourses(cs.map((c) => ({ ...c, planYear: year.get(c.planId) ?? 0 })));
    }, (e) => notify('error', errorMessage(e)));
  }, [notify]);

  const target = gaps?.targets.find((t) => t.id === targetId);
  // Courses that close this target's gap first, then the others.
  const courseOptions = useMemo(() => {
    const fits = (c: CourseRow) => !!target && target.courseGroups.includes(COURSE_KINDS[c.kind]?.group ?? 'other');
    return [...courses].sort((a, b) => Number(fits(b)) - Number(fits(a)) || b.planYear - a.planYear || compareVietnamese(a.name, b.name)).map((c) => ({ c, fits: fits(c) }));
  }, [courses, target]);
  const course = courses.find((c) => c.id === courseId) ?? null;

  const unitIds = useMemo(() => (unitId ? ref.subtreeIds(unitId) : null), [ref, unitId]);
  const filter = useRef({ unitIds, hidePending });
  filter.current = { unitIds, hidePending };
  useEffect(() => apiRef.current?.onFilterChanged(), [unitIds, hidePending]);
  const today = todayIso();
  const columns = useMemo<ColDef<GapMember>[]>(
    () => [
      { colId: 'fullName', headerName: 'Họ và tên', field: 'fullName', width: 200, pinned: 'left', sort: 'asc', comparator: (a, b) => compareVietnameseNames(a, b), getQuickFilterText: (p) => foldVietnamese(p.value) },
      { colId: 'birthDate', headerName: 'Ngày sinh', width: 105, valueGetter: (p) => formatVnDate(p.data?.birthDate) },
      { colId: 'age', headerName: 'Tuổi', width: 70, filter: 'agNumberColumnFilter', valueGetter: (p) => (p.data ? ageOn(p.data.birthDate, today) : null) },
      { colId: 'ethnicity', headerName: 'Dân tộc', width: 100, valueGetter: (p) => ref.label('ethnicity', p.data?.ethnicity) },
      { colId: 'category', headerName: 'Loại', width: 100, valueGetter: (p) => (p.data ? CADRE_CATEGORIES[p.data.category as keyof typeof CADRE_CATEGORIES] : '') },
      { colId: 'unit', headerName: 'Đơn vị', width: 250, valueGetter: (p) => ref.unitPath(p.data?.unitId), getQuickFilterText: (p) => foldVietnamese(p.value) },
      { colId: 'post', headerName: 'Chức vụ', width: 160, valueGetter: (p) => p.data?.postTitle ?? '', getQuickFilterText: (p) => foldVietnamese(p.value) },
      { colId: 'professional', headerName: 'Chuyên môn cao nhất', width: 150, valueGetter: (p) => ref.label('level.chuyen_mon', p.data?.professionalLevel) },
      { colId: 'missing', headerName: 'Còn thiếu', field: 'missing', width: 300 },
      { colId: 'pendingCourse', headerName: 'Đã ghi danh / đang học', width: 200, valueGetter: (p) => p.data?.pendingCourse ?? '' },
    ],
    [ref, today],
  );
  const unitOptions = useMemo(() => unitTreeOptions(ref).filter((o) => o.active), [ref]);

  return (
    <div className="training-gaps">
      <table className="simple-table gap-targets" aria-label="Chỉ tiêu phụ thuộc trình độ">
        <thead>
          <tr>
            <th>Chỉ tiêu</th>
            <th>Đối tượng</th>
            <th>Yêu cầu</th>
            <th>Đạt (n / N)</th>
            <th>Tỷ lệ</th>
            <th>Còn thiếu</th>
          </tr>
        </thead>
        <tbody>
          {gaps?.targets.map((t) => (
            <tr key={t.id} className={t.id === targetId ? 'selected' : undefined} data-target={t.id}>
              <td>
                <button type="button" className="link" title={t.basis} aria-pressed={t.id === targetId} onClick={() => setTargetId(t.id)}>
                  {t.id}. {t.name}
                </button>
              </td>
              <td>{t.population}</td>
              <td>{t.requirement}</td>
              <td className="num">
                {t.haveCount} / {t.populationCount}
              </td>
              <td className="num">{t.populationCount ? `${((t.haveCount / t.populationCount) * 100).toFixed(1).replace('.', ',')}%` : '—'}</td>
              <td className="num" data-testid={`gap-count-${t.id}`}>
                {t.populationCount - t.haveCount}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Tính theo hồ sơ đến ngày {formatVnDate(gaps?.onDate)}; "sau đại học" gồm thạc sĩ, tiến sĩ, chuyên khoa I, II và bác sĩ nội trú. Người đang công tác tại đơn vị thuộc đối tượng của chỉ tiêu.
      </p>
      <div className="toolbar">
        <input type="search" className="search" aria-label="Tìm trong danh sách cần đào tạo" placeholder="Tìm theo tên, đơn vị… (không cần dấu)" value={search} onChange={(e) => setSearch(e.target.value)} />
        <select aria-label="Lọc danh sách cần đào tạo theo đơn vị" value={unitId ?? ''} onChange={(e) => setUnitId(e.target.value ? Number(e.target.value) : null)}>
          <option value="">Tất cả đơn vị</option>
          {unitOptions.map((o) => (
            <option key={o.unit.id} value={o.unit.id}>
              {'\u00a0\u00a0'.repeat(o.depth)}
              {o.unit.name}
            </option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" checked={hidePending} onChange={(e) => setHidePending(e.target.checked)} /> Ẩn người đã ghi danh khoá phù hợp
        </label>
        <span className="spacer" />
        {canWrite && (
          <>
            <select aria-label="Khoá học để ghi danh" value={courseId ?? ''} onChange={(e) => setCourseId(e.target.value ? Number(e.target.value) : null)}>
              <option value="">— chọn khoá học —</option>
              {courseOptions.map(({ c, fits }) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.planYear}){fits ? '' : ' — không cùng loại'}
                </option>
              ))}
            </select>
            <button type="button" className="primary" disabled={!course || selected.length === 0} onClick={() => setConfirming(true)}>
              Ghi danh {selected.length || ''} người đã chọn vào khoá
            </button>
          </>
        )}
        <ExportButtons
          api={() => apiRef.current}
          fileName={`Can dao tao chi tieu ${targetId}`}
          title={target ? `CẦN ĐÀO TẠO ĐỂ ĐẠT CHỈ TIÊU ${target.id}. ${target.name.toUpperCase()}` : 'CẦN ĐÀO TẠO ĐỂ ĐẠT CHỈ TIÊU'}
        />
      </div>
      <div className="grid-wrap gap-grid" data-testid="gap-grid">
        <AgGridReact<GapMember>
          theme={gridTheme}
          localeText={gridLocale}
          rowData={gaps?.members}
          loading={!gaps}
          columnDefs={columns}
          defaultColDef={{ resizable: true, sortable: true, filter: true, getQuickFilterText: () => '' }}
          getRowId={(p) => String(p.data.cadreId)}
          onGridReady={(e) => (apiRef.current = e.api)}
          animateRows={false}
        selectionColumnDef={{ pinned: 'left' }}
          suppressColumnVirtualisation
          rowSelection={canWrite ? GAP_SELECTION : undefined}
          quickFilterText={foldVietnamese(search)}
          isExternalFilterPresent={() => true}
          doesExternalFilterPass={(n) => {
            const r = n.data;
            if (!r) return false;
            const f = filter.current;
            if (f.unitIds && (r.unitId === null || !f.unitIds.has(r.unitId))) return false;
            if (f.hidePending && r.pendingCourse) return false;
            return true;
          }}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows())}
        />
      </div>
      <div className="statusbar">
        <span data-testid="gap-row-count">{gaps ? `${gaps.members.length.toLocaleString('vi-VN')} người chưa đạt` : ''}</span>
        {selected.length > 0 && <span>Đã chọn {selected.length}</span>}
      </div>
      {confirming && course && (
        <Modal title={`Ghi danh vào khoá "${course.name}"`} onClose={() => setConfirming(false)} wide>
          <EnrolConfirm
            course={course}
            people={selected.map((m) => ({ id: m.cadreId, fullName: m.fullName }))}
            onBack={() => setConfirming(false)}
            onDone={() => {
              setConfirming(false);
              apiRef.current?.deselectAll();
              void load();
            }}
          />
        </Modal>
      )}
    </div>
  );
}

// Selecting people only serves enrolling them, which viewers cannot do.
const GAP_SELECTION = { mode: 'multiRow', checkboxes: true, headerCheckbox: true, selectAll: 'filtered', enableClickSelection: true } as const;
