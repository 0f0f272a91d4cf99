import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../api';
import { formatVnDate, parseVnDate } from '../../../shared/domain/dates';
import { unitTreeOptions, useReference } from '../data/reference';

// Small form controls with the label, the value and the field's error message together, used by every form.

export function Field({ label, error, children, hint }: { label: string; error?: string; children: (id: string) => ReactNode; hint?: string }) {
  const id = useId();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && !error && <small className="hint">{hint}</small>}
      {error && (
        <small className="error-text" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

export function TextInput({ label, value, onChange, error, required, placeholder, multiline }: { label: string; value: string; onChange(v: string): void; error?: string; required?: boolean; placeholder?: string; multiline?: boolean }) {
  return (
    <Field label={required ? `${label} *` : label} error={error}>
      {(id) =>
        multiline ? (
          <textarea id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={!!error} rows={3} />
        ) : (
          <input id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={!!error} placeholder={placeholder} />
        )
      }
    </Field>
  );
}

/**
 * A date typed as dd/mm/yyyy. Keeps what was typed; reports the parsed ISO value (or the parse error) to the
 * parent so nothing is lost while the text is still invalid.
 */
export function DateInput({ label, iso, onChange, error, required, allowPartial }: { label: string; iso: string | null; onChange(iso: string | null, error?: string): void; error?: string; required?: boolean; allowPartial?: boolean }) {
  const [text, setText] = useState(formatVnDate(iso));
  const [localError, setLocalError] = useState<string | undefined>();
  return (
    <Field label={required ? `${label} *` : label} error={localError ?? error} hint="dd/mm/yyyy">
      {(id) => (
        <input
          id={id}
          value={text}
          placeholder="dd/mm/yyyy"
          aria-invalid={!!(localError ?? error)}
          onChange={(e) => {
            setText(e.target.value);
            const r = parseVnDate(e.target.value, { allowPartial });
            if (r.ok) {
              setLocalError(undefined);
              onChange(r.value);
            } else onChange(null, r.message);
          }}
          onBlur={() => {
            const r = parseVnDate(text, { allowPartial });
            setLocalError(r.ok ? undefined : r.message.replace(/^Ngày/, label));
            if (r.ok) setText(formatVnDate(r.value));
          }}
        />
      )}
    </Field>
  );
}

export function Select({ label, value, onChange, options, error, required, emptyLabel = '— chọn —' }: { label: string; value: string | null; onChange(v: string | null): void; options: { value: string; label: string }[]; error?: string; required?: boolean; emptyLabel?: string }) {
  return (
    <Field label={required ? `${label} *` : label} error={error}>
      {(id) => (
        <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)} aria-invalid={!!error}>
          <option value="">{emptyLabel}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A unit picker showing the tree by indentation; closed units are left out unless asked for. */
export function UnitSelect({ label, value, onChange, error, required, includeClosed, emptyLabel }: { label: string; value: number | null; onChange(v: number | null): void; error?: string; required?: boolean; includeClosed?: boolean; emptyLabel?: string }) {
  const ref = useReference();
  const options = unitTreeOptions(ref, includeClosed ? {} : { onlyActiveOn: undefined })
    .filter((o) => includeClosed || o.active)
    .map((o) => ({ value: String(o.unit.id), label: `${'\u00a0\u00a0\u00a0'.repeat(o.depth)}${o.unit.name}${o.active ? '' : ' (đã kết thúc)'}` }));
  return <Select label={label} value={value === null ? null : String(value)} onChange={(v) => onChange(v === null ? null : Number(v))} options={options} error={error} required={required} emptyLabel={emptyLabel} />;
}

/**
 * A form's submit: the checks made before the round trip, busy while the call runs, the host's field errors
 * under their fields, any other failure as `message` (or to `fail`, e.g. a notice):
 *   const { errors, busy, submit } = useFormSubmit(() => call('vault.changeSecret', form), { check, done, fail });
 *   <form onSubmit={submit}>…<button disabled={busy}>
 */
export function useFormSubmit<T>(
  send: () => Promise<T>,
  opts: { check?: () => Record<string, string>; done(result: T): void; fail?(message: string): void },
) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const local = opts.check?.() ?? {};
    setErrors(local);
    setMessage('');
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      opts.done(await send());
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length) setErrors(err.fieldErrors);
      else (opts.fail ?? setMessage)(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return { errors, message, busy, submit };
}
