import { useState, type FormEvent } from 'react';
import { ApiError, call, errorMessage } from '../../api';
import { TextInput } from '../../components/form';
import { PASSWORD_MIN_LENGTH, type SessionUser } from '../../../../shared/api/security';
import { PasswordInput } from './PasswordInput';

/** The very first start: no account exists yet, so the person installing the app creates the administrator. */
export function SetupScreen({ onDone }: { onDone(user: SessionUser): void }) {
  const [form, setForm] = useState({ username: '', fullName: '', password: '', passwordConfirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // The same rules as the host checks, said before the round trip.
    const local: Record<string, string> = {};
    if (form.password.length < PASSWORD_MIN_LENGTH) local.password = `Mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`;
    else if (form.password !== form.passwordConfirm) local.passwordConfirm = 'Hai lần nhập mật khẩu không khớp.';
    setErrors(local);
    setMessage('');
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const r = await call('auth.setupAdmin', form);
      onDone(r.user);
    } catch (err) {
      if (err instanceof ApiError && err.kind === 'validation') setErrors(err.fieldErrors);
      setMessage(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-screen">
      <section className="auth-card" aria-label="Tạo tài khoản quản trị">
        <h1>Tạo tài khoản quản trị</h1>
        <p className="auth-sub">
          Đây là lần chạy đầu tiên. Tài khoản này quản lý người dùng, cài đặt và khôi phục dữ liệu; hãy ghi nhớ mật khẩu (ít nhất {PASSWORD_MIN_LENGTH} ký tự).
        </p>
        <form onSubmit={submit}>
          <TextInput label="Tên đăng nhập *" value={form.username} onChange={set('username')} error={errors.username} placeholder="ví dụ: quantri" />
          <TextInput label="Họ và tên *" value={form.fullName} onChange={set('fullName')} error={errors.fullName} />
          <PasswordInput label="Mật khẩu *" value={form.password} onChange={set('password')} error={errors.password} autoComplete="new-password" />
          <PasswordInput label="Nhập lại mật khẩu *" value={form.passwordConfirm} onChange={set('passwordConfirm')} error={errors.passwordConfirm} autoComplete="new-password" />
          {message && !Object.keys(errors).length && (
            <p className="error-text" role="alert">
              {message}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Đang tạo…' : 'Tạo tài khoản và bắt đầu'}
          </button>
        </form>
      </section>
    </div>
  );
}
