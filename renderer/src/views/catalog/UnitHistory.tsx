import { useEffect, useState } from 'react';
import { call, errorMessage } from '../../api';
import type { AuditRow } from '../../../../shared/api/audit';
import type { CallOutput } from '../../../../shared/api/contract';
import type { Unit } from '../../../../shared/api/units';
import { formatVnDate } from '../../../../shared/domain/dates';
import { useReference } from '../../data/reference';
import { actionLabel, auditFieldLabel, formatAuditValue, formatTimestamp } from '../audit/labels';

const RECENT = 20;

/** Where the unit belonged when (its dated parents), and its latest changes from the audit trail. */
export function UnitHistory({ unit }: { unit: Unit }) {
  const ref = useReference();
  const [parents, setParents] = useState<CallOutput<'units.parentHistory'> | null>(null);
  const [changes, setChanges] = useState<{ rows: AuditRow[]; total: number } | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    Promise.all([call('units.parentHistory', { id: unit.id }), call('audit.list', { entity: 'unit', entityId: unit.id, limit: RECENT })]).then(
      ([p, c]) => {
        if (!live) return;
        setParents(p);
        setChanges(c);
      },
      (e) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
    // A new version means the unit changed: read its history again.
  }, [unit.id, unit.version]);

  // An empty parent is the top level, not a missing value.
  const shown = (r: AuditRow, raw: string | null) => formatAuditValue(r, raw, ref) || (r.field === 'parentId' ? '(cấp cao nhất)' : '(trống)');
  if (error) return <p className="error-text">{error}</p>;
  if (!parents || !changes) return <p className="hint">Đang tải lịch sử…</p>;
  return (
    <div className="unit-history">
      <h3>Lịch sử trực thuộc</h3>
      <table className="simple-table" data-testid="unit-parents">
        <thead>
          <tr>
            <th>Đơn vị cấp trên</th>
            <th>Từ ngày</th>
            <th>Đến ngày</th>
          </tr>
        </thead>
        <tbody>
          {parents.map((p, i) => (
            <tr key={i}>
              <td>{p.parentId ? ref.unitName(p.parentId) : '(cấp cao nhất)'}</td>
              <td>{formatVnDate(p.fromDate) || '—'}</td>
              <td>{formatVnDate(p.toDate) || (unit.validTo ? '' : 'nay')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>
        Thay đổi gần đây{changes.total > RECENT ? ` (${RECENT} / ${changes.total}; xem đủ ở Nhật ký thay đổi)` : ''}
      </h3>
      <table className="simple-table" data-testid="unit-changes">
        <thead>
          <tr>
            <th>Thời gian</th>
            <th>Người sửa</th>
            <th>Thay đổi</th>
          </tr>
        </thead>
        <tbody>
          {changes.rows.length === 0 && (
            <tr>
              <td colSpan={3} className="hint">
                Chưa có thay đổi nào được ghi trong nhật ký (đơn vị có từ dữ liệu ban đầu).
              </td>
            </tr>
          )}
          {changes.rows.map((r) => (
            <tr key={r.id}>
              <td>{formatTimestamp(r.at)}</td>
              <td>{r.actor}</td>
              <td>
                {r.field ? (
                  <>
                    {auditFieldLabel(r.entity, r.field)}: {shown(r, r.oldValue)} → {shown(r, r.newValue)}
                  </>
                ) : (
                  actionLabel(r.action)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
