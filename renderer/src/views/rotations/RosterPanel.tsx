import { useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../../api';
import type { CallOutput } from '../../../../shared/api/contract';
import type { RosterEntry } from '../../../../shared/api/rotations';
import { formatVnDate, todayIso } from '../../../../shared/domain/dates';
import { DateInput, UnitSelect } from '../../components/form';
import { useReference } from '../../data/reference';
import { ExportButtons } from '../../grid/ExportButtons';

/** Who works in a unit on a date: rotated-in cadres are listed, rotated-out ones appear under "đang luân chuyển đi". */
export function RosterPanel({ onOpen, reloadKey }: { onOpen(id: number): void; reloadKey: number }) {
  const ref = useReference();
  const [unitId, setUnitId] = useState<number | null>(null);
  const [onDate, setOnDate] = useState<string | null>(todayIso());
  const [sub, setSub] = useState(true);
  const [data, setData] = useState<CallOutput<'units.roster'> | null>(null);
  const [error, setError] = useState('');
  const tables = useRef<Record<string, HTMLTableElement | null>>({});
  useEffect(() => {
    if (!unitId || !onDate) return setData(null);
    call('units.roster', { unitId, onDate, includeSubunits: sub }).then((d) => (setData(d), setError('')), (e) => setError(errorMessage(e)));
  }, [unitId, onDate, sub, reloadKey]);

  const table = (rows: RosterEntry[], testId: string, away = false) => (
    <table className="simple-table rot-table" data-testid={testId} ref={(el) => void (tables.current[testId] = el)}>
      <thead><tr><th>Họ và tên</th><th>Chức vụ</th><th>{away ? 'Đang công tác tại' : 'Đơn vị'}</th><th>Từ ngày</th><th>Luân chuyển</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.cadreId}-${r.fromDate}`}>
            <td>{r.fullName}</td>
            <td>{r.postTitle}</td>
            <td>{ref.unitName(r.unitId)}</td>
            <td>{formatVnDate(r.fromDate)}</td>
            <td>{r.rotationId ? <button type="button" className="link" onClick={() => onOpen(r.rotationId!)}>{away ? 'Đang luân chuyển đi' : 'Luân chuyển đến'}</button> : ''}</td>
          </tr>
        ))}
        {rows.length === 0 && <tr><td colSpan={5} className="muted">Không có.</td></tr>}
      </tbody>
    </table>
  );

  return (
    <div className="view-padded">
      <div className="form-grid rot-roster-form">
        <UnitSelect label="Đơn vị" value={unitId} onChange={setUnitId} includeClosed emptyLabel="— chọn đơn vị —" />
        <DateInput label="Vào ngày" iso={onDate} onChange={(v) => setOnDate(v)} />
        <label className="check"><input type="checkbox" checked={sub} onChange={(e) => setSub(e.target.checked)} /> Gồm cả đơn vị trực thuộc</label>
      </div>
      {error && <p className="error-text">{error}</p>}
      {data && (
        <>
          <div className="table-head">
            <h3>Đang công tác tại đơn vị ngày {formatVnDate(data.onDate)} ({data.present.length})</h3>
            <ExportButtons
              table={() => tables.current['roster-present']}
              fileName={`Nhân sự ${ref.unitName(unitId)}`}
              title={`NHÂN SỰ ${ref.unitName(unitId).toUpperCase()} NGÀY ${formatVnDate(data.onDate)}`}
            />
          </div>
          {table(data.present, 'roster-present')}
          <div className="table-head">
            <h3>Cán bộ của đơn vị đang luân chuyển đi nơi khác ({data.away.length})</h3>
            <ExportButtons
              table={() => tables.current['roster-away']}
              fileName={`Luân chuyển đi ${ref.unitName(unitId)}`}
              title={`CÁN BỘ ${ref.unitName(unitId).toUpperCase()} ĐANG LUÂN CHUYỂN ĐI, NGÀY ${formatVnDate(data.onDate)}`}
            />
          </div>
          {table(data.away, 'roster-away', true)}
        </>
      )}
    </div>
  );
}
