import { useCallback, useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../../api';
import type { CallOutput } from '../../../../shared/api/contract';
import { ROTATION_STATUSES, type RotationRow } from '../../../../shared/api/rotations';
import { formatVnDate } from '../../../../shared/domain/dates';
import { useReference } from '../../data/reference';
import { ExportButtons } from '../../grid/ExportButtons';

const dayDiff = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** Rotations whose planned end is near (within N days) and the overdue ones. */
export function EndingSoon({ onOpen, reloadKey }: { onOpen(id: number): void; reloadKey: number }) {
  const ref = useReference();
  const [days, setDays] = useState(90);
  // The rows with the number of days they were asked for: typing "365" asks for 3, 36 and 365 days, and only the
  // answer to the latest question may be shown, whatever order the answers arrive in.
  const [data, setData] = useState<(CallOutput<'rotations.endingSoon'> & { withinDays: number }) | null>(null);
  const [error, setError] = useState('');
  const tables = useRef<Record<string, HTMLTableElement | null>>({});
  const latest = useRef(0);
  const load = useCallback(() => {
    const asked = ++latest.current;
    call('rotations.endingSoon', { withinDays: days }).then(
      (d) => asked === latest.current && (setData({ ...d, withinDays: days }), setError('')),
      (e) => asked === latest.current && setError(errorMessage(e)),
    );
  }, [days]);
  useEffect(() => load(), [load, reloadKey]);

  const table = (rows: RotationRow[], kind: 'soon' | 'overdue' | 'not-started') => (
    <table className="simple-table rot-table" data-testid={`ending-${kind}`} data-within-days={data?.withinDays} ref={(el) => void (tables.current[kind] = el)}>
      <thead>
        <tr><th>Cán bộ</th><th>Nơi đến</th><th>Bắt đầu</th><th>Kết thúc dự kiến</th><th data-export-header={`${kind === 'soon' ? 'Còn lại' : kind === 'overdue' ? 'Quá hạn' : 'Quá ngày bắt đầu'} (ngày)`}>{kind === 'soon' ? 'Còn lại' : kind === 'overdue' ? 'Quá hạn' : 'Quá ngày bắt đầu'}</th><th>Trạng thái</th></tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const d = data ? dayDiff(data.onDate, kind === 'not-started' ? r.plannedStart : r.plannedEnd!) : 0;
          return (
            <tr key={r.id} data-rotation-id={r.id} className="clickable" onClick={() => onOpen(r.id)}>
              <td>{r.cadreName}</td>
              <td>{[r.toPostTitle, ref.unitName(r.toUnitId)].filter(Boolean).join(', ')}</td>
              <td>{formatVnDate(r.actualStart ?? r.plannedStart)}</td>
              <td>{formatVnDate(r.plannedEnd)}</td>
              <td data-value={kind === 'soon' ? d : -d}>{kind === 'soon' ? `${d} ngày` : `${-d} ngày`}</td>
              <td>{ROTATION_STATUSES[r.status as keyof typeof ROTATION_STATUSES] ?? r.status}</td>
            </tr>
          );
        })}
        {rows.length === 0 && <tr><td colSpan={6} className="muted">Không có.</td></tr>}
      </tbody>
    </table>
  );

  return (
    <div className="view-padded">
      <div className="toolbar rot-inline">
        <label>
          Kết thúc trong vòng{' '}
          <input type="number" aria-label="Số ngày" min={1} max={3650} value={days} onChange={(e) => setDays(Math.max(1, Math.min(3650, Number(e.target.value) || 90)))} style={{ width: 70 }} /> ngày tới
        </label>
      </div>
      {error && <p className="error-text">{error}</p>}
      <div className="table-head">
        <h3>Sắp kết thúc ({data?.soon.length ?? 0})</h3>
        <ExportButtons table={() => tables.current.soon} fileName={`Luân chuyển sắp kết thúc ${days} ngày`} title={`ĐỢT LUÂN CHUYỂN SẮP KẾT THÚC TRONG ${days} NGÀY`} />
      </div>
      {data && table(data.soon, 'soon')}
      <div className="table-head">
        <h3>Quá hạn, chưa kết thúc ({data?.overdue.length ?? 0})</h3>
        <ExportButtons table={() => tables.current.overdue} fileName="Luân chuyển quá hạn" title="ĐỢT LUÂN CHUYỂN QUÁ HẠN, CHƯA KẾT THÚC" />
      </div>
      {data && table(data.overdue, 'overdue')}
      <div className="table-head">
        <h3>Đã quá ngày bắt đầu dự kiến nhưng chưa bắt đầu ({data?.notStarted.length ?? 0})</h3>
        <ExportButtons table={() => tables.current['not-started']} fileName="Luân chuyển chưa bắt đầu" title="ĐỢT LUÂN CHUYỂN ĐÃ QUÁ NGÀY BẮT ĐẦU DỰ KIẾN NHƯNG CHƯA BẮT ĐẦU" />
      </div>
      <p className="muted">Mở đợt luân chuyển để ghi ngày bắt đầu thực tế, hoặc huỷ nếu không thực hiện.</p>
      {data && table(data.notStarted, 'not-started')}
    </div>
  );
}
