import { useEffect, useRef, useState } from 'react';
import { ApiError, call, errorMessage } from '../../../api';
import type { CadreFieldName, CadreRow } from '../../../../../shared/api/cadres';
import { DateInput, Select, TextInput } from '../../../components/form';
import { useNotify } from '../../../components/notify';
import { useReference } from '../../../data/reference';
import { formatFieldValue } from '../../audit/labels';
import { CADRE_FIELD_LABELS } from './labels';
import { RECORD_FIELDS, RECORD_SECTIONS, draftChanges, draftFromRow, isFieldDirty, rebaseDraft, type Draft, type RecordField } from './recordDraft';

interface Conflict {
  /** The row as it is now in the database. */
  current: CadreRow;
  /** The changes the clerk tried to save. */
  mine: Record<string, unknown>;
}

/** Unsaved form state kept by the panel per cadre, so switching rows in the grid loses nothing typed. */
export interface DraftState {
  base: CadreRow;
  draft: Draft;
}

/**
 * The record's own fields. "Lưu" sends only the changed fields with the version read; a refusal keeps everything
 * typed and shows each reason next to its field; a conflict shows what changed meanwhile and lets the clerk choose.
 */
export function RecordForm({ row, readOnly, saved, onSaved, onDraftChange }: {
  row: CadreRow;
  readOnly: boolean;
  /** Unsaved state from an earlier visit of this cadre, if any. */
  saved?: DraftState;
  onSaved(row: CadreRow): void;
  onDraftChange(state: DraftState | null): void;
}) {
  const ref = useReference();
  const notify = useNotify();
  const [base, setBase] = useState<CadreRow>(saved?.base ?? row);
  const [draft, setDraft] = useState<Draft>(saved?.draft ?? draftFromRow(row));
  const [dateErrors, setDateErrors] = useState<Partial<Record<CadreFieldName, string>>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [busy, setBusy] = useState(false);
  // Date inputs keep the typed text themselves; a new generation re-reads the values after a reset.
  const [generation, setGeneration] = useState(0);

  const dirtyFields = RECORD_FIELDS.filter((f) => isFieldDirty(f, draft, base) || dateErrors[f.name]);
  const dirty = dirtyFields.length > 0;

  // The row moved on because of another change made in this panel (status, roles): keep the clerk's edits.
  const baseRef = useRef(base);
  baseRef.current = base;
  const draftRef = useRef(draft);
  draftRef.current = draft;
  useEffect(() => {
    const old = baseRef.current;
    if (row.id !== old.id || row.version <= old.version || conflict) return;
    const rebased = rebaseDraft(draftRef.current, old, row);
    if (!rebased) return;
    setDraft(rebased);
    setBase(row);
  }, [row, conflict]);

  const onDraftChangeRef = useRef(onDraftChange);
  onDraftChangeRef.current = onDraftChange;
  useEffect(() => {
    onDraftChangeRef.current(dirty ? { base, draft } : null);
  }, [base, draft, dirty]);

  const set = (name: CadreFieldName, value: string | null) => {
    setDraft((d) => ({ ...d, [name]: value }));
    setErrors(({ [name]: _gone, ...rest }) => rest);
  };

  const reset = (to: CadreRow) => {
    setBase(to);
    setDraft(draftFromRow(to));
    setDateErrors({});
    setErrors({});
    setMessage('');
    setConflict(null);
    setGeneration((g) => g + 1);
  };

  const save = async (version = base.version, overwrite = false) => {
    if (readOnly || busy) return;
    const { changes, errors: local } = draftChanges(draft, base, dateErrors);
    setErrors(local);
    if (Object.keys(local).length) {
      setMessage(`Chưa lưu: hãy sửa ${Object.keys(local).length} ô được đánh dấu.`);
      return;
    }
    if (Object.keys(changes).length === 0) {
      setMessage('');
      notify('info', 'Không có thay đổi nào để lưu.');
      return;
    }
    setBusy(true);
    try {
      const fresh = await call('cadres.update', { id: base.id, version, changes: changes as never });
      reset(fresh);
      onSaved(fresh);
      notify('success', overwrite ? 'Đã ghi đè bằng giá trị của bạn.' : `Đã lưu ${Object.keys(changes).length} thay đổi của hồ sơ ${fresh.fullName}.`);
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'conflict' && e.error.current) {
        setConflict({ current: e.error.current as CadreRow, mine: changes });
        setMessage('');
      } else if (e instanceof ApiError) {
        setErrors(Object.fromEntries(Object.entries(e.fieldErrors).map(([k, v]) => [k.replace(/^changes\./, ''), v])));
        setMessage(`Chưa lưu: ${e.message}`);
      } else setMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const control = (f: RecordField) => {
    const label = CADRE_FIELD_LABELS[f.name];
    const error = errors[f.name];
    const value = draft[f.name];
    switch (f.kind) {
      case 'date':
      case 'partialDate':
        return (
          <DateInput
            // Re-read when the value read changes (reset, rebase); never while the clerk types.
            key={`${f.name}-${generation}-${base[f.name] ?? ''}`}
            label={label}
            iso={value}
            allowPartial={f.kind === 'partialDate'}
            error={error}
            onChange={(iso, err) => {
              set(f.name, iso);
              setDateErrors(({ [f.name]: _gone, ...rest }) => (err ? { ...rest, [f.name]: err } : rest));
            }}
          />
        );
      case 'code':
        return <Select label={label} required={f.required} value={value} onChange={(v) => set(f.name, v)} options={f.options!(ref)} error={error} />;
      default:
        return <TextInput label={label} required={f.required} value={value ?? ''} onChange={(v) => set(f.name, v)} error={error} multiline={f.kind === 'long'} />;
    }
  };

  return (
    <form
      className="record-form"
      aria-label="Thông tin chung"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          void save();
        }
      }}
    >
      {conflict && (
        <ConflictBox
          base={base}
          conflict={conflict}
          busy={busy}
          onReload={() => {
            reset(conflict.current);
            onSaved(conflict.current);
            notify('info', 'Đã tải lại hồ sơ; thay đổi của bạn không được lưu.');
          }}
          onOverwrite={() => {
            const current = conflict.current;
            setConflict(null);
            setBase(current);
            void save(current.version, true);
          }}
        />
      )}
      {!readOnly && (
        <div className="form-actions sticky-actions">
          <span className={`form-state${message ? ' error-text' : ''}`} role={message ? 'alert' : 'status'}>
            {message || (dirty ? `Có ${dirtyFields.length} ô chưa lưu.` : 'Không có thay đổi.')}
          </span>
          <button type="button" onClick={() => reset(row.version > base.version ? row : base)} disabled={!dirty || busy}>
            Huỷ thay đổi
          </button>
          <button type="submit" className="primary" disabled={busy} title="Ctrl+S">
            Lưu
          </button>
        </div>
      )}
      <fieldset disabled={readOnly} className="record-fieldset">
        {RECORD_SECTIONS.map((s) => (
          <section key={s.title} className="record-section">
            <h3>{s.title}</h3>
            <div className="form-grid">
              {s.fields.map((f) => (
                <div key={f.name} className={`${f.wide ? 'span-2' : ''}${isFieldDirty(f, draft, base) ? ' field-dirty' : ''}`}>
                  {control(f)}
                </div>
              ))}
            </div>
          </section>
        ))}
      </fieldset>
    </form>
  );
}

