import { useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../../api';
import type { CallOutput } from '../../../../shared/api/contract';
import { ENROLMENT_STATUSES } from '../../../../shared/api/training';
import { formatVnDate } from '../../../../shared/domain/dates';
import { ExportButtons } from '../../grid/ExportButtons';
import { COMMITMENT_STATES } from './CommitmentsTab';

// A cadre's training history and open service commitments, for the cadre detail panel:
//   <CadreTrainingSection cadreId={id} cadreName={name} />
// It reads `training.forCadre` and reloads when cadreId (or `reloadKey`) changes. Both are tables that export.

type Data = CallOutput<'training.forCadre'>;

export function CadreTrainingSection({ cadreId, cadreName, reloadKey }: { cadreId: number; cadreName?: string; reloadKey?: unknown }) {
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState('');
  const courses = useRef<HTMLTableElement>(null);
  const commitments = useRef<HTMLTableElement>(null);
  useEffect(() => {
    setData(null);
    setError('');
    call('training.forCadre', { cadreId }).then(setData, (e) => setError(errorMessage(e)));
  }, [cadreId, reloadKey]);
  const who = cadreName ? ` ${cadreName}` : '';
  return (
    <section className="cadre-training" aria-label="Đào tạo, bồi dưỡng">
      <div className="table-head">
        <h3>Đào tạo, bồi dưỡng</h3>
        {data && data.enrolments.length > 0 && (
          <ExportButtons table={() => courses.current} fileName={`Đào tạo bồi dưỡng${who}`} title={`QUÁ TRÌNH ĐÀO TẠO, BỒI DƯỠNG${who.toUpperCase()}`} />
        )}
      </div>
      {error && <p className="error-text">{error}</p>}
      {!data && !error && <p className="muted">Đang tải…</p>}
      {data && data.enrolments.length === 0 && <p className="muted">Chưa có khoá đào tạo, bồi dưỡng nào.</p>}
      {data && data.enrolments.length > 0 && (
        <table className="simple-table compact" data-testid="cadre-training-table" ref={courses}>
          <thead>
            <tr>
              <th>Khoá học</th>
              <th>Từ ngày</th>
              <th>Đến ngày</th>
              <th>Trạng thái</th>
              <th>Kết quả</th>
              <th>Văn bằng số</th>
              <th>Ngày cấp</th>
            </tr>
          </thead>
          <tbody>
            {data.enrolments.map((e) => (
              <tr key={e.id}>
                <td>{e.courseName}</td>
                <td>{formatVnDate(e.courseStart) || e.planYear}</td>
                <td>{formatVnDate(e.courseEnd)}</td>
                <td>{ENROLMENT_STATUSES[e.status as keyof typeof ENROLMENT_STATUSES] ?? e.status}</td>
                <td>{e.result}</td>
                <td>{e.certificateNo}</td>
                <td>{formatVnDate(e.certificateDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.commitments.length > 0 && (
        <>
          <div className="table-head">
            <h3>Cam kết phục vụ</h3>
            <ExportButtons table={() => commitments.current} fileName={`Cam kết phục vụ${who}`} title={`CAM KẾT PHỤC VỤ SAU ĐÀO TẠO${who.toUpperCase()}`} />
          </div>
          <table className="simple-table compact" data-testid="cadre-commitment-table" ref={commitments}>
            <thead>
              <tr>
                <th>Khoá học</th>
                <th>Cam kết đến</th>
                <th>Quy định</th>
                <th>Tình trạng</th>
                <th>Lý do</th>
              </tr>
            </thead>
            <tbody>
              {data.commitments.map((c) => (
                <tr key={c.enrolmentId} className={c.state === 'reimburse' ? 'error-text' : undefined}>
                  <td>{c.courseName}</td>
                  <td>{formatVnDate(c.commitmentEnd)}</td>
                  <td>{c.ruleName}</td>
                  <td>{COMMITMENT_STATES[c.state]}</td>
                  <td>{c.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
