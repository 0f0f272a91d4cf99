import { useEffect, useMemo, useState } from 'react';
import { call, errorMessage } from '../../api';
import type { CallOutput } from '../../../../shared/api/contract';
import { ENROLMENT_STATUSES, WARNING_KINDS, type CourseRow } from '../../../../shared/api/training';
import { DateInput, TextInput } from '../../components/form';
import { useNotify } from '../../components/notify';

// The second step of enrolling: the warnings for the chosen people (overlapping course, age limit, already
// qualified, no longer working), each person can be left out, and the rest are enrolled in one transaction
// once the clerk confirms having read the warnings.

type Check = CallOutput<'training.enrolments.check'>;

export function EnrolConfirm({ course, people, onDone, onBack }: { course: CourseRow; people: { id: number; fullName: string }[]; onDone(created: number): void; onBack(): void }) {
  const notify = useNotify();
  const [check, setCheck] = useState<Check | null>(null);
  const [error, setError] = useState('');
  const [excluded, setExcluded] = useState<Set<number>>(new Set());
  const [acknowledged, setAcknowledged] = useState(false);
  const [status, setStatus] = useState<'proposed' | 'nominated' | 'studying'>('proposed');
  const [decisionNo, setDecisionNo] = useState('');
  const [decisionDate, setDecisionDate] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('training.enrolments.check', { courseId: course.id, cadreIds: people.map((p) => p.id) }).then(setCheck, (e) => setError(errorMessage(e)));
  }, [course.id, people]);
  const nameOf = useMemo(() => new Map(people.map((p) => [p.id, p.fullName])), [people]);
  if (error) return <p className="error-text">{error}</p>;
  if (!check) return <p>Đang kiểm tra điều kiện…</p>;
  const already = new Set(check.alreadyEnrolled);
  const chosen = people.filter((p) => !already.has(p.id) && !excluded.has(p.id));
  const standing = check.warnings.filter((w) => !excluded.has(w.cadreId));
  const needsAck = standing.length > 0;
  const submit = async () => {
    setBusy(true);
    try {
      const r = await call('training.enrolments.create', {
        courseId: course.id,
        cadreIds: chosen.map((p) => p.id),
        status,
        decisionNo: decisionNo || null,
        decisionDate,
        acknowledgeWarnings: acknowledged,
      });
      notify('success', `Đã ghi danh ${r.created.length} người vào khoá "${course.name}".${r.skipped.length ? ` ${r.skipped.length} người đã có trong khoá.` : ''}`);
      onDone(r.created.length);
    } catch (e) {
      notify('error', errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="enrol-confirm" data-testid="enrol-confirm">
      <p>
        Ghi danh vào khoá <strong>{course.name}</strong>: {chosen.length} người
        {already.size > 0 && <> (bỏ qua {already.size} người đã có trong khoá: {[...already].map((id) => nameOf.get(id)).join(', ')})</>}.
      </p>
      {course.plannedSeats !== null && course.enrolled + chosen.length > course.plannedSeats && (
        <p className="warn-text" role="note">
          Khoá có {course.plannedSeats} chỉ tiêu, đã ghi danh {course.enrolled} người; ghi danh thêm {chosen.length} người sẽ vượt {course.enrolled + chosen.length - course.plannedSeats} chỉ tiêu.
        </p>
      )}
      {check.warnings.length > 0 ? (
        <>
          <h3>Cảnh báo ({check.warnings.length})</h3>
          <table className="simple-table" aria-label="Cảnh báo khi ghi danh">
            <thead>
              <tr>
                <th>Ghi danh</th>
                <th>Loại</th>
                <th>Nội dung</th>
              </tr>
            </thead>
            <tbody>
              {check.warnings.map((w, i) => (
                <tr key={i}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Vẫn ghi danh ${nameOf.get(w.cadreId)}`}
                      checked={!excluded.has(w.cadreId)}
                      onChange={(e) => {
                        const next = new Set(excluded);
                        if (e.target.checked) next.delete(w.cadreId);
                        else next.add(w.cadreId);
                        setExcluded(next);
                      }}
                    />
                  </td>
                  <td>{WARNING_KINDS[w.kind]}</td>
                  <td>{w.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {needsAck && (
            <label className="check ack">
              <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} /> Tôi đã xem các cảnh báo trên và vẫn ghi danh những người được đánh dấu
            </label>
          )}
        </>
      ) : (
        <p className="ok-text">Không có cảnh báo.</p>
      )}
      <div className="form-grid">
        <label className="field">
          <span>Trạng thái khi ghi danh</span>
          <select aria-label="Trạng thái khi ghi danh" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            {(['proposed', 'nominated', 'studying'] as const).map((s) => (
              <option key={s} value={s}>
                {ENROLMENT_STATUSES[s]}
              </option>
            ))}
          </select>
        </label>
        <span />
        {status !== 'proposed' && (
          <>
            <TextInput label="Số quyết định cử đi học" value={decisionNo} onChange={setDecisionNo} required={status === 'nominated'} />
            <DateInput label="Ngày quyết định" iso={decisionDate} onChange={(v) => setDecisionDate(v)} />
          </>
        )}
      </div>
      <div className="modal-actions">
        <button type="button" onClick={onBack}>
          Quay lại
        </button>
        <button type="button" className="primary" disabled={busy || chosen.length === 0 || (needsAck && !acknowledged) || (status === 'nominated' && !decisionNo.trim())} onClick={submit}>
          Ghi danh {chosen.length} người
        </button>
      </div>
    </div>
  );
}