/** What the clerk typed next to what is saved now, for each field either side changed. */
function ConflictBox({ base, conflict, busy, onReload, onOverwrite }: { base: CadreRow; conflict: Conflict; busy: boolean; onReload(): void; onOverwrite(): void }) {
  const ref = useReference();
  const fmt = (f: CadreFieldName, v: unknown) => formatFieldValue('cadre', f, v, ref) || '(trống)';
  const lines = RECORD_FIELDS.map((f) => f.name).filter((f) => f in conflict.mine || JSON.stringify(base[f]) !== JSON.stringify(conflict.current[f]));
  return (
    <div className="conflict-box" role="alert">
      <p>
        <b>Hồ sơ vừa được sửa ở nơi khác.</b> Thay đổi của bạn chưa được lưu và vẫn còn trong biểu mẫu.
      </p>
      <table className="simple-table">
        <thead>
          <tr>
            <th>Trường</th>
            <th>Lúc bạn mở</th>
            <th>Bạn nhập</th>
            <th>Hiện tại</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((f) => (
            <tr key={f}>
              <td>{CADRE_FIELD_LABELS[f]}</td>
              <td>{fmt(f, base[f])}</td>
              <td className="conflict-mine">{f in conflict.mine ? fmt(f, conflict.mine[f]) : '(không sửa)'}</td>
              <td className="conflict-theirs">{fmt(f, conflict.current[f])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" onClick={onReload} disabled={busy}>
          Tải lại giá trị hiện tại
        </button>
        <button type="button" className="danger" onClick={onOverwrite} disabled={busy}>
          Ghi đè bằng giá trị của tôi
        </button>
      </div>
    </div>
  );
}
