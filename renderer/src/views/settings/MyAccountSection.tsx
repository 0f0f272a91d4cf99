import { useState, type FormEvent } from 'react';
import { ApiError, call, errorMessage } from '../../api';
import { useNotify } from '../../components/notify';
import { PASSWORD_MIN_LENGTH, ROLE_LABELS } from '../../../../shared/api/security';
import { useSession } from '../login/session';
import { PasswordInput } from '../login/PasswordInput';

const EMPTY = { currentPassword: '', password: '', passwordConfirm: '' };

/** Who I am, and changing my own password (other sessions of my account end). */
export function MyAccountSection() {
  const { user } = useSession();
  const notify = useNotify();
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await call('auth.changePassword', form);
      setForm(EMPTY);
      notify('success', 'Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản này đã kết thúc.');
    } catch (err) {
      if (err instanceof ApiError && err.kind === 'validation') setErrors(err.fieldErrors);
      else notify('error', errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <p>
        Đăng nhập với tên <b>{user.username}</b> ({user.fullName}), vai trò <b>{ROLE_LABELS[user.role]}</b>.
      </p>
      {user.id === null ? (
        <p>Phiên này không gắn với tài khoản nào nên không đổi mật khẩu được.</p>
      ) : (
        <form className="settings-form" onSubmit={submit} aria-label="Đổi mật khẩu">
          <h2>Đổi mật khẩu</h2>
          <PasswordInput label="Mật khẩu hiện tại" value={form.currentPassword} onChange={set('currentPassword')} error={errors.currentPassword} autoComplete="current-password" />
          <PasswordInput label={`Mật khẩu mới (ít nhất ${PASSWORD_MIN_LENGTH} ký tự)`} value={form.password} onChange={set('password')} error={errors.password} autoComplete="new-password" />
          <PasswordInput label="Nhập lại mật khẩu mới" value={form.passwordConfirm} onChange={set('passwordConfirm')} error={errors.passwordConfirm} autoComplete="new-password" />
          <div>
            <button type="submit" className="primary" disabled={busy}>
              Đổi mật khẩu
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
