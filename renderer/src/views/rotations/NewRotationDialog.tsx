import { useEffect, useId, useMemo, useState } from 'react';
import { ApiError, call, errorMessage } from '../../api';
import type { CallOutput } from '../../../../shared/api/contract';
import { ROTATION_TYPES, type RotationRow, type RotationType } from '../../../../shared/api/rotations';
import { formatVnDate } from '../../../../shared/domain/dates';
import { Modal } from '../../components/Modal';
import { DateInput, Field, Select, TextInput, UnitSelect } from '../../components/form';
import { useReference } from '../../data/reference';
import { useCadreOptions } from './useCadreOptions';

type Check = CallOutput<'rotations.check'>;

/**
 * The new-rotation form. Every change is checked against the rules in force on the planned start; warnings are
 * shown with the rule they come from and need a reason before the rotation can be saved.
 */
export function NewRotationDialog({ onClose, onCreated, cadreId: presetCadre }: { onClose(): void; onCreated(row: RotationRow): void; cadreId?: number }) {
  const ref = useReference();
  const cadres = useCadreOptions();
  const listId = useId();
  const [cadreText, setCadreText] = useState('');
  const [cadreId, setCadreId] = useState<number | null>(presetCadre ?? null);
  const [type, setType] = useState<RotationType>('luan_chuyen');
  const [toUnitId, setToUnitId] = useState<number | null>(null);
  const [toPostTitle, setToPostTitle] = useState('');
  const [toPositionCode, setToPositionCode] = useState<string | null>(null);
  const [fromPositionCode, setFromPositionCode] = useState<string | null | undefined>(undefined);
  const [plannedStart, setPlannedStart] = useState<string | null>(null);
  const [plannedEnd, setPlannedEnd] = useState<string | null>(null);
  const [decisionNo, setDecisionNo] = useState('');
  const [decisionDate, setDecisionDate] = useState<string | null>(null);
  const [decisionBody, setDecisionBody] = useState('');
  const [purpose, setPurpose] = useState('');
  const [note, setNote] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [check, setCheck] = useState<Check | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (presetCadre && cadres.byId.get(presetCadre)) setCadreText(cadres.byId.get(presetCadre)!.label);
  }, [cadres, presetCadre]);

  const draft = useMemo(
    () => ({
      cadreId: cadreId ?? undefined,
      type,
      toUnitId: toUnitId ?? undefined,
      toPositionCode,
      ...(fromPositionCode !== undefined ? { fromPositionCode } : {}),
      plannedStart: plannedStart ?? undefined,
      plannedEnd: plannedEnd ?? undefined,
    }),
    [cadreId, type, toUnitId, toPositionCode, fromPositionCode, plannedStart, plannedEnd],
  );
  useEffect(() => {
    if (!draft.cadreId) return setCheck(null);
    let live = true;
    const t = setTimeout(() => {
      call('rotations.check', draft).then((c) => live && setCheck(c), () => live && setCheck(null));
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [draft]);

  const origin = check?.defaultFrom;
  const warnings = check?.warnings ?? [];
  const shownErrors: Record<string, string> = { ...(check?.errors ?? {}), ...Object.fromEntries(Object.entries(errors).filter(([, v]) => v)) };

  const save = async () => {
    const local: Record<string, string> = {};
    if (!cadreId) local.cadreId = 'Hãy chọn cán bộ trong danh sách.';
    if (!toUnitId) local.toUnitId = 'Hãy chọn đơn vị nơi đến.';
    if (!plannedStart) local.plannedStart = errors.plannedStart ?? 'Ngày bắt đầu dự kiến không được để trống.';
    if (!plannedEnd) local.plannedEnd = errors.plannedEnd ?? 'Ngày kết thúc dự kiến không được để trống.';
    if (warnings.length && !overrideReason.trim()) local.overrideReason = 'Đợt luân chuyển chưa đáp ứng quy định; hãy ghi lý do nếu vẫn thực hiện.';
    setErrors(local);
    if (Object.keys(local).length) return;
    setSaving(true);
    try {
      const row = await call('rotations.create', {
        cadreId: cadreId!, type, toUnitId: toUnitId!, toPostTitle, toPositionCode,
        ...(fromPositionCode !== undefined ? { fromPositionCode } : {}),
        plannedStart: plannedStart!, plannedEnd: plannedEnd!, decisionNo, decisionDate, decisionBody, purpose, note,
        overrideReason: warnings.length ? overrideReason : null,
      });
      onCreated(row);
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fieldErrors).length) setErrors(e.fieldErrors);
      else setErrors({ _: errorMessage(e) });
    } finally {
      setSaving(false);
    }
  };

  const positions = ref.list('position').map((p) => ({ value: p.key, label: p.name }));
  return (
    <Modal
      title="Thêm đợt luân chuyển"
      wide
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>Đóng</button>
          <button type="button" className="primary" onClick={save} disabled={saving}>
            {warnings.length ? 'Lưu (vượt quy định)' : 'Lưu'}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <Field label="Cán bộ *" error={shownErrors.cadreId && !warnings.some((w) => w.field === 'cadreId') ? shownErrors.cadreId : undefined} hint="Gõ tên để tìm, chọn trong danh sách">
          {(id) => (
            <>
              <input
                id={id}
                list={listId}
                value={cadreText}
                autoComplete="off"
                onChange={(e) => {
                  setCadreText(e.target.value);
                  setCadreId(cadres.find(e.target.value)?.id ?? null);
                }}
              />
              <datalist id={listId}>
                {cadres.options.map((o) => (
                  <option key={o.id} value={o.label} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Select label="Hình thức" required value={type} onChange={(v) => setType((v ?? 'luan_chuyen') as RotationType)} options={Object.entries(ROTATION_TYPES).map(([value, label]) => ({ value, label }))} />
        <div className="rot-origin">
          <span className="muted">Nơi đi (công tác vào ngày bắt đầu dự kiến): </span>
          {origin ? `${origin.postTitle ?? ''} ${ref.unitName(origin.unitId)}` : cadreId && plannedStart ? 'chưa có quá trình công tác vào ngày này' : '—'}
          {check?.retirementDate && <div className="muted">Tuổi nghỉ hưu theo lộ trình: {formatVnDate(check.retirementDate)}</div>}
        </div>
        <Select label="Cấp chức vụ nơi đi" value={fromPositionCode === undefined ? origin?.positionCode ?? null : fromPositionCode} onChange={setFromPositionCode} options={positions} emptyLabel="— chưa rõ —" />
        <UnitSelect label="Đơn vị nơi đến" required value={toUnitId} onChange={setToUnitId} error={shownErrors.toUnitId} />
        <TextInput label="Chức vụ nơi đến" value={toPostTitle} onChange={setToPostTitle} />
        <Select label="Cấp chức vụ nơi đến" value={toPositionCode} onChange={setToPositionCode} options={positions} emptyLabel="— chưa rõ —" />
        <div />
        <DateInput label="Bắt đầu dự kiến" required iso={plannedStart} onChange={(v, err) => (setPlannedStart(v), setErrors((x) => ({ ...x, plannedStart: err ?? '' })))} error={shownErrors.plannedStart || undefined} />
        <DateInput label="Kết thúc dự kiến" required iso={plannedEnd} onChange={(v, err) => (setPlannedEnd(v), setErrors((x) => ({ ...x, plannedEnd: err ?? '' })))} error={shownErrors.plannedEnd && !warnings.some((w) => w.field === 'plannedEnd') ? shownErrors.plannedEnd : undefined} />
      </div>
      {check?.ruleSet && <p className="muted">Áp dụng: {check.ruleSet.name}.</p>}
      {warnings.length > 0 && (
        <div className="rot-warnings" role="group" aria-label="Cảnh báo quy định">
          <strong>Chưa đáp ứng quy định:</strong>
          <ul>
            {warnings.map((w) => (
              <li key={`${w.ruleSet}-${w.rule}`}>{w.message}</li>
            ))}
          </ul>
          <TextInput label="Lý do vượt quy định" value={overrideReason} onChange={setOverrideReason} error={shownErrors.overrideReason} multiline />
        </div>
      )}
      <div className="form-grid">
        <TextInput label="Số quyết định" value={decisionNo} onChange={setDecisionNo} placeholder="Ví dụ: 1234-QĐ/TU" />
        <DateInput label="Ngày quyết định" iso={decisionDate} onChange={(v) => setDecisionDate(v)} />
        <TextInput label="Cơ quan ra quyết định" value={decisionBody} onChange={setDecisionBody} placeholder="Ban Thường vụ Tỉnh ủy" />
        <TextInput label="Mục đích" value={purpose} onChange={setPurpose} />
      </div>
      <TextInput label="Ghi chú" value={note} onChange={setNote} multiline />
      {errors._ && <p className="error-text" role="alert">{errors._}</p>}
    </Modal>
  );
}
