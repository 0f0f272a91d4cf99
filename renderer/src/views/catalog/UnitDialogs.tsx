import { useMemo, useState } from 'react';
import { ApiError, call } from '../../api';
import type { Unit } from '../../../../shared/api/units';
import { addDays, formatVnDate, todayIso } from '../../../../shared/domain/dates';
import { Modal } from '../../components/Modal';
import { DateInput, Select } from '../../components/form';
import { unitTreeOptions, useReference } from '../../data/reference';
import { UnitFields, draftErrors, emptyDraft, type UnitDraft } from './UnitFields';

// The dated actions on a unit, each a dialog: add (under the selected unit or at the top), move under another
// parent from a date, close with a last day and a successor. Errors stay in the dialog next to their field; a
// conflict (someone changed the unit meanwhile) is handed to the caller, which reloads.

export interface DialogProps {
  onClose(): void;
  onDone(unit: Unit, message: string): void;
  onConflict(): void;
}

/** Runs a call and sorts its failure: field errors for the form, the message on top, conflicts to the caller. */
function useSubmit(onConflict: () => void) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (local: Record<string, string>, run: () => Promise<void>) => {
    setErrors(local);
    if (Object.keys(local).length) {
      setMessage('Hãy sửa các ô được đánh dấu.');
      return;
    }
    setBusy(true);
    try {
      await run();
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'conflict') onConflict();
      else if (e instanceof ApiError) {
        setErrors(e.fieldErrors);
        setMessage(e.message);
      } else setMessage('Đã xảy ra lỗi không mong muốn; chưa có gì thay đổi.');
    } finally {
      setBusy(false);
    }
  };
  return { errors, message, busy, submit };
}

function Footer({ busy, label, onClose, onSubmit, danger }: { busy: boolean; label: string; onClose(): void; onSubmit(): void; danger?: boolean }) {
  return (
    <>
      <button type="button" onClick={onClose}>
        Huỷ
      </button>
      <button type="button" className={danger ? 'danger' : 'primary'} disabled={busy} onClick={onSubmit}>
        {label}
      </button>
    </>
  );
}

export function AddUnitDialog({ parent, onClose, onDone, onConflict }: DialogProps & { parent: Unit | null }) {
  const ref = useReference();
  const [underParent, setUnderParent] = useState(parent !== null && !parent.validTo);
  const [draft, setDraft] = useState<UnitDraft>(() => emptyDraft(underParent ? parent : null));
  const { errors, message, busy, submit } = useSubmit(onConflict);
  const save = () =>
    submit(draftErrors(draft), async () => {
      const unit = await call('units.create', {
        name: draft.name,
        shortName: draft.shortName,
        kind: draft.kind!,
        level: draft.level!,
        parentId: underParent && parent ? parent.id : null,
        validFrom: draft.validFrom,
        ethnicContact: draft.ethnicContact,
        note: draft.note,
      });
      onDone(unit, `Đã thêm đơn vị ${unit.name}.`);
    });
  return (
    <Modal title="Thêm đơn vị" onClose={onClose} footer={<Footer busy={busy} label="Thêm đơn vị" onClose={onClose} onSubmit={save} />}>
      <div className="dialog-stack">
        <fieldset>
          <legend>Trực thuộc</legend>
          {parent && (
            <label className="check">
              <input type="radio" name="add-unit-parent" checked={underParent} disabled={!!parent.validTo} onChange={() => setUnderParent(true)} />
              Đơn vị cấp dưới của <b>{ref.unitPath(parent.id)}</b>
              {parent.validTo ? ' (đã kết thúc, không thêm được)' : ''}
            </label>
          )}
          <label className="check">
            <input type="radio" name="add-unit-parent" checked={!underParent} onChange={() => setUnderParent(false)} />
            Đơn vị cấp cao nhất (không trực thuộc đơn vị nào)
          </label>
        </fieldset>
        <UnitFields draft={draft} onChange={setDraft} errors={errors} idKey="new" />
        {message && (
          <p className="error-text" role="alert">
            {message}
          </p>
        )}
      </div>
    </Modal>
  );
}

