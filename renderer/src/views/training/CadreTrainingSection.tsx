import { useEffect, useState } from 'react';
import { call, errorMessage } from '../../api';
import type { CallOutput } from '../../../../shared/api/contract';
import { ENROLMENT_STATUSES } from '../../../../shared/api/training';
import { formatVnDate } from '../../../../shared/domain/dates';
import { COMMITMENT_STATES } from './CommitmentsTab';

// A cadre's training history and open service commitments, for the cadre detail panel:
//   <CadreTrainingSection cadreId={id} />
// It reads `training.forCadre` and reloads when cadreId (or `reloadKey`) changes.

type Data = CallOutput<'training.forCadre'>;

export function CadreTrainingSection({ cadreId, reloadKey }: { cadreId: number; reloadKey?: unknown }) {
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    setData(null);
    setError('');
    call('training.forCadre', { cadreId }).then(setData, (e) => setError(errorMessage(e)));
  }, [cadreId, reloadKey]);
  return (
    <section className="cadre-training" aria-label="Đào tạo, bồi dưỡng">
      <h3>Đào tạo, bồi dưỡng</h3>
      {error && <p className="error-text">{error}</p>}
      {!data && !error && <p className="muted">Đang tải…</p>}
      {data && data.enrolments.length === 0 && <p className="muted">Chưa có khoá đào tạo, bồi dưỡng nào.</p>}
      {data && data.enrolments.length > 0 && (
        <ul>
          {data.enrolments.map((e) => (
            <li key={e.id}>
              {formatVnDate(e.courseStart) || e.planYear} – {formatVnDate(e.courseEnd) || '…'}: <strong>{e.courseName}</strong> ·{' '}
              {ENROLMENT_STATUSES[e.status as keyof typeof ENROLMENT_STATUSES] ?? e.status}
              {e.result ? ` (${e.result})` : ''}
              {e.certificateNo ? `, văn bằng số ${e.certificateNo}${e.certificateDate ? ` ngày ${formatVnDate(e.certificateDate)}` : ''}` : ''}
            </li>
          ))}
        </ul>
      )}
      {data && data.commitments.length > 0 && (
        <>
          <h3>Cam kết phục vụ</h3>
          <ul>
            {data.commitments.map((c) => (
              <li key={c.enrolmentId} className={c.state === 'reimburse' ? 'error-text' : undefined}>
                {c.courseName}: đến {formatVnDate(c.commitmentEnd)} ({c.ruleName}) — {COMMITMENT_STATES[c.state]}
                {c.reason ? `: ${c.reason}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
