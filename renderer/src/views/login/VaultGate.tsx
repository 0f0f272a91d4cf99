import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { call, errorMessage } from '../../api';
import { DATA_SECRET_MIN_LENGTH, type VaultStatus } from '../../../../shared/api/vault';
import { PasswordInput } from './PasswordInput';
import { Field, useFormSubmit } from '../../components/form';
import './login.css';

/**
 * Before anything else: is the data open? An encrypted database that this PC cannot open by itself (the web host,
 * another PC, or no OS key store) shows "Mở khoá dữ liệu"; then the usual sign-in (AuthGate) follows.
 */
export function VaultGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [error, setError] = useState('');
  const check = useCallback(async () => {
    try {
      setStatus(await call('vault.status', {}));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => void check(), [check]);

  if (error) {
    return (
      <p className="view-padded error-text" role="alert">
        {error}
      </p>
    );
  }
  if (!status) return <p className="view-padded">Đang tải…</p>;
  if (status.state === 'open') return <>{children}</>;
  return <UnlockScreen retryAfterSeconds={status.retryAfterSeconds} onOpen={() => void check()} />;
}

type Step = { kind: 'secret' } | { kind: 'recovery' } | { kind: 'new-secret'; ticket: string };

export function UnlockScreen({ onOpen, retryAfterSeconds = 0 }: { onOpen(): void; retryAfterSeconds?: number }) {
  const [step, setStep] = useState<Step>({ kind: 'secret' });
  const [secret, setSecret] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [message, setMessage] = useState(retryAfterSeconds > 0 ? `Đã nhập sai nhiều lần. Hãy chờ ${retryAfterSeconds} giây rồi thử lại.` : '');
  const [busy, setBusy] = useState(false);

  const unlock = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage('');
    try {
      const r = await call('vault.unlock', step.kind === 'recovery' ? { recoveryKey } : { secret });
      if (r.state === 'new_secret_required' && r.resetTicket) setStep({ kind: 'new-secret', ticket: r.resetTicket });
      else onOpen();
    } catch (err) {
      setSecret('');
      setMessage(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (step.kind === 'new-secret') return <NewSecretScreen ticket={step.ticket} onDone={onOpen} />;
  return (
    <div className="auth-screen">
      <section className="auth-card" aria-label="Mở khoá dữ liệu">
        <h1>Mở khoá dữ liệu</h1>
        {step.kind === 'secret' ? (
          <p className="auth-sub">
            Dữ liệu cán bộ được mã hoá. Hãy nhập <b>mật khẩu dữ liệu</b> do quản trị viên đặt khi bật mã hoá (khác với mật khẩu đăng nhập).
          </p>
        ) : (
          <p className="auth-sub">Nhập khoá khôi phục đã ghi lại khi bật mã hoá (8 nhóm, mỗi nhóm 4 ký tự). Sau đó bạn phải đặt mật khẩu dữ liệu mới.</p>
        )}
        <form onSubmit={unlock}>
          {step.kind === 'secret' ? (
            <PasswordInput label="Mật khẩu dữ liệu" value={secret} onChange={setSecret} autoComplete="current-password" autoFocus />
          ) : (
            <Field label="Khoá khôi phục">
              {(id) => (
                <input id={id} value={recoveryKey} onChange={(e) => setRecoveryKey(e.target.value)} placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX" autoComplete="off" spellCheck={false} maxLength={100} autoFocus />
              )}
            </Field>
          )}
          {message && (
            <p className="error-text" role="alert">
              {message}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Đang mở khoá…' : 'Mở khoá'}
          </button>
        </form>
        <p className="auth-alt">
          {step.kind === 'secret' ? (
            <button type="button" className="link" onClick={() => (setStep({ kind: 'recovery' }), setMessage(''))}>
              Quên mật khẩu dữ liệu? Dùng khoá khôi phục
            </button>
          ) : (
            <button type="button" className="link" onClick={() => (setStep({ kind: 'secret' }), setMessage(''))}>
              Quay lại nhập mật khẩu dữ liệu
            </button>
          )}
        </p>
      </section>
    </div>
  );
}

/** After a recovery-key unlock: the forgotten secret is replaced before anything else. */
function NewSecretScreen({ ticket, onDone }: { ticket: string; onDone(): void }) {
  const [form, setForm] = useState({ secret: '', secretConfirm: '' });
  const { errors, message, busy, submit } = useFormSubmit(() => call('vault.setNewSecret', { resetTicket: ticket, ...form }), {
    check: () => checkNewSecret(form),
    done: onDone,
  });
  return (
    <div className="auth-screen">
      <section className="auth-card" aria-label="Đặt mật khẩu dữ liệu mới">
        <h1>Đặt mật khẩu dữ liệu mới</h1>
        <p className="auth-sub">Khoá khôi phục đúng. Hãy đặt mật khẩu dữ liệu mới thay cho mật khẩu đã quên; mật khẩu cũ sẽ không dùng được nữa. Khoá khôi phục vẫn giữ nguyên.</p>
        <form onSubmit={submit}>
          <PasswordInput label="Mật khẩu dữ liệu mới" value={form.secret} onChange={(v) => setForm((f) => ({ ...f, secret: v }))} error={errors.secret} autoComplete="new-password" autoFocus />
          <PasswordInput label="Nhập lại mật khẩu dữ liệu mới" value={form.secretConfirm} onChange={(v) => setForm((f) => ({ ...f, secretConfirm: v }))} error={errors.secretConfirm} autoComplete="new-password" />
          {message && (
            <p className="error-text" role="alert">
              {message}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Đang lưu…' : 'Lưu mật khẩu dữ liệu mới'}
          </button>
        </form>
      </section>
    </div>
  );
}

/** The same rules the host checks, said before the round trip. */
export function checkNewSecret(form: { secret: string; secretConfirm: string }): Record<string, string> {
  if (form.secret.length < DATA_SECRET_MIN_LENGTH) return { secret: `Mật khẩu dữ liệu cần ít nhất ${DATA_SECRET_MIN_LENGTH} ký tự.` };
  if (form.secret !== form.secretConfirm) return { secretConfirm: 'Hai lần nhập mật khẩu dữ liệu không khớp.' };
  return {};
}
