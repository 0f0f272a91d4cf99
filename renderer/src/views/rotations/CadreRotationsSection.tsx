import { useCallback, useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../../api';
import { ROTATION_STATUSES, ROTATION_TYPES, type RotationRow } from '../../../../shared/api/rotations';
import { formatVnDate } from '../../../../shared/domain/dates';
import { useReference } from '../../data/reference';
import { RotationDialog } from './RotationDialog';
import { NewRotationDialog } from './NewRotationDialog';
import { useCanWrite } from '../login/session';
import { ExportButtons } from '../../grid/ExportButtons';

/**
 * A cadre's rotation history, for the cadre detail panel: type, destination, period, status, and the rule
 * warnings with the stored reason, as a table that exports. A click opens the rotation with its actions.
 */
export function CadreRotationsSection({ cadreId, cadreName, onHistoryChanged }: { cadreId: number; cadreName?: string; onHistoryChanged?(): void }) {
  const ref = useReference();
  const canWrite = useCanWrite();
  const tableRef = useRef<HTMLTableElement>(null);
  const who = cadreName ? ` ${cadreName}` : '';
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
      <div className="table-head">
        <h3>Luân chuyển, điều động</h3>
        {canWrite && (
          <button type="button" className="link" onClick={() => setAdding(true)}>
            + Thêm
          </button>
        )}
        {rows && rows.length > 0 && (
          <ExportButtons table={() => tableRef.current} fileName={`Luân chuyển${who}`} title={`QUÁ TRÌNH LUÂN CHUYỂN, ĐIỀU ĐỘNG${who.toUpperCase()}`} />
        )}
      </div>
      {error && <p className="error-text">{error}</p>}
      {rows && rows.length === 0 && <p className="muted">Chưa có đợt luân chuyển nào.</p>}
      {rows && rows.length > 0 && (
        <table className="simple-table compact rot-history" data-testid="cadre-rotation-table" ref={tableRef}>
          <thead>
            <tr>
              <th>Hình thức, nơi đến</th>
              <th>Bắt đầu</th>
              <th>Kết thúc</th>
              <th>Trạng thái</th>
              <th>Quyết định</th>
              <th>Cảnh báo quy định</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <button type="button" className="link" onClick={() => setOpen(r.id)}>
                    {ROTATION_TYPES[r.type as keyof typeof ROTATION_TYPES] ?? r.type} đến {[r.toPostTitle, ref.unitName(r.toUnitId)].filter(Boolean).join(', ')}
                  </button>
                </td>
                <td>{formatVnDate(r.actualStart ?? r.plannedStart)}</td>
                <td>{r.actualEnd ? formatVnDate(r.actualEnd) : r.plannedEnd ? `${formatVnDate(r.plannedEnd)} (dự kiến)` : 'nay'}</td>
                <td>{ROTATION_STATUSES[r.status as keyof typeof ROTATION_STATUSES] ?? r.status}</td>
                <td>{r.decisionNo}</td>
                <td className="rot-warn-inline" title={r.warnings.map((w) => w.message).join('\n') || undefined}>
                  {r.warnings.length > 0 ? `⚠ ${r.warnings.length} cảnh báo${r.overrideReason ? ` · lý do: ${r.overrideReason}` : ''}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
