import { useState, type FormEvent } from 'react';
import { ApiError, call, errorMessage } from '../../api';
import { TextInput } from '../../components/form';
import { PASSWORD_MIN_LENGTH, type SessionUser } from '../../../../shared/api/security';
import { DATA_SECRET_MIN_LENGTH } from '../../../../shared/api/vault';
import { PasswordInput } from './PasswordInput';
import { RecoveryKeyPanel } from './RecoveryKeyPanel';
import { checkNewSecret } from './VaultGate';

/**
 * The very first start: no account exists yet, so the person installing the app creates the administrator and
 * (by default) turns encryption on with a data secret; the recovery key is then shown once.
 */
export function SetupScreen({ onDone }: { onDone(user: SessionUser): void }) {
  const [form, setForm] = useState({ username: '', fullName: '', password: '', passwordConfirm: '' });
  const [encrypt, setEncrypt] = useState(true);
  const [vault, setVault] = useState({ secret: '', secretConfirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  // Once the administrator exists: the key to show, or the encryption step to retry.
  const [user, setUser] = useState<SessionUser | null>(null);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  const turnOnEncryption = async (admin: SessionUser) => {
    try {
      const r = await call('vault.encrypt', vault);
      setRecoveryKey(r.recoveryKey);
      setUser(admin);
    } catch (err) {
      setMessage(`Đã tạo tài khoản quản trị nhưng chưa mã hoá được dữ liệu: ${errorMessage(err)}`);
      setUser(admin);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // The same rules as the host checks, said before the round trip.
    const local: Record<string, string> = {};
    if (form.password.length < PASSWORD_MIN_LENGTH) local.password = `Mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`;
    else if (form.password !== form.passwordConfirm) local.passwordConfirm = 'Hai lần nhập mật khẩu không khớp.';
    if (encrypt) Object.assign(local, checkNewSecret(vault));
    if (encrypt && !local.secret && vault.secret === form.password) local.secret = 'Hãy đặt mật khẩu dữ liệu khác mật khẩu đăng nhập.';
    setErrors(local);
    setMessage('');
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const r = await call('auth.setupAdmin', form);
      if (encrypt) await turnOnEncryption(r.user);
      else onDone(r.user);
    } catch (err) {
      if (err instanceof ApiError && err.kind === 'validation') setErrors(err.fieldErrors);
      setMessage(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (user && recoveryKey) {
    return (
      <div className="auth-screen">
        <section className="auth-card wide" aria-label="Khoá khôi phục">
          <h1>Dữ liệu đã được mã hoá</h1>
          <RecoveryKeyPanel recoveryKey={recoveryKey} onDone={() => onDone(user)} doneLabel="Bắt đầu dùng ứng dụng" />
        </section>
      </div>
    );
  }
  if (user) {
    // The administrator exists but encryption failed: say so, offer to retry or to go on (Settings can do it later).
    return (
      <div className="auth-screen">
        <section className="auth-card" aria-label="Mã hoá dữ liệu">
          <h1>Mã hoá dữ liệu</h1>
          <p className="error-text" role="alert">
            {message}
          </p>
          <button type="button" className="primary" disabled={busy} onClick={() => (setBusy(true), void turnOnEncryption(user).finally(() => setBusy(false)))}>
            Thử lại
          </button>{' '}
          <button type="button" onClick={() => onDone(user)}>
            Để sau (bật trong Cài đặt › Bảo mật dữ liệu)
          </button>
        </section>
      </div>
    );
  }

  return (
    <div className="auth-screen">
      <section className="auth-card wide" aria-label="Tạo tài khoản quản trị">
        <h1>Tạo tài khoản quản trị</h1>
        <p className="auth-sub">
          Đây là lần chạy đầu tiên. Tài khoản này quản lý người dùng, cài đặt và khôi phục dữ liệu; hãy ghi nhớ mật khẩu (ít nhất {PASSWORD_MIN_LENGTH} ký tự).
        </p>
        <form onSubmit={submit}>
          <TextInput label="Tên đăng nhập *" value={form.username} onChange={set('username')} error={errors.username} placeholder="ví dụ: quantri" />
          <TextInput label="Họ và tên *" value={form.fullName} onChange={set('fullName')} error={errors.fullName} />
          <PasswordInput label="Mật khẩu *" value={form.password} onChange={set('password')} error={errors.password} autoComplete="new-password" />
          <PasswordInput label="Nhập lại mật khẩu *" value={form.passwordConfirm} onChange={set('passwordConfirm')} error={errors.passwordConfirm} autoComplete="new-password" />
          <fieldset>
            <legend>
              <label className="checkbox">
                <input type="checkbox" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} /> Mã hoá dữ liệu (khuyên dùng)
              </label>
            </legend>
            <p className="hint">
              Hồ sơ cán bộ là dữ liệu mật: khi mã hoá, ai lấy được tệp dữ liệu hoặc bản sao lưu (ổ USB, máy hỏng đem sửa) cũng không đọc được. Trên máy
              này ứng dụng tự mở dữ liệu; <b>mật khẩu dữ liệu</b> chỉ cần khi chuyển sang máy khác hoặc khôi phục. Sau bước này ứng dụng hiện một{' '}
              <b>khoá khôi phục</b> (dùng khi quên mật khẩu dữ liệu): hãy giữ cả hai ở nơi an toàn. Mất cả hai thì không ai mở được dữ liệu.
            </p>
            {encrypt && (
              <>
                <PasswordInput label={`Mật khẩu dữ liệu * (ít nhất ${DATA_SECRET_MIN_LENGTH} ký tự, khác mật khẩu đăng nhập)`} value={vault.secret} onChange={(v) => setVault((f) => ({ ...f, secret: v }))} error={errors.secret} autoComplete="new-password" />
                <PasswordInput label="Nhập lại mật khẩu dữ liệu *" value={vault.secretConfirm} onChange={(v) => setVault((f) => ({ ...f, secretConfirm: v }))} error={errors.secretConfirm} autoComplete="new-password" />
              </>
            )}
          </fieldset>
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
