import { useRef, useState } from 'react';
import { useFocusFirst } from './useFocusFirst';
import { ApiError, call, errorMessage } from '../../../api';
import type { Assignment, CadreDetail } from '../../../../../shared/api/cadres';
import { addDays, formatVnDate, isActiveOn, todayIso } from '../../../../../shared/domain/dates';
import { DateInput, Select, TextInput } from '../../../components/form';
import { useNotify } from '../../../components/notify';
import { unitTreeOptions, useReference, type Reference } from '../../../data/reference';
import { SOURCE_LABELS, flagLabel } from './labels';
import { ExportButtons } from '../../../grid/ExportButtons';

type Errors = Record<string, string>;
/** Field errors from the service, without the "changes." prefix of update calls. */
const fieldErrorsOf = (e: unknown): Errors =>
  e instanceof ApiError ? Object.fromEntries(Object.entries(e.fieldErrors).map(([k, v]) => [k.replace(/^changes\./, ''), v])) : {};

/** Sources worth telling the clerk about: the period was made by another workflow and is changed there. */
const SHOWN_SOURCES = new Set(['rotation', 'import']);

/** Full unit names from the top, for a tooltip (the path shows short names where units have them). */
function unitFullPath(ref: Reference, id: number): string {
  const names: string[] = [];
  const seen = new Set<number>();
  for (let u = ref.unitById.get(id); u && !seen.has(u.id); u = u.parentId ? ref.unitById.get(u.parentId) : undefined) {
    seen.add(u.id);
    names.unshift(u.name);
  }
  return names.join(' › ');
}

const positionOptions = (ref: Reference) => ref.list('position').map((c) => ({ value: c.key, label: c.name }));

/** Units that exist on a date, in tree order; or every unit (closed ones marked) for editing old periods. */
function unitOptions(ref: Reference, on: string | null, includeClosed: boolean) {
  const options = includeClosed ? unitTreeOptions(ref) : unitTreeOptions(ref, { onlyActiveOn: on ?? todayIso() });
  return options.map((o) => ({
    value: String(o.unit.id),
    label: `${'\u00a0\u00a0\u00a0'.repeat(o.depth)}${o.unit.name}${o.unit.validTo ? ` (đến ${formatVnDate(o.unit.validTo)})` : ''}`,
  }));
}

/** The unit and post history with transfer, edit and delete; and the dated roles. */
export function AssignmentsTab({ detail, readOnly, onChanged }: { detail: CadreDetail; readOnly: boolean; onChanged(): Promise<unknown> }) {
  const ref = useReference();
  const notify = useNotify();
  const [transferring, setTransferring] = useState(false);
  const [editingId, setEditingId] = useState<number | null>(null);
  const [message, setMessage] = useState('');
  const tableRef = useRef<HTMLTableElement>(null);
  const today = todayIso();

  const remove = async (a: Assignment) => {
    const what = `${ref.unitName(a.unitId)} (${formatVnDate(a.fromDate)} – ${a.toDate ? formatVnDate(a.toDate) : 'nay'})`;
    if (!window.confirm(`Xoá quá trình công tác tại ${what}?`)) return;
    try {
      await call('assignments.delete', { id: a.id, version: a.version });
      setMessage('');
      notify('success', `Đã xoá quá trình công tác tại ${what}.`);
      await onChanged();
    } catch (e) {
      setMessage(`Không xoá được: ${errorMessage(e)}`);
      if (e instanceof ApiError && e.kind === 'conflict') await onChanged();
    }
  };

  return (
    <div className="assignments-tab">
      <section aria-label="Quá trình công tác">
        <div className="tab-toolbar">
          <h3>Quá trình công tác</h3>
          <span className="spacer" />
          <ExportButtons table={() => tableRef.current} fileName={`Quá trình công tác ${detail.row.fullName}`} title={`QUÁ TRÌNH CÔNG TÁC CỦA ${detail.row.fullName.toUpperCase()}`} />
          {!readOnly && (
            <button type="button" className="primary" onClick={() => setTransferring((t) => !t)} aria-expanded={transferring}>
              Điều chuyển
            </button>
          )}
        </div>
        {transferring && !readOnly && (
          <TransferForm
            detail={detail}
            onCancel={() => setTransferring(false)}
            onDone={async () => {
              setTransferring(false);
              await onChanged();
            }}
          />
        )}
        {message && (
          <p className="error-text" role="alert">
            {message}
          </p>
        )}
        <table className="simple-table compact history-table" data-testid="assignment-table" ref={tableRef}>
          <thead>
            <tr>
              <th>Từ ngày</th>
              <th>Đến ngày</th>
              <th>Đơn vị</th>
              <th>Chức vụ</th>
              {!readOnly && <th aria-label="Thao tác" />}
            </tr>
          </thead>
          <tbody>
            {detail.assignments.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  Chưa có quá trình công tác.
                </td>
              </tr>
            )}
            {detail.assignments.map((a) =>
              editingId === a.id ? (
                <tr key={a.id}>
                  <td colSpan={5}>
                    <AssignmentEditor
                      assignment={a}
                      onCancel={() => setEditingId(null)}
                      onDone={async () => {
                        setEditingId(null);
                        await onChanged();
                      }}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={a.id} className={isActiveOn(a.fromDate, a.toDate, today) ? 'current-period' : undefined}>
                  <td>{formatVnDate(a.fromDate)}</td>
                  <td>{a.toDate ? formatVnDate(a.toDate) : 'nay'}</td>
                  <td title={unitFullPath(ref, a.unitId)}>
                    {ref.unitPath(a.unitId)}
                    {SHOWN_SOURCES.has(a.source) && <small className="muted"> · {SOURCE_LABELS[a.source]}</small>}
                  </td>
                  <td>
                    {a.postTitle}
                    {a.positionCode && <small className="muted"> ({ref.label('position', a.positionCode)})</small>}
                  </td>
                  {!readOnly && (
                    <td className="row-actions">
                      <button type="button" className="link" onClick={() => setEditingId(a.id)} aria-label={`Sửa quá trình từ ${formatVnDate(a.fromDate)}`}>
                        Sửa
                      </button>
                      <button type="button" className="link" onClick={() => void remove(a)} aria-label={`Xoá quá trình từ ${formatVnDate(a.fromDate)}`}>
                        Xoá
                      </button>
                    </td>
                  )}
                </tr>
              ),
            )}
          </tbody>
        </table>
      </section>
      <FlagHistory detail={detail} readOnly={readOnly} onChanged={onChanged} />
    </div>
  );
}

