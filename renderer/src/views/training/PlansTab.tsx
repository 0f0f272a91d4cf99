import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import { call, errorMessage } from '../../api';
import { ENROLMENT_STATUSES, type CourseRow, type EnrolmentRow, type PlanRow } from '../../../../shared/api/training';
import { ageOn, formatVnDate, todayIso } from '../../../../shared/domain/dates';
import { compareVietnameseNames } from '../../../../shared/domain/text';
import type { SaveItem, SaveKind } from '../../grid/useEditableGrid';
import { useNotify } from '../../components/notify';
import { useReference } from '../../data/reference';
import { EditableGrid, type EditableGridHandle } from './EditableGrid';
import { ExportButtons } from '../../grid/ExportButtons';
import { useCanWrite } from '../login/session';
import { EnrolDialog } from './EnrolDialog';
import { CadreTrainingSection } from './CadreTrainingSection';
import { Modal } from '../../components/Modal';
import { courseFieldSpecs, enrolmentFieldSpecs, formatMoney, planFieldSpecs } from './trainingFields';

// Plans (top), the selected plan's courses (middle) and the selected course's enrolments (bottom), each an
// editable grid, with plan vs actual columns: seats filled, completed, budget planned vs spent.

const money = (headerName: string, get: (r: any) => number | null, colId: string): ColDef<any> => ({
  colId,
  headerName,
  width: 140,
  type: 'rightAligned',
  valueGetter: (p) => (p.data ? get(p.data) : null),
  valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : formatMoney(p.value)),
});
const count = (headerName: string, field: string, width = 95): ColDef<any> => ({ colId: field, headerName, field, width, type: 'rightAligned' });
const percent = (headerName: string, colId: string, num: (r: any) => number, den: (r: any) => number | null): ColDef<any> => ({
  colId,
  headerName,
  width: 105,
  type: 'rightAligned',
  valueGetter: (p) => {
    const d = p.data ? den(p.data) : null;
    return d ? Math.round((num(p.data) / d) * 1000) / 10 : null;
  },
  valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : `${String(p.value).replace('.', ',')}%`),
});

async function saveWith<Row>(items: SaveItem[], kind: SaveKind, one: (i: SaveItem) => Promise<Row>, many: (items: SaveItem[], kind: SaveKind) => Promise<Row[]>): Promise<Row[]> {
  if (items.length === 1 && kind === 'edit') return [await one(items[0])];
  return many(items, kind);
}

