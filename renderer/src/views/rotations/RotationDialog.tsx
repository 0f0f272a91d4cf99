import { useEffect, useState } from 'react';
import { ApiError, call, errorMessage } from '../../api';
import { ROTATION_STATUSES, ROTATION_TYPES, type RotationRow } from '../../../../shared/api/rotations';
import { formatVnDate, todayIso } from '../../../../shared/domain/dates';
import { Modal } from '../../components/Modal';
import { DateInput, TextInput, UnitSelect } from '../../components/form';
import { useNotify } from '../../components/notify';
import { useReference } from '../../data/reference';
import { useCanWrite } from '../login/session';

const label = (labels: Record<string, string>, key: string | null) => (key ? labels[key] ?? key : '');

/** One rotation: its record, the rule warnings and the reason they were overridden, and the lifecycle actions. */
export function RotationDialog({ rotationId, onClose, onChanged }: { rotationId: number; onClose(): void; onChanged(row: RotationRow): void }) {
  const ref = useReference();
  const canWrite = useCanWrite();
  const notify = useNotify();
  const [row, setRow] = useState<RotationRow | null>(null);
  const [error, setError] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [startDate, setStartDate] = useState<string | null>(null);
  const [endDate, setEndDate] = useState<string | null>(null);
  const [nextKind, setNextKind] = useState<'return' | 'other' | 'none'>('return');
  const [nextUnit, setNextUnit] = useState<number | null>(null);
  const [nextPost, setNextPost] = useState('');
  const [cancelReason, setCancelReason] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('rotations.get', { id: rotationId }).then(
      (r) => {
        setRow(r);
        setStartDate(r.plannedStart);
        setEndDate(r.plannedEnd && r.plannedEnd < todayIso() ? r.plannedEnd : todayIso());
      },
      (e) => setError(errorMessage(e)),
    );
  }, [rotationId]);

  const act = async (what: string, fn: (r: RotationRow) => Promise<RotationRow>) => {
    if (!row) return;
    setBusy(true);
    setError('');
    setFieldErrors({});
    try {
      const next = await fn(row);
      setRow(next);
      onChanged(next);
      notify('success', what);
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiError) setFieldErrors(e.fieldErrors);
    } finally {
      setBusy(false);
    }
  };

  if (!row) {
    return (
      <Modal title="Đợt luân chuyển" onClose={onClose}>
        {error ? <p className="error-text">{error}</p> : <p>Đang tải…</p>}
      </Modal>
    );
  }
  const unitPost = (unitId: number | null, post: string | null, pos: string | null) =>
    [post, unitId ? ref.unitName(unitId) : null].filter(Boolean).join(', ') + (pos ? ` (${ref.label('position', pos)})` : '');
  const undoLabel = row.status === 'ended' ? 'Hoàn tác kết thúc' : row.status === 'in_progress' ? 'Hoàn tác bắt đầu' : row.status === 'cancelled' ? 'Bỏ huỷ (đưa về dự kiến)' : null;

  return (
    <Modal title={`Đợt luân chuyển: ${row.cadreName}`} wide onClose={onClose} footer={<button type="button" onClick={onClose}>Đóng</button>}>
      <table className="simple-table rot-summary">
        <tbody>
          <tr><th>Cán bộ</th><td>{row.cadreName}</td><th>Hình thức</th><td>{label(ROTATION_TYPES, row.type)}</td></tr>
          <tr><th>Nơi đi</th><td>{unitPost(row.fromUnitId, row.fromPostTitle, row.fromPositionCode)}</td><th>Nơi đến</th><td>{unitPost(row.toUnitId, row.toPostTitle, row.toPositionCode)}</td></tr>
          <tr><th>Dự kiến</th><td>{formatVnDate(row.plannedStart)} – {formatVnDate(row.plannedEnd)}</td><th>Thực tế</th><td>{row.actualStart ? `${formatVnDate(row.actualStart)} – ${row.actualEnd ? formatVnDate(row.actualEnd) : 'nay'}` : 'chưa bắt đầu'}</td></tr>
          <tr><th>Quyết định</th><td>{[row.decisionNo, row.decisionDate && `ngày ${formatVnDate(row.decisionDate)}`, row.decisionBody].filter(Boolean).join(', ')}</td><th>Trạng thái</th><td data-testid="rotation-status">{label(ROTATION_STATUSES, row.status)}</td></tr>
          {(row.purpose || row.note) && <tr><th>Mục đích</th><td>{row.purpose}</td><th>Ghi chú</th><td>{row.note}</td></tr>}
          {row.cancelReason && <tr><th>Lý do huỷ</th><td colSpan={3}>{row.cancelReason}</td></tr>}
        </tbody>
      </table>
      {row.ruleSetCode && <p className="muted">Quy định áp dụng (theo ngày bắt đầu): {row.ruleSetCode}</p>}
      {row.warnings.length > 0 && (
        <div className="rot-warnings" aria-label="Cảnh báo quy định">
          <strong>Chưa đáp ứng quy định:</strong>
          <ul>{row.warnings.map((w) => <li key={`${w.ruleSet}-${w.rule}`}>{w.message}</li>)}</ul>
          {row.overrideReason ? <p><strong>Lý do vượt quy định:</strong> {row.overrideReason}</p> : <p className="error-text">Chưa ghi lý do vượt quy định.</p>}
        </div>
      )}
      {row.warnings.length === 0 && row.overrideReason && <p><strong>Lý do vượt quy định (đã ghi):</strong> {row.overrideReason}</p>}

      {canWrite && !row.deletedAt && row.status === 'planned' && (
        <section className="rot-action">
          <h3>Bắt đầu luân chuyển</h3>
          <p className="muted">Quá trình công tác hiện tại của cán bộ kết thúc vào ngày trước đó; quá trình mới tại nơi đến bắt đầu từ ngày này.</p>
          <div className="rot-action-row">
            <DateInput label="Ngày bắt đầu thực tế" iso={startDate} onChange={(v) => setStartDate(v)} error={fieldErrors.actualStart} />
            <button type="button" className="primary" disabled={busy || !startDate} onClick={() => act('Đã bắt đầu đợt luân chuyển và cập nhật quá trình công tác.', (r) => call('rotations.start', { id: r.id, version: r.version, actualStart: startDate! }))}>
              Bắt đầu
            </button>
          </div>
          <h3>Huỷ đợt luân chuyển</h3>
          <div className="rot-action-row">
            <TextInput label="Lý do huỷ" value={cancelReason} onChange={setCancelReason} />
            <button type="button" disabled={busy} onClick={() => act('Đã huỷ đợt luân chuyển.', (r) => call('rotations.cancel', { id: r.id, version: r.version, reason: cancelReason }))}>
              Huỷ đợt luân chuyển
            </button>
          </div>
        </section>
      )}
      {canWrite && !row.deletedAt && row.status === 'in_progress' && (
        <section className="rot-action">
          <h3>Kết thúc luân chuyển</h3>
          <div className="rot-action-row">
            <DateInput label="Ngày kết thúc thực tế" iso={endDate} onChange={(v) => setEndDate(v)} error={fieldErrors.actualEnd} />
          </div>
          <fieldset className="rot-next">
            <legend>Sau luân chuyển, cán bộ công tác tại</legend>
            <label className="check"><input type="radio" name="next" checked={nextKind === 'return'} onChange={() => setNextKind('return')} /> Trở về nơi cũ: {unitPost(row.fromUnitId, row.fromPostTitle, row.fromPositionCode) || '(chưa ghi)'}</label>
            <label className="check"><input type="radio" name="next" checked={nextKind === 'other'} onChange={() => setNextKind('other')} /> Đơn vị, chức vụ khác</label>
            {nextKind === 'other' && (
              <div className="form-grid">
                <UnitSelect label="Đơn vị công tác mới" required value={nextUnit} onChange={setNextUnit} error={fieldErrors.next} />
                <TextInput label="Chức vụ mới" value={nextPost} onChange={setNextPost} />
              </div>
            )}
            <label className="check"><input type="radio" name="next" checked={nextKind === 'none'} onChange={() => setNextKind('none')} /> Không ghi nơi công tác mới (nghỉ hưu, chuyển ra ngoài tỉnh…)</label>
          </fieldset>
          <button
            type="button"
            className="primary"
            disabled={busy || !endDate || (nextKind === 'other' && !nextUnit)}
            onClick={() =>
              act('Đã kết thúc đợt luân chuyển và cập nhật quá trình công tác.', (r) =>
                call('rotations.end', { id: r.id, version: r.version, actualEnd: endDate!, next: nextKind === 'other' ? { kind: 'other', unitId: nextUnit!, postTitle: nextPost } : { kind: nextKind } }),
              )
            }
          >
            Kết thúc
          </button>
        </section>
      )}
      {canWrite && !row.deletedAt && undoLabel && (
        <p>
          <button type="button" disabled={busy} onClick={() => act('Đã hoàn tác.', (r) => call('rotations.undoStep', { id: r.id, version: r.version }))}>
            {undoLabel}
          </button>
        </p>
      )}
      {error && <p className="error-text" role="alert">{error}</p>}
    </Modal>
  );
}
