import { useCallback, useEffect, useState } from 'react';
import { call, errorMessage } from '../../api';
import { ROTATION_STATUSES, ROTATION_TYPES, type RotationRow } from '../../../../shared/api/rotations';
import { formatVnDate } from '../../../../shared/domain/dates';
import { useReference } from '../../data/reference';
import { RotationDialog } from './RotationDialog';
import { NewRotationDialog } from './NewRotationDialog';
import { useCanWrite } from '../login/session';

/**
 * A cadre's rotation history, for the cadre detail panel: type, destination, period, status, and the rule
 * warnings with the stored reason. A click opens the rotation with its actions.
 */
export function CadreRotationsSection({ cadreId, onHistoryChanged }: { cadreId: number; onHistoryChanged?(): void }) {
  const ref = useReference();
  const canWrite = useCanWrite();
  const [rows, setRows] = useState<RotationRow[] | null>(null);
  const [error, setError] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const load = useCallback(() => {
    call('rotations.forCadre', { cadreId }).then(setRows, (e) => setError(errorMessage(e)));
  }, [cadreId]);
  useEffect(() => load(), [load]);

  return (
    <section className="cadre-rotations" aria-label="Quá trình luân chuyển">
      <h3>
        Luân chuyển, điều động{' '}
        {canWrite && (
          <button type="button" className="link" onClick={() => setAdding(true)}>
            + Thêm
          </button>
        )}
      </h3>
      {error && <p className="error-text">{error}</p>}
      {rows && rows.length === 0 && <p className="muted">Chưa có đợt luân chuyển nào.</p>}
      {rows && rows.length > 0 && (
        <ul className="rot-history">
          {rows.map((r) => (
            <li key={r.id}>
              <button type="button" className="link" onClick={() => setOpen(r.id)}>
                {ROTATION_TYPES[r.type as keyof typeof ROTATION_TYPES] ?? r.type} đến {[r.toPostTitle, ref.unitName(r.toUnitId)].filter(Boolean).join(', ')}
              </button>{' '}
              {formatVnDate(r.actualStart ?? r.plannedStart)} – {r.actualEnd ? formatVnDate(r.actualEnd) : r.plannedEnd ? `${formatVnDate(r.plannedEnd)} (dự kiến)` : 'nay'} ·{' '}
              {ROTATION_STATUSES[r.status as keyof typeof ROTATION_STATUSES] ?? r.status}
              {r.decisionNo && ` · QĐ ${r.decisionNo}`}
              {r.warnings.length > 0 && (
                <div className="rot-warn-inline" title={r.warnings.map((w) => w.message).join('\n')}>
                  ⚠ {r.warnings.length} cảnh báo{r.overrideReason ? ` · lý do: ${r.overrideReason}` : ''}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {adding && (
        <NewRotationDialog
          cadreId={cadreId}
          onClose={() => setAdding(false)}
          onCreated={(row) => {
            setAdding(false);
            load();
            setOpen(row.id);
          }}
        />
      )}
      {open !== null && (
        <RotationDialog
          rotationId={open}
          onClose={() => setOpen(null)}
          onChanged={() => {
            load();
            onHistoryChanged?.();
          }}
        />
      )}
    </section>
  );
}