export function PlansTab() {
  const ref = useReference();
  const notify = useNotify();
  const canWrite = useCanWrite();
  const [plans, setPlans] = useState<PlanRow[] | null>(null);
  const [planId, setPlanId] = useState<number | null>(null);
  const [courses, setCourses] = useState<CourseRow[] | null>(null);
  const [courseId, setCourseId] = useState<number | null>(null);
  const [enrolments, setEnrolments] = useState<EnrolmentRow[] | null>(null);
  const [selectedEnrolments, setSelectedEnrolments] = useState<EnrolmentRow[]>([]);
  const [bulkStatus, setBulkStatus] = useState('completed');
  const [enrolling, setEnrolling] = useState(false);
  const [historyOf, setHistoryOf] = useState<EnrolmentRow | null>(null);
  const planGrid = useRef<EditableGridHandle<PlanRow>>(null);
  const courseGrid = useRef<EditableGridHandle<CourseRow>>(null);
  const enrolmentGrid = useRef<EditableGridHandle<EnrolmentRow>>(null);

  const fail = useCallback((e: unknown) => notify('error', errorMessage(e)), [notify]);
  const loadPlans = useCallback(() => call('training.plans.list', {}).then(setPlans, fail), [fail]);
  const loadCourses = useCallback(() => (planId ? call('training.courses.list', { planId }).then(setCourses, fail) : setCourses([])), [fail, planId]);
  const loadEnrolments = useCallback(() => (courseId ? call('training.enrolments.list', { courseId }).then(setEnrolments, fail) : setEnrolments([])), [fail, courseId]);
  useEffect(() => void loadPlans(), [loadPlans]);
  useEffect(() => void loadCourses(), [loadCourses]);
  useEffect(() => void loadEnrolments(), [loadEnrolments]);
  useEffect(() => {
    if (planId === null && plans?.length) setPlanId(plans[0].id);
  }, [planId, plans]);
  useEffect(() => {
    if (courses && !courses.some((c) => c.id === courseId)) setCourseId(courses[0]?.id ?? null);
  }, [courseId, courses]);

  const plan = plans?.find((p) => p.id === planId) ?? null;
  const course = courses?.find((c) => c.id === courseId) ?? null;

  // ---- Plans
  const planFields = useMemo(() => planFieldSpecs(ref), [ref]);
  const planLayout = useMemo<(string | ColDef<PlanRow>)[]>(
    () => [
      ...planFields.map((f) => f.colId),
      count('Số khoá', 'courseCount', 85),
      count('Chỉ tiêu', 'plannedSeats'),
      count('Đã cử', 'filledSeats'),
      count('Hoàn thành', 'completed', 105),
      percent('Tỷ lệ cử/chỉ tiêu', 'fillRate', (r) => r.filledSeats, (r) => r.plannedSeats),
      money('Dự toán (đồng)', (r) => r.budgetVnd, 'budgetTotal'),
      money('Thực chi (đồng)', (r) => r.spentVnd, 'spentTotal'),
      percent('Giải ngân', 'spendRate', (r) => r.spentVnd, (r) => r.budgetVnd),
    ],
    [planFields],
  );
  const savePlans = useCallback(
    (items: SaveItem[], kind: SaveKind) =>
      saveWith<PlanRow>(items, kind, (i) => call('training.plans.update', i as any), (its, k) => call('training.plans.bulkUpdate', { items: its as any, kind: k })),
    [],
  );
  const addPlan = async () => {
    const year = new Date().getFullYear();
    try {
      const p = await call('training.plans.create', { fields: { year, name: `Kế hoạch đào tạo, bồi dưỡng năm ${year}` } as any });
      setPlans((ps) => [p, ...(ps ?? [])]);
      setPlanId(p.id);
      planGrid.current?.edit(p.id, 'name');
    } catch (e) {
      fail(e);
    }
  };

  // ---- Courses
  const courseFields = useMemo(() => courseFieldSpecs(ref), [ref]);
  const courseLayout = useMemo<(string | ColDef<CourseRow>)[]>(() => {
    const ids = courseFields.map((f) => f.colId);
    return [
      ...ids.slice(0, 9),
      count('Đã ghi danh', 'enrolled', 105),
      count('Đã cử', 'filledSeats'),
      count('Hoàn thành', 'completed', 105),
      ...ids.slice(9, 11),
      percent('Giải ngân', 'spendRate', (r) => r.spentVnd ?? 0, (r) => r.budgetVnd),
      ...ids.slice(11),
    ];
  }, [courseFields]);
  const saveCourses = useCallback(
    async (items: SaveItem[], kind: SaveKind) => {
      const rows = await saveWith<CourseRow>(items, kind, (i) => call('training.courses.update', i as any), (its, k) => call('training.courses.bulkUpdate', { items: its as any, kind: k }));
      void loadPlans();
      return rows;
    },
    [loadPlans],
  );
  const addCourse = async () => {
    if (!planId) return notify('info', 'Hãy thêm hoặc chọn một kế hoạch trước.');
    try {
      const c = await call('training.courses.create', { fields: { planId, name: 'Khoá học mới', kind: 'khac' } as any });
      setCourses((cs) => [...(cs ?? []), c]);
      setCourseId(c.id);
      void loadPlans();
      courseGrid.current?.edit(c.id, 'name');
    } catch (e) {
      fail(e);
    }
  };
  const removeSelected = async (what: 'plan' | 'course') => {
    const target = what === 'plan' ? plan : course;
    if (!target) return;
    if (!window.confirm(`Xoá ${what === 'plan' ? 'kế hoạch' : 'khoá học'} "${target.name}"?`)) return;
    try {
      if (what === 'plan') {
        await call('training.plans.delete', { ids: [target.id] });
        setPlanId(null);
        await loadPlans();
      } else {
        await call('training.courses.delete', { ids: [target.id] });
        await Promise.all([loadCourses(), loadPlans()]);
      }
      notify('success', `Đã xoá "${target.name}".`);
    } catch (e) {
      fail(e);
    }
  };

  // ---- Enrolments
  const enrolmentFields = useMemo(() => enrolmentFieldSpecs(), []);
  const today = todayIso();
  const enrolmentLayout = useMemo<(string | ColDef<EnrolmentRow>)[]>(
    () => [
      { colId: 'cadreName', headerName: 'Họ và tên', field: 'cadreName', width: 190, pinned: 'left', sort: 'asc', comparator: (a: string, b: string) => compareVietnameseNames(a, b) },
      { colId: 'cadreBirthDate', headerName: 'Ngày sinh', width: 105, valueGetter: (p) => formatVnDate(p.data?.cadreBirthDate) },
      { colId: 'age', headerName: 'Tuổi', width: 70, valueGetter: (p) => (p.data ? ageOn(p.data.cadreBirthDate, today) : null) },
      { colId: 'unit', headerName: 'Đơn vị', width: 220, valueGetter: (p) => ref.unitName(p.data?.cadreUnitId) },
      ...enrolmentFields.map((f) => f.colId),
      { colId: 'commitmentEnd', headerName: 'Cam kết phục vụ đến', width: 150, valueGetter: (p) => formatVnDate(p.data?.commitmentEnd), tooltipValueGetter: (p) => p.data?.commitmentRule ?? undefined },
      { colId: 'warnings', headerName: 'Cảnh báo đã xác nhận', width: 200, valueGetter: (p) => (p.data?.acknowledgedWarnings ?? []).join(' · '), tooltipValueGetter: (p) => (p.data?.acknowledgedWarnings ?? []).join('\n') || undefined },
    ],
    [enrolmentFields, ref, today],
  );
  const afterEnrolmentChange = useCallback(() => Promise.all([loadCourses(), loadPlans()]), [loadCourses, loadPlans]);
  const saveEnrolments = useCallback(
    async (items: SaveItem[], kind: SaveKind) => {
      const rows = await saveWith<EnrolmentRow>(items, kind, (i) => call('training.enrolments.update', i as any), (its, k) => call('training.enrolments.bulkUpdate', { items: its as any, kind: k }));
      void afterEnrolmentChange();
      return rows;
    },
    [afterEnrolmentChange],
  );
  const applyBulkStatus = async () => {
    if (!selectedEnrolments.length) return notify('info', 'Hãy đánh dấu các học viên cần chuyển trạng thái.');
    await enrolmentGrid.current?.fill(selectedEnrolments, 'status', ENROLMENT_STATUSES[bulkStatus as keyof typeof ENROLMENT_STATUSES]);
  };
  const removeEnrolments = async () => {
    if (!selectedEnrolments.length) return notify('info', 'Hãy đánh dấu các học viên cần xoá khỏi khoá.');
    if (!window.confirm(`Xoá ${selectedEnrolments.length} học viên khỏi khoá? Văn bằng do hoàn thành khoá tạo ra cũng được gỡ khỏi hồ sơ.`)) return;
    try {
      await call('training.enrolments.delete', { ids: selectedEnrolments.map((e) => e.id) });
      await Promise.all([loadEnrolments(), afterEnrolmentChange()]);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div className="training-plans">
      <section className="training-block" aria-label="Kế hoạch">
        <div className="toolbar">
          <strong>Kế hoạch đào tạo, bồi dưỡng</strong>
          <span className="spacer" />
          {canWrite && (
            <>
              <button type="button" className="primary" onClick={addPlan}>
                + Thêm kế hoạch
              </button>
              <button type="button" onClick={() => removeSelected('plan')} disabled={!plan}>
                Xoá kế hoạch
              </button>
              <button type="button" onClick={() => planGrid.current?.undo()} title="Ctrl+Z">
                Hoàn tác
              </button>
            </>
          )}
          <ExportButtons api={() => planGrid.current?.api()} fileName="Kế hoạch đào tạo" title="KẾ HOẠCH ĐÀO TẠO, BỒI DƯỠNG" />
        </div>
        <EditableGrid<PlanRow> testId="plan-grid" handle={planGrid} rows={plans} fields={planFields} layout={planLayout} save={savePlans} rowLabel={(r) => r.name} pinnedColId="year" onRowFocused={(r) => setPlanId(r.id)} />
      </section>
      <section className="training-block" aria-label="Khoá học">
        <div className="toolbar">
          <strong>Khoá học{plan ? ` — ${plan.name}` : ''}</strong>
          <span className="spacer" />
          {canWrite && (
            <>
              <button type="button" className="primary" onClick={addCourse} disabled={!plan}>
                + Thêm khoá học
              </button>
              <button type="button" onClick={() => removeSelected('course')} disabled={!course}>
                Xoá khoá học
              </button>
              <button type="button" onClick={() => courseGrid.current?.undo()} title="Ctrl+Z">
                Hoàn tác
              </button>
            </>
          )}
          <ExportButtons
            api={() => courseGrid.current?.api()}
            fileName={`Khoá học ${plan?.name ?? ''}`}
            title={`DANH SÁCH KHOÁ HỌC${plan ? ` — ${plan.name.toUpperCase()}` : ''}`}
          />
        </div>
        <EditableGrid<CourseRow> testId="course-grid" handle={courseGrid} rows={courses} fields={courseFields} layout={courseLayout} save={saveCourses} rowLabel={(r) => r.name} pinnedColId="name" onRowFocused={(r) => setCourseId(r.id)} />
      </section>
      <section className="training-block" aria-label="Học viên">
        <div className="toolbar">
          <strong>Học viên{course ? ` — ${course.name}` : ''}</strong>
          <span className="spacer" />
          {canWrite && (
            <>
              <button type="button" className="primary" onClick={() => setEnrolling(true)} disabled={!course}>
                Ghi danh…
              </button>
              <select aria-label="Trạng thái mới cho học viên đã chọn" value={bulkStatus} onChange={(e) => setBulkStatus(e.target.value)}>
                {Object.entries(ENROLMENT_STATUSES).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
              <button type="button" onClick={applyBulkStatus} disabled={selectedEnrolments.length === 0}>
                Chuyển {selectedEnrolments.length || ''} người đã chọn
              </button>
              <button type="button" onClick={removeEnrolments} disabled={selectedEnrolments.length === 0}>
                Xoá khỏi khoá
              </button>
              <button type="button" onClick={() => enrolmentGrid.current?.undo()} title="Ctrl+Z">
                Hoàn tác
              </button>
            </>
          )}
          <ExportButtons
            api={() => enrolmentGrid.current?.api()}
            fileName={`Học viên ${course?.name ?? ''}`}
            title={`DANH SÁCH HỌC VIÊN${course ? ` — ${course.name.toUpperCase()}` : ''}`}
          />
        </div>
        <EditableGrid<EnrolmentRow>
          testId="enrolment-grid"
          handle={enrolmentGrid}
          rows={enrolments}
          fields={enrolmentFields}
          layout={enrolmentLayout}
          save={saveEnrolments}
          rowLabel={(r) => r.cadreName}
          multiSelect={canWrite}
          onSelectionChanged={setSelectedEnrolments}
          onRowDoubleClicked={setHistoryOf}
        />
        <p className="muted hint-line">Nhấp đúp vào một học viên để xem toàn bộ quá trình đào tạo và cam kết phục vụ của người đó.</p>
      </section>
      {historyOf && (
        <Modal title={`Đào tạo, bồi dưỡng: ${historyOf.cadreName}`} onClose={() => setHistoryOf(null)}>
          <CadreTrainingSection cadreId={historyOf.cadreId} cadreName={historyOf.cadreName} />
        </Modal>
      )}
      {enrolling && course && (
        <EnrolDialog
          course={course}
          onClose={() => setEnrolling(false)}
          onEnrolled={() => void Promise.all([loadEnrolments(), afterEnrolmentChange()])}
        />
      )}
    </div>
  );
}
