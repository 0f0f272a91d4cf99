import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { call, errorMessage } from '../../api';
import type { RuleSetRow } from '../../../../shared/api/training';
import { CADRE_CATEGORIES } from '../../../../shared/domain/codes';
import type { SaveItem, SaveKind } from '../../grid/useEditableGrid';
import { Modal } from '../../components/Modal';
import { DateInput, TextInput } from '../../components/form';
import { useNotify } from '../../components/notify';
import { EditableGrid, type EditableGridHandle } from './EditableGrid';
import { ruleFieldSpecs } from './trainingFields';
import { useIsAdmin } from '../login/session';

// The dated rule sets for state-funded postgraduate study, editable like a spreadsheet (administrators).

export function RulesTab() {
  const notify = useNotify();
  // The host lets only administrators change these rules.
  const isAdmin = useIsAdmin();
  const [rows, setRows] = useState<RuleSetRow[] | null>(null);
  const [adding, setAdding] = useState(false);
  const grid = useRef<EditableGridHandle<RuleSetRow>>(null);
  const load = useCallback(() => call('training.rules.list', {}).then(setRows, (e) => notify('error', errorMessage(e))), [notify]);
  useEffect(() => void load(), [load]);
  const fields = useMemo(() => ruleFieldSpecs(), []);
  const layout = useMemo(() => fields.map((f) => f.colId), [fields]);
  const save = useCallback(async (items: SaveItem[], kind: SaveKind) => {
    // Rule sets are edited one by one: each change is checked against the others' dates.
    const out: RuleSetRow[] = [];
    for (const i of items) out.push(await call('training.rules.update', i as any));
    if (kind === 'paste' && items.length > 1) notify('info', 'Mỗi bộ quy định được lưu riêng để kiểm tra trùng thời gian hiệu lực.');
    return out;
  }, [notify]);
  const remove = async () => {
    const f = grid.current?.api()?.getFocusedCell();
    const node = f ? grid.current?.api()?.getDisplayedRowAtIndex(f.rowIndex) : null;
    if (!node?.data) return notify('info', 'Hãy chọn một dòng.');
    if (!window.confirm(`Xoá "${node.data.name}"? Các cam kết đang tính theo văn bản này sẽ không còn được tính.`)) return;
    try {
      await call('training.rules.delete', { id: node.data.id, version: node.data.version });
      await load();
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };
  return (
    <div className="training-rules">
      <div className="toolbar">
        <span className="muted">Quy định về cam kết phục vụ và giới hạn tuổi khi cử đi đào tạo sau đại học. Văn bản mới: thêm dòng mới và đặt ngày hết hiệu lực cho văn bản cũ.</span>
        <span className="spacer" />
        {isAdmin && (
          <>
            <button type="button" className="primary" onClick={() => setAdding(true)}>
              + Thêm văn bản
            </button>
            <button type="button" onClick={remove}>
              Xoá
            </button>
          </>
        )}
      </div>
      <EditableGrid<RuleSetRow> testId="rule-grid" readOnly={!isAdmin} handle={grid} rows={rows} fields={fields} layout={layout} save={save} rowLabel={(r) => r.name} pinnedColId="name" />
      {adding && <NewRuleDialog onClose={() => setAdding(false)} onCreated={() => (setAdding(false), void load())} />}
    </div>
  );
}

function NewRuleDialog({ onClose, onCreated }: { onClose(): void; onCreated(): void }) {
  const notify = useNotify();
  const [name, setName] = useState('');
  const [categories, setCategories] = useState<string[]>(['can_bo', 'cong_chuc']);
  const [validFrom, setValidFrom] = useState<string | null>(null);
  const [validTo, setValidTo] = useState<string | null>(null);
  const [multiplier, setMultiplier] = useState('3');
  const [firstAge, setFirstAge] = useState('40');
  const [laterAge, setLaterAge] = useState('45');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const num = (s: string) => (s.trim() === '' ? null : Number(s.replace(',', '.')));
  const submit = async () => {
    try {
      await call('training.rules.create', {
        fields: { name, categories: categories as any, validFrom: validFrom ?? '', validTo, commitmentMultiplier: num(multiplier) ?? NaN, firstPostgradAgeLimit: num(firstAge), laterPostgradAgeLimit: num(laterAge) },
      });
      notify('success', `Đã thêm "${name}".`);
      onCreated();
    } catch (e: any) {
      setErrors(e.fieldErrors ?? {});
      notify('error', errorMessage(e));
    }
  };
  return (
    <Modal
      title="Thêm văn bản quy định"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Huỷ
          </button>
          <button type="button" className="primary" onClick={submit}>
            Thêm
          </button>
        </>
      }
    >
      <div className="form-grid">
        <TextInput label="Tên văn bản" value={name} onChange={setName} required error={errors.name} />
        <fieldset className="field">
          <legend>Áp dụng cho</legend>
          {Object.entries(CADRE_CATEGORIES).map(([k, v]) => (
            <label key={k} className="check">
              <input type="checkbox" checked={categories.includes(k)} onChange={(e) => setCategories(e.target.checked ? [...categories, k] : categories.filter((c) => c !== k))} /> {v}
            </label>
          ))}
          {errors.categories && <small className="error-text">{errors.categories}</small>}
        </fieldset>
        <DateInput label="Hiệu lực từ ngày" iso={validFrom} onChange={setValidFrom} required error={errors.validFrom} />
        <DateInput label="Hết hiệu lực ngày" iso={validTo} onChange={setValidTo} error={errors.validTo} />
        <TextInput label="Hệ số cam kết (số lần thời gian đào tạo)" value={multiplier} onChange={setMultiplier} required error={errors.commitmentMultiplier} />
        <span />
        <TextInput label="Tuổi tối đa lần đầu học sau đại học" value={firstAge} onChange={setFirstAge} error={errors.firstPostgradAgeLimit} />
        <TextInput label="Tuổi tối đa các lần sau" value={laterAge} onChange={setLaterAge} error={errors.laterPostgradAgeLimit} />
      </div>
    </Modal>
  );
}
