import { useState } from 'react';
import { ApiError, call } from '../../api';
import type { CadreRow } from '../../../../shared/api/cadres';
import { CADRE_CATEGORIES, SEXES } from '../../../../shared/domain/codes';
import { todayIso } from '../../../../shared/domain/dates';
import { Modal } from '../../components/Modal';
import { DateInput, Select, TextInput, UnitSelect } from '../../components/form';
import { useReference } from '../../data/reference';

const opts = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The few fields a new record needs; the rest is typed in the grid or the detail panel. */
export function NewCadreDialog({ onClose, onCreated }: { onClose(): void; onCreated(row: CadreRow): void }) {
  const ref = useReference();
  const [fullName, setFullName] = useState('');
  const [sex, setSex] = useState<string | null>(null);
  const [birthDate, setBirthDate] = useState<string | null>(null);
  const [ethnicity, setEthnicity] = useState<string | null>('kinh');
  const [category, setCategory] = useState<string | null>('cong_chuc');
  const [unitId, setUnitId] = useState<number | null>(null);
  const [postTitle, setPostTitle] = useState('');
  const [fromDate, setFromDate] = useState<string | null>(todayIso());
  const [dateErrors, setDateErrors] = useState<Record<string, string | undefined>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const local: Record<string, string> = {};
    if (!fullName.trim()) local['fields.fullName'] = 'Họ và tên không được để trống.';
    if (!sex) local['fields.sex'] = 'Hãy chọn giới tính.';
    if (!category) local['fields.category'] = 'Hãy chọn loại cán bộ.';
    if (unitId && !fromDate) local['assignment.fromDate'] = 'Hãy nhập ngày bắt đầu công tác tại đơn vị.';
    for (const [k, v] of Object.entries(dateErrors)) if (v) local[k] = v;
    setErrors(local);
    if (Object.keys(local).length) {
      setMessage('Hãy sửa các ô được đánh dấu.');
      return;
    }
    setBusy(true);
    try {
      const row = await call('cadres.create', {
        fields: { fullName, sex: sex as 'nam' | 'nu', birthDate, ethnicity, category: category as 'can_bo' },
        assignment: unitId ? { unitId, postTitle, fromDate: fromDate! } : undefined,
      });
      onCreated(row);
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(e.fieldErrors);
        setMessage(e.message);
      } else setMessage('Không lưu được hồ sơ.');
    } finally {
      setBusy(false);
    }
  };
  const err = (k: string) => errors[`fields.${k}`] ?? errors[k];
  return (
    <Modal
      title="Thêm cán bộ"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Huỷ
          </button>
          <button type="button" className="primary" onClick={submit} disabled={busy}>
            Lưu
          </button>
        </>
      }
    >
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextInput label="Họ và tên" required value={fullName} onChange={setFullName} error={err('fullName')} />
        <Select label="Giới tính" required value={sex} onChange={setSex} options={opts(SEXES)} error={err('sex')} />
        <DateInput label="Ngày sinh" allowPartial iso={birthDate} onChange={(v, e) => (setBirthDate(v), setDateErrors((d) => ({ ...d, 'fields.birthDate': e })))} error={err('birthDate')} />
        <Select label="Dân tộc" value={ethnicity} onChange={setEthnicity} options={ref.list('ethnicity').map((c) => ({ value: c.key, label: c.name }))} error={err('ethnicity')} />
        <Select label="Loại" required value={category} onChange={setCategory} options={opts(CADRE_CATEGORIES)} error={err('category')} />
        <UnitSelect label="Đơn vị công tác" value={unitId} onChange={setUnitId} error={errors['assignment.unitId']} />
        <TextInput label="Chức vụ" value={postTitle} onChange={setPostTitle} error={errors['assignment.postTitle']} />
        <DateInput label="Công tác tại đơn vị từ ngày" iso={fromDate} onChange={(v, e) => (setFromDate(v), setDateErrors((d) => ({ ...d, 'assignment.fromDate': e })))} error={errors['assignment.fromDate']} />
        <button type="submit" hidden />
      </form>
      {message && (
        <p className="error-text" role="alert">
          {message}
        </p>
      )}
    </Modal>
  );
}
