import { Field } from '../../components/form';

/** A password box with its label and error; the browser may offer to save it under the given autocomplete hint. */
export function PasswordInput({ label, value, onChange, error, autoComplete, autoFocus }: { label: string; value: string; onChange(v: string): void; error?: string; autoComplete: 'current-password' | 'new-password'; autoFocus?: boolean }) {
  return (
    <Field label={label} error={error}>
      {(id) => <input id={id} type="password" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={!!error} autoComplete={autoComplete} autoFocus={autoFocus} maxLength={256} />}
    </Field>
  );
}
