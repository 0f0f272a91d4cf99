import type { Unit } from '../../../../shared/api/units';
import { UNIT_KINDS, UNIT_LEVELS } from '../../../../shared/domain/codes';
import { DateInput, Field, Select, TextInput } from '../../components/form';

// The attributes of a unit a clerk types, shared by the "Thêm đơn vị" dialog and the selected unit's form.

export interface UnitDraft {
  name: string;
  shortName: string;
  kind: string | null;
  level: string | null;
  validFrom: string | null;
  /** The date box's own parse error while its text is invalid. */
  validFromError?: string;
  ethnicContact: boolean;
  note: string;
  /** Place among its siblings (lists and reports follow it); edited as text, checked as a whole number. */
  sortOrder: string;
}

export const draftOf = (u: Unit): UnitDraft => ({
  name: u.name,
  shortName: u.shortName ?? '',
  kind: u.kind,
  level: u.level,
  validFrom: u.validFrom,
  ethnicContact: u.ethnicContact,
  note: u.note ?? '',
  sortOrder: String(u.sortOrder),
});

export const emptyDraft = (parent: Unit | null): UnitDraft => ({
  name: '',
  shortName: '',
  kind: parent?.kind ?? null,
  level: parent?.level ?? null,
  validFrom: null,
  ethnicContact: false,
  note: '',
  sortOrder: '',
});

/** Problems the form can see before calling; the service checks the same and more. */
export function draftErrors(d: UnitDraft): Record<string, string> {
  const e: Record<string, string> = {};
  if (!d.name.trim()) e.name = 'Tên đơn vị không được để trống.';
  if (!d.kind) e.kind = 'Hãy chọn loại đơn vị.';
  if (!d.level) e.level = 'Hãy chọn cấp đơn vị.';
  if (d.validFromError) e.validFrom = d.validFromError.replace(/^Ngày/, 'Ngày thành lập');
  if (d.sortOrder.trim() !== '' && !/^-?\d+$/.test(d.sortOrder.trim())) e.sortOrder = 'Thứ tự là một số nguyên.';
  return e;
}

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export function UnitFields({ draft, onChange, errors, idKey, showOrder }: { draft: UnitDraft; onChange(d: UnitDraft): void; errors: Record<string, string>; idKey: string; showOrder?: boolean }) {
  const set = (patch: Partial<UnitDraft>) => onChange({ ...draft, ...patch });
  return (
    <div className="form-grid">
      <div className="span-2">
        <TextInput label="Tên đơn vị" required value={draft.name} onChange={(name) => set({ name })} error={errors.name} />
      </div>
      <TextInput label="Tên viết tắt" value={draft.shortName} onChange={(shortName) => set({ shortName })} error={errors.shortName} />
      {/* Re-mounted when another unit is shown, so the typed text starts from that unit's date. */}
      <DateInput key={idKey} label="Ngày thành lập" iso={draft.validFrom} onChange={(validFrom, validFromError) => set({ validFrom, validFromError })} error={errors.validFrom} />
      <Select label="Loại đơn vị" required value={draft.kind} onChange={(kind) => set({ kind })} options={options(UNIT_KINDS)} error={errors.kind} />
      <Select label="Cấp" required value={draft.level} onChange={(level) => set({ level })} options={options(UNIT_LEVELS)} error={errors.level} />
      {showOrder && (
        <Field label="Thứ tự trong đơn vị cấp trên" error={errors.sortOrder} hint="Số nhỏ đứng trước; danh sách và báo cáo theo thứ tự này">
          {(id) => <input id={id} inputMode="numeric" value={draft.sortOrder} onChange={(e) => set({ sortOrder: e.target.value })} aria-invalid={!!errors.sortOrder} />}
        </Field>
      )}
      <label className="check span-2">
        <input type="checkbox" checked={draft.ethnicContact} onChange={(e) => set({ ethnicContact: e.target.checked })} />
        Tiếp xúc trực tiếp với đồng bào DTTS
      </label>
      <div className="span-2">
        <TextInput label="Ghi chú" multiline value={draft.note} onChange={(note) => set({ note })} error={errors.note} />
      </div>
    </div>
  );
}
