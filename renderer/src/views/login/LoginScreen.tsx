import { useState, type FormEvent } from 'react';
import { ApiError, call, errorMessage } from '../../api';
import { TextInput } from '../../components/form';
import type { SessionUser } from '../../../../shared/api/security';
import { PasswordInput } from './PasswordInput';

export function LoginScreen({ onDone, notice }: { onDone(user: SessionUser): void; notice?: string }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage('');
    try {
      const r = await call('auth.login', { username, password });
      onDone(r.user);
    } catch (err) {
      setPassword('');
      if (err instanceof ApiError && err.kind === 'validation' && Object.keys(err.fieldErrors).length) setErrors(err.fieldErrors);
      else setMessage(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-screen">
      <section className="auth-card" aria-label="Đăng nhập">
        <h1>Quản lý cán bộ</h1>
        <p className="auth-sub">Đăng nhập để tiếp tục.</p>
        {notice && !message && <p className="notice">{notice}</p>}
        <form onSubmit={submit}>
          <TextInput label="Tên đăng nhập" value={username} onChange={setUsername} error={errors.username} />
          <PasswordInput label="Mật khẩu" value={password} onChange={setPassword} error={errors.password} autoComplete="current-password" />
          {message && (
            <p className="error-text" role="alert">
              {message}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
          </button>
        </form>
      </section>
    </div>
  );
}