export function MoveUnitDialog({ unit, onClose, onDone, onConflict }: DialogProps & { unit: Unit }) {
  const ref = useReference();
  const [parentId, setParentId] = useState<string | null>(null);
  const [effectiveDate, setEffectiveDate] = useState<string | null>(todayIso());
  const [dateError, setDateError] = useState<string | undefined>();
  const { errors, message, busy, submit } = useSubmit(onConflict);
  // Not itself, nothing below it (a cycle), nothing closed, and not where it already is.
  const choices = useMemo(() => {
    const below = ref.subtreeIds(unit.id);
    const opts = unitTreeOptions(ref)
      .filter((o) => o.active && !below.has(o.unit.id) && o.unit.id !== unit.parentId)
      .map((o) => ({ value: String(o.unit.id), label: `${'\u00a0\u00a0\u00a0'.repeat(o.depth)}${o.unit.name}` }));
    return unit.parentId ? [{ value: 'top', label: '(Đơn vị cấp cao nhất)' }, ...opts] : opts;
  }, [ref, unit]);
  const save = () => {
    const local: Record<string, string> = {};
    if (!parentId) local.parentId = 'Hãy chọn đơn vị cấp trên mới.';
    if (dateError) local.effectiveDate = dateError.replace(/^Ngày/, 'Ngày hiệu lực');
    else if (!effectiveDate) local.effectiveDate = 'Hãy nhập ngày hiệu lực.';
    return submit(local, async () => {
      const moved = await call('units.move', { id: unit.id, version: unit.version, parentId: parentId === 'top' ? null : Number(parentId), effectiveDate: effectiveDate! });
      onDone(moved, `Đã chuyển ${moved.name} về ${moved.parentId ? ref.unitName(moved.parentId) : 'cấp cao nhất'} từ ngày ${formatVnDate(effectiveDate)}.`);
    });
  };
  return (
    <Modal title={`Chuyển đơn vị: ${unit.name}`} onClose={onClose} footer={<Footer busy={busy} label="Chuyển đơn vị" onClose={onClose} onSubmit={save} />}>
      <div className="dialog-stack">
        <p>
          Hiện trực thuộc: <b>{unit.parentId ? ref.unitPath(unit.parentId) : '(cấp cao nhất)'}</b>. Lịch sử trực thuộc được giữ lại: đơn vị thuộc cấp
          trên cũ đến hết ngày trước ngày hiệu lực, báo cáo của ngày đã qua vẫn theo cơ cấu cũ.
        </p>
        <Select label="Đơn vị cấp trên mới" required value={parentId} onChange={setParentId} options={choices} error={errors.parentId} />
        <DateInput
          label="Ngày hiệu lực"
          required
          iso={effectiveDate}
          onChange={(iso, err) => {
            setEffectiveDate(iso);
            setDateError(err);
          }}
          error={errors.effectiveDate}
        />
        {message && (
          <p className="error-text" role="alert">
            {message}
          </p>
        )}
      </div>
    </Modal>
  );
}

export function CloseUnitDialog({ unit, headcount, onClose, onDone, onConflict }: DialogProps & { unit: Unit; headcount: number }) {
  const ref = useReference();
  const [validTo, setValidTo] = useState<string | null>(null);
  const [dateError, setDateError] = useState<string | undefined>();
  const [successorId, setSuccessorId] = useState<number | null>(null);
  const [moveCadres, setMoveCadres] = useState(headcount > 0);
  const { errors, message, busy, submit } = useSubmit(onConflict);
  const choices = useMemo(
    () =>
      unitTreeOptions(ref)
        .filter((o) => o.active && o.unit.id !== unit.id)
        .map((o) => ({ value: String(o.unit.id), label: `${'\u00a0\u00a0\u00a0'.repeat(o.depth)}${o.unit.name}` })),
    [ref, unit.id],
  );
  const save = () => {
    const local: Record<string, string> = {};
    if (dateError) local.validTo = dateError.replace(/^Ngày/, 'Ngày kết thúc');
    else if (!validTo) local.validTo = 'Hãy nhập ngày cuối cùng đơn vị hoạt động.';
    if (moveCadres && !successorId) local.successorId = 'Hãy chọn đơn vị kế thừa để chuyển người sang.';
    return submit(local, async () => {
      const closed = await call('units.close', { id: unit.id, version: unit.version, validTo: validTo!, successorId, moveCadresToSuccessor: moveCadres && !!successorId });
      const moved = moveCadres && successorId && headcount ? ` Đã chuyển ${headcount} người sang ${ref.unitName(successorId)} từ ngày ${formatVnDate(addDays(validTo!, 1))}.` : '';
      onDone(closed, `Đã kết thúc hoạt động ${closed.name} từ sau ngày ${formatVnDate(validTo)}.${moved}`);
    });
  };
  return (
    <Modal title={`Kết thúc hoạt động: ${unit.name}`} onClose={onClose} footer={<Footer busy={busy} label="Kết thúc hoạt động" danger onClose={onClose} onSubmit={save} />}>
      <div className="dialog-stack">
        <p>
          Đơn vị không bị xoá: hồ sơ, báo cáo của các ngày trước vẫn dùng đơn vị này. Đơn vị còn đơn vị cấp dưới đang hoạt động thì phải chuyển hoặc
          kết thúc các đơn vị đó trước.
        </p>
        <DateInput
          label="Ngày cuối cùng hoạt động"
          required
          iso={validTo}
          onChange={(iso, err) => {
            setValidTo(iso);
            setDateError(err);
          }}
          error={errors.validTo}
        />
        <Select
          label="Đơn vị kế thừa"
          value={successorId === null ? null : String(successorId)}
          onChange={(v) => setSuccessorId(v === null ? null : Number(v))}
          options={choices}
          error={errors.successorId}
          emptyLabel="— không có —"
        />
        <label className="check">
          <input type="checkbox" checked={moveCadres} onChange={(e) => setMoveCadres(e.target.checked)} />
          Chuyển những người còn công tác tại đơn vị sang đơn vị kế thừa từ ngày hôm sau
          {headcount > 0 ? ` (hiện có ${headcount} người)` : ''}
        </label>
        {errors.moveCadresToSuccessor && <small className="error-text">{errors.moveCadresToSuccessor}</small>}
        {message && (
          <p className="error-text" role="alert">
            {message}
          </p>
        )}
      </div>
    </Modal>
  );
}
