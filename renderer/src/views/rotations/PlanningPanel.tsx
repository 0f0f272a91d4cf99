import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ApiError, call, errorMessage } from '../../api';
import { PLANNING_LEVELS, PLANNING_STATUSES, type PlanningRecord } from '../../../../shared/api/rotations';
import { Field, Select, TextInput } from '../../components/form';
import { useNotify } from '../../components/notify';
import { useReference } from '../../data/reference';
import { useCadreOptions } from './useCadreOptions';
import { ExportButtons } from '../../grid/ExportButtons';
import { useCanWrite } from '../login/session';

const opts = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Planning (quy hoạch) records: who is planned for which post, level and term; the rotation rules read them. */
export function PlanningPanel() {
  const ref = useReference();
  const notify = useNotify();
  const canWrite = useCanWrite();
  const tableRef = useRef<HTMLTableElement>(null);
  const cadres = useCadreOptions();
  const listId = useId();
  const [rows, setRows] = useState<PlanningRecord[]>([]);
  const [cadreText, setCadreText] = useState('');
  const [positionCode, setPositionCode] = useState<string | null>(null);
  const [postTitle, setPostTitle] = useState('');
  const [level, setLevel] = useState<string | null>('tinh');
  const [period, setPeriod] = useState('2025-2030');
  const [decisionNo, setDecisionNo] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const load = useCallback(() => call('planning.list', {}).then(setRows, (e) => notify('error', errorMessage(e))), [notify]);
  useEffect(() => void load(), [load]);

  const add = async () => {
    const cadre = cadres.find(cadreText);
    const m = /^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$/.exec(period);
    const local: Record<string, string> = {};
    if (!cadre) local.cadreId = 'Hãy chọn cán bộ trong danh sách.';
    if (!m) local.periodFrom = 'Nhiệm kỳ ghi dạng 2025-2030.';
    if (!level) local.level = 'Hãy chọn cấp quy hoạch.';
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      await call('planning.create', { cadreId: cadre!.id, positionCode, postTitle, level: level as keyof typeof PLANNING_LEVELS, periodFrom: Number(m![1]), periodTo: Number(m![2]), decisionNo });
      notify('success', `Đã thêm ${cadre!.row.fullName} vào quy hoạch.`);
      setCadreText('');
      await load();
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors);
      notify('error', errorMessage(e));
    }
  };
  const setStatus = async (r: PlanningRecord, status: string) => {
    try {
      await call('planning.update', { id: r.id, version: r.version, changes: { status: status as keyof typeof PLANNING_STATUSES } });
      await load();
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };
  const remove = async (r: PlanningRecord) => {
    if (!window.confirm(`Xoá bản ghi quy hoạch của ${r.cadreName}?`)) return;
    try {
      await call('planning.delete', { id: r.id, version: r.version });
      await load();
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  return (
    <div className="view-padded">
      {canWrite && (
        <>
          <div className="form-grid rot-planning-form">
            <Field label="Cán bộ *" error={errors.cadreId}>
              {(id) => (
                <>
                  <input id={id} list={listId} value={cadreText} autoComplete="off" onChange={(e) => setCadreText(e.target.value)} />
                  <datalist id={listId}>{cadres.options.map((o) => <option key={o.id} value={o.label} />)}</datalist>
                </>
              )}
            </Field>
            <Select label="Cấp quy hoạch" required value={level} onChange={setLevel} options={opts(PLANNING_LEVELS)} error={errors.level} />
            <Select label="Chức vụ quy hoạch (cấp)" value={positionCode} onChange={setPositionCode} options={ref.list('position').map((p) => ({ value: p.key, label: p.name }))} error={errors.positionCode} />
            <TextInput label="Chức danh quy hoạch" value={postTitle} onChange={setPostTitle} />
            <TextInput label="Nhiệm kỳ" value={period} onChange={setPeriod} placeholder="2025-2030" error={errors.periodFrom ?? errors.periodTo} />
            <TextInput label="Số quyết định phê duyệt" value={decisionNo} onChange={setDecisionNo} />
          </div>
          <p><button type="button" className="primary" onClick={add}>+ Thêm vào quy hoạch</button></p>
        </>
      )}
      <div className="table-head">
        <h3>Danh sách quy hoạch ({rows.length})</h3>
        <ExportButtons table={() => tableRef.current} fileName="Danh sách quy hoạch" title="DANH SÁCH CÁN BỘ TRONG QUY HOẠCH" />
      </div>
      <table className="simple-table rot-table" data-testid="planning-table" ref={tableRef}>
        <thead><tr><th>Cán bộ</th><th>Chức danh quy hoạch</th><th>Cấp</th><th>Nhiệm kỳ</th><th>Quyết định</th><th>Trạng thái</th>{canWrite && <th aria-label="Thao tác" />}</tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.cadreName}</td>
              <td>{[r.postTitle, r.positionCode && ref.label('position', r.positionCode)].filter(Boolean).join(' — ')}</td>
              <td>{PLANNING_LEVELS[r.level as keyof typeof PLANNING_LEVELS] ?? r.level}</td>
              <td>{r.periodFrom}-{r.periodTo}</td>
              <td>{r.decisionNo}</td>
              <td>
                {canWrite ? (
                  <select aria-label={`Trạng thái quy hoạch của ${r.cadreName}`} value={r.status} onChange={(e) => setStatus(r, e.target.value)}>
                    {opts(PLANNING_STATUSES).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                  </select>
                ) : (
                  PLANNING_STATUSES[r.status as keyof typeof PLANNING_STATUSES] ?? r.status
                )}
              </td>
              {canWrite && <td><button type="button" className="link" onClick={() => remove(r)}>Xoá</button></td>}
            </tr>
          ))}
          {rows.length === 0 && <tr><td colSpan={7} className="muted">Chưa có bản ghi quy hoạch.</td></tr>}
        </tbody>
      </table>
    </div>
  );
}
