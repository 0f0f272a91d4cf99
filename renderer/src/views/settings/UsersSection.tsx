import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError, call, errorMessage } from '../../api';
import { Modal } from '../../components/Modal';
import { Select, TextInput } from '../../components/form';
import { useNotify } from '../../components/notify';
import { formatVnDate } from '../../../../shared/domain/dates';
import { ROLE_LABELS, ROLES, type RoleName, type User } from '../../../../shared/api/security';
import { useSession } from '../login/session';
import { PasswordInput } from '../login/PasswordInput';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

const formatInstant = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return `${formatVnDate(iso.slice(0, 10))} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/** Administrators: accounts, roles, disabling, password resets. */
export function UsersSection() {
  const notify = useNotify();
  const { user: me } = useSession();
  const [users, setUsers] = useState<User[] | null>(null);
  const [dialog, setDialog] = useState<{ kind: 'create' } | { kind: 'reset'; user: User } | null>(null);

  const load = useCallback(() => {
    call('users.list', {}).then(setUsers, (e) => notify('error', errorMessage(e)));
  }, [notify]);
  useEffect(load, [load]);

  const update = async (u: User, changes: { role?: RoleName; active?: boolean }) => {
    try {
      await call('users.update', { id: u.id, version: u.version, changes });
      notify('success', changes.active === false ? `Đã vô hiệu hoá tài khoản ${u.username}.` : `Đã cập nhật tài khoản ${u.username}.`);
    } catch (e) {
      notify('error', e instanceof ApiError && e.kind === 'conflict' ? 'Tài khoản vừa được người khác sửa; đã tải lại danh sách.' : errorMessage(e));
    }
    load();
  };

  return (
    <div>
      <div className="toolbar" style={{ padding: 0 }}>
        <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
          Thêm người dùng
        </button>
      </div>
      {users === null ? (
        <p>Đang tải…</p>
      ) : (
        <table className="users-table" data-testid="users-table">
          <thead>
            <tr>
              <th>Tên đăng nhập</th>
              <th>Họ và tên</th>
              <th>Vai trò</th>
              <th>Trạng thái</th>
              <th>Đăng nhập lần cuối</th>
              <th>Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-username={u.username} className={u.active ? '' : 'inactive'}>
                <td>{u.username}</td>
                <td>{u.fullName}</td>
                <td>
                  <select aria-label={`Vai trò của ${u.username}`} value={u.role} disabled={u.id === me.id} onChange={(e) => void update(u, { role: e.target.value as RoleName })}>
                    {ROLE_OPTIONS.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{!u.active ? 'Đã vô hiệu hoá' : u.lockedUntil ? <span className="status-locked">Tạm khoá đến {formatInstant(u.lockedUntil)}</span> : 'Đang hoạt động'}</td>
                <td>{formatInstant(u.lastLoginAt)}</td>
                <td className="actions">
                  {u.id !== me.id && (
                    <button type="button" onClick={() => void update(u, { active: !u.active })}>
                      {u.active ? 'Vô hiệu hoá' : 'Kích hoạt lại'}
                    </button>
                  )}
                  <button type="button" onClick={() => setDialog({ kind: 'reset', user: u })}>
                    Đặt lại mật khẩu
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog?.kind === 'create' && <CreateUserDialog onClose={() => setDialog(null)} onSaved={() => (setDialog(null), load())} />}
      {dialog?.kind === 'reset' && <ResetPasswordDialog user={dialog.user} onClose={() => setDialog(null)} onSaved={() => (setDialog(null), load())} />}
    </div>
  );
}

function useForm<T extends Record<string, string>>(initial: T) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (k: keyof T) => (v: string | null) => setForm((f) => ({ ...f, [k]: v ?? '' }));
  return { form, set, errors, setErrors, busy, setBusy };
}

function CreateUserDialog({ onClose, onSaved }: { onClose(): void; onSaved(): void }) {
  const notify = useNotify();
  const f = useForm({ username: '', fullName: '', role: 'clerk', password: '', passwordConfirm: '' });
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    f.setBusy(true);
    f.setErrors({});
    try {
      const u = await call('users.create', { ...f.form, role: f.form.role as RoleName });
      notify('success', `Đã tạo tài khoản ${u.username} (${ROLE_LABELS[u.role]}).`);
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.kind === 'validation') f.setErrors(err.fieldErrors);
      else notify('error', errorMessage(err));
    } finally {
      f.setBusy(false);
    }
  };
  return (
    <Modal
      title="Thêm người dùng"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Huỷ
          </button>
          <button type="submit" form="create-user-form" className="primary" disabled={f.busy}>
            Tạo tài khoản
          </button>
        </>
      }
    >
      <form id="create-user-form" className="settings-form" onSubmit={submit}>
        <TextInput label="Tên đăng nhập" required value={f.form.username} onChange={f.set('username')} error={f.errors.username} />
        <TextInput label="Họ và tên" required value={f.form.fullName} onChange={f.set('fullName')} error={f.errors.fullName} />
        <Select label="Vai trò" required value={f.form.role} onChange={f.set('role')} options={ROLE_OPTIONS} error={f.errors.role} />
        <PasswordInput label="Mật khẩu *" value={f.form.password} onChange={f.set('password')} error={f.errors.password} autoComplete="new-password" />
        <PasswordInput label="Nhập lại mật khẩu *" value={f.form.passwordConfirm} onChange={f.set('passwordConfirm')} error={f.errors.passwordConfirm} autoComplete="new-password" />
      </form>
    </Modal>
  );
}

function ResetPasswordDialog({ user, onClose, onSaved }: { user: User; onClose(): void; onSaved(): void }) {
  const notify = useNotify();
  const f = useForm({ password: '', passwordConfirm: '' });
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    f.setBusy(true);
    f.setErrors({});
    try {
      await call('users.resetPassword', { id: user.id, ...f.form });
      notify('success', `Đã đặt lại mật khẩu cho ${user.username}. Hãy báo mật khẩu mới cho người dùng.`);
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.kind === 'validation') f.setErrors(err.fieldErrors);
      else notify('error', errorMessage(err));
    } finally {
      f.setBusy(false);
    }
  };
  return (
    <Modal
      title={`Đặt lại mật khẩu: ${user.username}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Huỷ
          </button>
          <button type="submit" form="reset-password-form" className="primary" disabled={f.busy}>
            Đặt lại mật khẩu
          </button>
        </>
      }
    >
      <form id="reset-password-form" className="settings-form" onSubmit={submit}>
        <p>Tài khoản được mở khoá (nếu đang tạm khoá) và các phiên đăng nhập của người này kết thúc.</p>
        <PasswordInput label="Mật khẩu mới *" value={f.form.password} onChange={f.set('password')} error={f.errors.password} autoComplete="new-password" />
        <PasswordInput label="Nhập lại mật khẩu mới *" value={f.form.passwordConfirm} onChange={f.set('passwordConfirm')} error={f.errors.passwordConfirm} autoComplete="new-password" />
      </form>
    </Modal>
  );
}
