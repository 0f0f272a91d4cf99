import { useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../../../api';
import type { AuditRow } from '../../../../../shared/api/audit';
import type { CadreDetail } from '../../../../../shared/api/cadres';
import { useReference } from '../../../data/reference';
import { formatVnDate } from '../../../../../shared/domain/dates';
import { actionLabel, auditFieldLabel, entityLabel, formatAuditValue, formatTimestamp, type LabelLookup } from '../../audit/labels';
import { CADRE_FLAGS, isKeyOf } from '../../../../../shared/domain/codes';
import { categoryLabel, flagLabel, levelLabel } from './labels';
import { ExportButtons } from '../../../grid/ExportButtons';

const PAGE = 500;

/** This cadre's audit trail: when, who, what, old -> new, newest first; worded as on the Nhật ký thay đổi screen. */
export function AuditTab({ detail, active, changeCount }: { detail: CadreDetail; active: boolean; changeCount: number }) {
  const ref = useReference();
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [total, setTotal] = useState(0);
  const [limit, setLimit] = useState(PAGE);
  const [error, setError] = useState('');
  const tableRef = useRef<HTMLTableElement>(null);
  const cadreId = detail.row.id;

  useEffect(() => {
    if (!active) return;
    let stale = false;
    call('audit.list', { cadreId, limit }).then(
      (r) => {
        if (stale) return;
        setRows(r.rows);
        setTotal(r.total);
        setError('');
      },
      (e) => !stale && setError(errorMessage(e)),
    );
    return () => {
      stale = true;
    };
  }, [active, cadreId, limit, changeCount]);

  // Units by their full path: a transfer between two units of the same name must read clearly.
  const lookup: LabelLookup = { label: ref.label, unitName: ref.unitPath };
  // A role's own dates are fields too (flags.update), not only the role keys the grid toggles.
  const fieldLabel = (r: AuditRow) =>
    r.entity === 'cadre_flag' && r.field && !isKeyOf(CADRE_FLAGS, r.field) ? auditFieldLabel('assignment', r.field) : auditFieldLabel(r.entity, r.field);
  /** Which period or diploma a field change belongs to, so "Đến ngày" is not ambiguous. */
  const contextOf = (r: AuditRow) => {
    if (!r.field) return '';
    if (r.entity === 'assignment') {
      const a = detail.assignments.find((x) => x.id === r.entityId);
      return a ? ` (tại ${ref.unitName(a.unitId)}, từ ${formatVnDate(a.fromDate)})` : '';
    }
    if (r.entity === 'cadre_flag' && !isKeyOf(CADRE_FLAGS, r.field)) {
      const f = detail.flags.find((x) => x.id === r.entityId);
      return f ? ` (${flagLabel(f.flag)})` : '';
    }
    if (r.entity === 'qualification') {
      const q = detail.qualifications.find((x) => x.id === r.entityId);
      return q ? ` (${categoryLabel(q.category)}: ${levelLabel(ref, q.category, q.levelKey)})` : '';
    }
    return '';
  };
  if (error) return <p className="error-text" role="alert">{error}</p>;
  if (!rows) return <p className="muted">Đang tải nhật ký…</p>;
  return (
    <div className="audit-tab">
      <div className="tab-toolbar">
        <p className="muted">
          {total === 0 ? 'Chưa có thay đổi nào được ghi lại.' : `${total.toLocaleString('vi-VN')} thay đổi, mới nhất ở trên.`}
        </p>
        <span className="spacer" />
        {rows.length > 0 && <ExportButtons table={() => tableRef.current} fileName={`Nhật ký ${detail.row.fullName}`} title={`NHẬT KÝ THAY ĐỔI HỒ SƠ ${detail.row.fullName.toUpperCase()}`} />}
      </div>
      {rows.length > 0 && (
        <table className="simple-table compact audit-table" data-testid="audit-table" ref={tableRef}>
          <thead>
            <tr>
              <th>Thời gian</th>
              <th>Người thực hiện</th>
              <th>Nội dung</th>
              <th>Giá trị cũ</th>
              <th>Giá trị mới</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">{formatTimestamp(r.at)}</td>
                <td>{r.actor}</td>
                <td>
                  {actionLabel(r.action)} {entityLabel(r.entity).toLowerCase()}
                  {r.field && <>: <b>{fieldLabel(r)}</b>{contextOf(r)}</>}
                  {r.batchDescription && <small className="muted"> ({r.batchDescription})</small>}
                </td>
                <td className="old-value">{formatAuditValue(r, r.oldValue, lookup)}</td>
                <td className="new-value">{formatAuditValue(r, r.newValue, lookup)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > rows.length && (
        <button type="button" onClick={() => setLimit((l) => l + PAGE)}>
          Xem thêm ({(total - rows.length).toLocaleString('vi-VN')} thay đổi cũ hơn)
        </button>
      )}
    </div>
  );
}
