import { useEffect, useState } from 'react';
import { call, errorMessage } from '../../api';
import type { CadreDetail, CadreRow } from '../../../../shared/api/cadres';
import { formatVnDate } from '../../../../shared/domain/dates';
import { QUALIFICATION_CATEGORIES, type QualificationCategory } from '../../../../shared/domain/codes';
import { useReference } from '../../data/reference';

/** The record of one cadre with its dated histories. */
export function CadreDetailPanel({ cadreId, onClose }: { cadreId: number; onClose(): void; onRowChanged(row: CadreRow): void }) {
  const ref = useReference();
  const [detail, setDetail] = useState<CadreDetail | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    setDetail(null);
    call('cadres.get', { id: cadreId }).then(setDetail, (e) => setError(errorMessage(e)));
  }, [cadreId]);
  return (
    <aside className="detail-panel" aria-label="Hồ sơ chi tiết">
      <header>
        <h2>{detail?.row.fullName ?? 'Đang tải…'}</h2>
        <button type="button" className="icon" aria-label="Đóng hồ sơ chi tiết" onClick={onClose}>
          ×
        </button>
      </header>
      {error && <p className="error-text">{error}</p>}
      {detail && (
        <div className="detail-body">
          <h3>Quá trình công tác</h3>
          <ul>
            {detail.assignments.map((a) => (
              <li key={a.id}>
                {formatVnDate(a.fromDate)} – {a.toDate ? formatVnDate(a.toDate) : 'nay'}: {a.postTitle ?? ''} {ref.unitName(a.unitId)}
              </li>
            ))}
          </ul>
          <h3>Trình độ</h3>
          <ul>
            {detail.qualifications.map((q) => (
              <li key={q.id}>
                {QUALIFICATION_CATEGORIES[q.category as QualificationCategory]}: {ref.label(`level.${q.category}`, q.levelKey)} {q.field ?? ''} ({formatVnDate(q.awardDate)})
              </li>
            ))}
          </ul>
        </div>
      )}
    </aside>
  );
}
