import { useEffect, useRef, useState } from 'react';
import { ApiError, call, errorMessage } from '../../../api';
import type { CadreDetail, CadreRow } from '../../../../../shared/api/cadres';
import { CADRE_STATUSES } from '../../../../../shared/domain/codes';
import { formatVnDate, todayIso } from '../../../../../shared/domain/dates';
import { DateInput, Select, TextInput } from '../../../components/form';
import { useNotify } from '../../../components/notify';
import { statusLabel } from './labels';

const STATUS_OPTIONS = Object.entries(CADRE_STATUSES).map(([value, label]) => ({ value, label }));

/** Employment status: the current one, its dated history, and a small form to record a new one. */
export function StatusBlock({ detail, readOnly, onChanged }: { detail: CadreDetail; readOnly: boolean; onChanged(row: CadreRow): void }) {
  const notify = useNotify();
  const [status, setStatus] = useState<string | null>(null);
  const [effectiveDate, setEffectiveDate] = useState<string | null>(todayIso());
  const [dateError, setDateError] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [open, setOpen] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (open) formRef.current?.querySelector<HTMLElement>('select, input')?.focus();
  }, [open]);
  const { row } = detail;

  const submit = async () => {
    const local: Record<string, string> = {};
    if (!status) local.status = 'Hãy chọn trạng thái.';
    if (dateError) local.effectiveDate = dateError;
    else if (!effectiveDate) local.effectiveDate = 'Hãy nhập ngày hiệu lực.';
    setErrors(local);
    if (Object.keys(local).length) return setMessage('Chưa ghi nhận: hãy sửa các ô được đánh dấu.');
    setBusy(true);
    try {
      const fresh = await call('cadres.setStatus', { id: row.id, version: row.version, status: status as never, effectiveDate: effectiveDate!, note });
      notify('success', `Đã ghi nhận: ${statusLabel(status!)} từ ${formatVnDate(effectiveDate)}.`);
      setStatus(null);
      setNote('');
      setEffectiveDate(todayIso());
      setGeneration((g) => g + 1);
      setMessage('');
      setOpen(false);
      onChanged(fresh);
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'conflict') {
        setMessage('Hồ sơ vừa được sửa ở nơi khác; đã tải lại. Hãy kiểm tra rồi bấm "Ghi nhận" lần nữa.');
        onChanged(e.error.current as CadreRow);
      } else {
        if (e instanceof ApiError) setErrors(e.fieldErrors);
        setMessage(`Chưa ghi nhận: ${errorMessage(e)}`);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="record-section status-block" aria-label="Trạng thái công tác">
      <h3>Trạng thái công tác</h3>
      <div className="status-line">
        <p>
          Hiện nay: <b data-testid="current-status">{statusLabel(row.status)}</b>
          {row.statusDate && <> (từ {formatVnDate(row.statusDate)})</>}
        </p>
        {!readOnly && (
          <button type="button" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
            Ghi nhận trạng thái mới
          </button>
        )}
      </div>
      {detail.statusEvents.length > 0 && (
        <table className="simple-table compact">
          <thead>
            <tr>
              <th>Từ ngày</th>
              <th>Trạng thái</th>
              <th>Ghi chú</th>
            </tr>
          </thead>
          <tbody>
            {detail.statusEvents.map((s) => (
              <tr key={s.id}>
                <td>{formatVnDate(s.effectiveDate)}</td>
                <td>{statusLabel(s.status)}</td>
                <td>{s.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!readOnly && open && (
        <form
          ref={formRef}
          className="inline-form"
          aria-label="Ghi nhận trạng thái mới"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        >
          <div className="form-grid">
            <Select label="Trạng thái mới" required value={status} onChange={setStatus} options={STATUS_OPTIONS} error={errors.status} />
            <DateInput
              key={generation}
              label="Ngày hiệu lực"
              required
              iso={effectiveDate}
              error={errors.effectiveDate}
              onChange={(v, err) => {
                setEffectiveDate(v);
                setDateError(err);
              }}
            />
            <div className="span-2">
              <TextInput label="Ghi chú (số quyết định...)" value={note} onChange={setNote} error={errors.note} />
            </div>
          </div>
          <div className="form-actions">
            {message && (
              <span className="error-text" role="alert">
                {message}
              </span>
            )}
            <button type="button" onClick={() => setOpen(false)}>
              Huỷ
            </button>
            <button type="submit" className="primary" disabled={busy}>
              Ghi nhận trạng thái
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
