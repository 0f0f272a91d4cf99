import { useState } from 'react';
import { useFocusFirst } from './useFocusFirst';
import { ApiError, call, errorMessage } from '../../../api';
import type { Qualification } from '../../../../../shared/api/cadres';
import { QUALIFICATION_CATEGORIES, levelListOf, type QualificationCategory } from '../../../../../shared/domain/codes';
import { DateInput, Select, TextInput } from '../../../components/form';
import { useReference } from '../../../data/reference';
import { LANGUAGE_CATEGORIES } from './labels';

const CATEGORY_OPTIONS = Object.entries(QUALIFICATION_CATEGORIES).map(([value, label]) => ({ value, label }));

/** A new qualification: category first, then the levels of that category. */
export function AddQualificationForm({ cadreId, onCreated, onCancel }: { cadreId: number; onCreated(q: Qualification): Promise<void> | void; onCancel(): void }) {
  const formRef = useFocusFirst<HTMLFormElement>();
  const ref = useReference();
  const [category, setCategory] = useState<string | null>('chuyen_mon');
  const [levelKey, setLevelKey] = useState<string | null>(null);
  const [field, setField] = useState('');
  const [institution, setInstitution] = useState('');
  const [awardDate, setAwardDate] = useState<string | null>(null);
  const [dateError, setDateError] = useState<string | undefined>();
  const [language, setLanguage] = useState<string | null>(null);
  const [foreignLanguage, setForeignLanguage] = useState('');
  const [fluency, setFluency] = useState<string | null>(null);
  const [certificateNo, setCertificateNo] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const levels = category ? ref.list(levelListOf(category as QualificationCategory)).map((c) => ({ value: c.key, label: c.name })) : [];
  const withLanguage = !!category && LANGUAGE_CATEGORIES.has(category);

  const submit = async () => {
    const local: Record<string, string> = {};
    if (!category) local.category = 'Hãy chọn loại văn bằng.';
    if (!levelKey) local.levelKey = 'Hãy chọn trình độ.';
    if (dateError) local.awardDate = dateError;
    setErrors(local);
    if (Object.keys(local).length) return setMessage('Chưa thêm: hãy sửa các ô được đánh dấu.');
    setBusy(true);
    try {
      const q = await call('qualifications.create', {
        cadreId,
        category: category!,
        levelKey: levelKey!,
        field,
        institution,
        awardDate,
        language: withLanguage ? (category === 'tieng_dtts' ? language : foreignLanguage.trim() || null) : null,
        fluency: withLanguage ? fluency : null,
        certificateNo,
        note,
      });
      await onCreated(q);
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors);
      setMessage(`Chưa thêm: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="inline-form add-qualification"
      ref={formRef}
      aria-label="Thêm văn bằng, chứng chỉ"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <div className="form-grid">
        <Select
          label="Loại"
          required
          value={category}
          onChange={(v) => {
            setCategory(v);
            setLevelKey(null);
          }}
          options={CATEGORY_OPTIONS}
          error={errors.category}
        />
        <Select label="Trình độ" required value={levelKey} onChange={setLevelKey} options={levels} error={errors.levelKey} />
        <TextInput label="Chuyên ngành" value={field} onChange={setField} error={errors.field} />
        <TextInput label="Cơ sở đào tạo" value={institution} onChange={setInstitution} error={errors.institution} />
        <DateInput
          label="Ngày cấp"
          allowPartial
          iso={awardDate}
          error={errors.awardDate}
          onChange={(v, err) => {
            setAwardDate(v);
            setDateError(err);
          }}
        />
        <TextInput label="Số văn bằng" value={certificateNo} onChange={setCertificateNo} error={errors.certificateNo} />
        {withLanguage &&
          (category === 'tieng_dtts' ? (
            <Select label="Tiếng dân tộc" value={language} onChange={setLanguage} options={ref.list('minority_language').map((c) => ({ value: c.key, label: c.name }))} error={errors.language} />
          ) : (
            <TextInput label="Ngoại ngữ" placeholder="Tiếng Anh" value={foreignLanguage} onChange={setForeignLanguage} error={errors.language} />
          ))}
        {withLanguage && (
          <Select label="Mức độ sử dụng" value={fluency} onChange={setFluency} options={ref.list('language_fluency').map((c) => ({ value: c.key, label: c.name }))} error={errors.fluency} />
        )}
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
          Thêm văn bằng
        </button>
      </div>
    </form>
  );
}