/** A transfer: the new unit from a date; the current assignment closes the day before. */
function TransferForm({ detail, onDone, onCancel }: { detail: CadreDetail; onDone(): Promise<void>; onCancel(): void }) {
  const formRef = useFocusFirst<HTMLFormElement>();
  const ref = useReference();
  const notify = useNotify();
  const [fromDate, setFromDate] = useState<string | null>(todayIso());
  const [dateError, setDateError] = useState<string | undefined>();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [postTitle, setPostTitle] = useState(detail.row.postTitle ?? '');
  const [positionCode, setPositionCode] = useState<string | null>(detail.row.positionCode);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const options = unitOptions(ref, fromDate, false).filter((o) => Number(o.value) !== detail.row.unitId);

  const submit = async () => {
    const local: Errors = {};
    if (dateError) local.fromDate = dateError;
    else if (!fromDate) local.fromDate = 'Hãy nhập ngày bắt đầu công tác tại đơn vị mới.';
    if (!unitId) local.unitId = 'Hãy chọn đơn vị mới.';
    else if (!options.some((o) => o.value === unitId)) local.unitId = 'Đơn vị này không hoạt động vào ngày đã chọn.';
    setErrors(local);
    if (Object.keys(local).length) return setMessage('Chưa điều chuyển: hãy sửa các ô được đánh dấu.');
    setBusy(true);
    try {
      const current = detail.assignments.find((a) => isActiveOn(a.fromDate, a.toDate, fromDate!));
      await call('assignments.create', { cadreId: detail.row.id, unitId: Number(unitId), postTitle, positionCode, fromDate: fromDate!, closeCurrent: true });
      notify(
        'success',
        `Đã điều chuyển ${detail.row.fullName} đến ${ref.unitName(Number(unitId))} từ ${formatVnDate(fromDate)}` +
          (current ? `; quá trình tại ${ref.unitName(current.unitId)} kết thúc ngày ${formatVnDate(addDays(fromDate!, -1))}.` : '.'),
      );
      await onDone();
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      setMessage(`Chưa điều chuyển: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="inline-form"
      ref={formRef}
      aria-label="Điều chuyển"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <div className="form-grid">
        <DateInput
          label="Từ ngày"
          required
          iso={fromDate}
          error={errors.fromDate}
          onChange={(v, err) => {
            setFromDate(v);
            setDateError(err);
          }}
        />
        <Select label="Nhóm chức vụ" value={positionCode} onChange={setPositionCode} options={positionOptions(ref)} error={errors.positionCode} />
        <div className="span-2">
          <Select label="Đơn vị mới (đang hoạt động vào ngày trên)" required value={unitId} onChange={setUnitId} options={options} error={errors.unitId} />
        </div>
        <div className="span-2">
          <TextInput label="Chức vụ" value={postTitle} onChange={setPostTitle} error={errors.postTitle} />
        </div>
      </div>
      <div className="form-actions">
        {message && (
          <span className="error-text" role="alert">
            {message}
          </span>
        )}
        <button type="button" onClick={onCancel}>
          Huỷ
        </button>
        <button type="submit" className="primary" disabled={busy}>
          Điều chuyển
        </button>
      </div>
    </form>
  );
}

/** Corrects one period: dates, unit (closed units allowed for old periods), post. */
function AssignmentEditor({ assignment: a, onDone, onCancel }: { assignment: Assignment; onDone(): Promise<void>; onCancel(): void }) {
  const formRef = useFocusFirst<HTMLFormElement>();
  const ref = useReference();
  const notify = useNotify();
  const [fromDate, setFromDate] = useState<string | null>(a.fromDate);
  const [toDate, setToDate] = useState<string | null>(a.toDate);
  const [dateErrors, setDateErrors] = useState<Errors>({});
  const [unitId, setUnitId] = useState<string | null>(String(a.unitId));
  const [postTitle, setPostTitle] = useState(a.postTitle ?? '');
  const [positionCode, setPositionCode] = useState<string | null>(a.positionCode);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const local: Errors = { ...Object.fromEntries(Object.entries(dateErrors).filter(([, v]) => v)) };
    if (!fromDate && !local.fromDate) local.fromDate = 'Hãy nhập "Từ ngày".';
    if (!unitId) local.unitId = 'Hãy chọn đơn vị.';
    if (fromDate && toDate && toDate < fromDate) local.toDate = '"Đến ngày" phải sau "Từ ngày".';
    setErrors(local);
    if (Object.keys(local).length) return setMessage('Chưa lưu: hãy sửa các ô được đánh dấu.');
    setBusy(true);
    try {
      await call('assignments.update', { id: a.id, version: a.version, changes: { fromDate: fromDate!, toDate, unitId: Number(unitId), postTitle, positionCode } });
      notify('success', 'Đã lưu quá trình công tác.');
      await onDone();
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'conflict') {
        setMessage('Quá trình này vừa được sửa ở nơi khác. Hãy bấm "Huỷ" để xem giá trị mới rồi sửa lại.');
      } else {
        setErrors(fieldErrorsOf(e));
        setMessage(`Chưa lưu: ${errorMessage(e)}`);
      }
    } finally {
      setBusy(false);
    }
  };
  const setDate = (field: 'fromDate' | 'toDate', set: (v: string | null) => void) => (v: string | null, err?: string) => {
    set(v);
    setDateErrors((d) => ({ ...d, [field]: err ?? '' }));
  };

  return (
    <form
      className="inline-form"
      ref={formRef}
      aria-label="Sửa quá trình công tác"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <div className="form-grid">
        <DateInput label="Từ ngày" required iso={fromDate} error={errors.fromDate} onChange={setDate('fromDate', setFromDate)} />
        <DateInput label="Đến ngày (để trống nếu đang công tác)" iso={toDate} error={errors.toDate} onChange={setDate('toDate', setToDate)} />
        <div className="span-2">
          <Select label="Đơn vị" required value={unitId} onChange={setUnitId} options={unitOptions(ref, null, true)} error={errors.unitId} />
        </div>
        <TextInput label="Chức vụ" value={postTitle} onChange={setPostTitle} error={errors.postTitle} />
        <Select label="Nhóm chức vụ" value={positionCode} onChange={setPositionCode} options={positionOptions(ref)} error={errors.positionCode} />
      </div>
      <div className="form-actions">
        {message && (
          <span className="error-text" role="alert">
            {message}
          </span>
        )}
        <button type="button" onClick={onCancel}>
          Huỷ
        </button>
        <button type="submit" className="primary" disabled={busy}>
          Lưu
        </button>
      </div>
    </form>
  );
}

/** Dated roles (executive committee member, department leader...): the dates can be corrected here. */
function FlagHistory({ detail, readOnly, onChanged }: { detail: CadreDetail; readOnly: boolean; onChanged(): Promise<unknown> }) {
  const [editingId, setEditingId] = useState<number | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const today = todayIso();
  return (
    <section aria-label="Vai trò" className="flag-history">
      <div className="tab-toolbar">
        <h3>Vai trò (theo thời gian)</h3>
        <span className="spacer" />
        <ExportButtons table={() => tableRef.current} fileName={`Vai trò ${detail.row.fullName}`} title={`VAI TRÒ CỦA ${detail.row.fullName.toUpperCase()}`} />
      </div>
      <p className="hint">Bật, tắt vai trò ở các cột vai trò của danh sách cán bộ; ở đây sửa ngày bắt đầu, kết thúc.</p>
      <table className="simple-table compact history-table" data-testid="flag-table" ref={tableRef}>
        <thead>
          <tr>
            <th>Vai trò</th>
            <th>Từ ngày</th>
            <th>Đến ngày</th>
            {!readOnly && <th aria-label="Thao tác" />}
          </tr>
        </thead>
        <tbody>
          {detail.flags.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                Chưa có vai trò nào.
              </td>
            </tr>
          )}
          {detail.flags.map((f) =>
            editingId === f.id ? (
              <tr key={f.id}>
                <td colSpan={4}>
                  <FlagEditor
                    flag={f}
                    onCancel={() => setEditingId(null)}
                    onDone={async () => {
                      setEditingId(null);
                      await onChanged();
                    }}
                  />
                </td>
              </tr>
            ) : (
              <tr key={f.id} className={isActiveOn(f.fromDate, f.toDate, today) ? 'current-period' : undefined}>
                <td>{flagLabel(f.flag)}</td>
                <td>{formatVnDate(f.fromDate)}</td>
                <td>{f.toDate ? formatVnDate(f.toDate) : 'nay'}</td>
                {!readOnly && (
                  <td className="row-actions">
                    <button type="button" className="link" onClick={() => setEditingId(f.id)} aria-label={`Sửa ngày vai trò ${flagLabel(f.flag)}`}>
                      Sửa
                    </button>
                  </td>
                )}
              </tr>
            ),
          )}
        </tbody>
      </table>
    </section>
  );
}

function FlagEditor({ flag, onDone, onCancel }: { flag: CadreDetail['flags'][number]; onDone(): Promise<void>; onCancel(): void }) {
  const formRef = useFocusFirst<HTMLFormElement>();
  const notify = useNotify();
  const [fromDate, setFromDate] = useState<string | null>(flag.fromDate);
  const [toDate, setToDate] = useState<string | null>(flag.toDate);
  const [note, setNote] = useState(flag.note ?? '');
  const [dateErrors, setDateErrors] = useState<Errors>({});
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const local: Errors = { ...Object.fromEntries(Object.entries(dateErrors).filter(([, v]) => v)) };
    if (!fromDate && !local.fromDate) local.fromDate = 'Hãy nhập "Từ ngày".';
    if (fromDate && toDate && toDate < fromDate) local.toDate = '"Đến ngày" phải sau "Từ ngày".';
    setErrors(local);
    if (Object.keys(local).length) return setMessage('Chưa lưu: hãy sửa các ô được đánh dấu.');
    setBusy(true);
    try {
      await call('flags.update', { id: flag.id, fromDate: fromDate!, toDate, note });
      notify('success', `Đã lưu thời gian vai trò ${flagLabel(flag.flag)}.`);
      await onDone();
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      setMessage(`Chưa lưu: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="inline-form"
      ref={formRef}
      aria-label={`Sửa vai trò ${flagLabel(flag.flag)}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <p>
        <b>{flagLabel(flag.flag)}</b>
      </p>
      <div className="form-grid">
        <DateInput label="Từ ngày" required iso={fromDate} error={errors.fromDate} onChange={(v, err) => (setFromDate(v), setDateErrors((d) => ({ ...d, fromDate: err ?? '' })))} />
        <DateInput label="Đến ngày" iso={toDate} error={errors.toDate} onChange={(v, err) => (setToDate(v), setDateErrors((d) => ({ ...d, toDate: err ?? '' })))} />
        <div className="span-2">
          <TextInput label="Ghi chú" value={note} onChange={setNote} error={errors.note} />
        </div>
      </div>
      <div className="form-actions">
        {message && (
          <span className="error-text" role="alert">
            {message}
          </span>
        )}
        <button type="button" onClick={onCancel}>
          Huỷ
        </button>
        <button type="submit" className="primary" disabled={busy}>
          Lưu
        </button>
      </div>
    </form>
  );
}
