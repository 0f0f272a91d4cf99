import { useCallback, useEffect, useState } from 'react';
import { call, errorMessage } from '../../api';
import { useNotify } from '../../components/notify';
import { useFormSubmit } from '../../components/form';
import type { VaultStatus } from '../../../../shared/api/vault';
import { DATA_SECRET_MIN_LENGTH } from '../../../../shared/api/vault';
import { PasswordInput } from '../login/PasswordInput';
import { RecoveryKeyPanel } from '../login/RecoveryKeyPanel';
import { checkNewSecret } from '../login/VaultGate';

/**
 * Bảo mật dữ liệu (administrator): whether the data is encrypted; "Mã hoá dữ liệu" for data from an earlier
 * version; changing the data secret; a new recovery key (shown once).
 */
export default function SecuritySection() {
  const notify = useNotify();
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setStatus(await call('vault.status', {}));
    } catch (e) {
      notify('error', errorMessage(e));
    }
  }, [notify]);
  useEffect(() => void load(), [load]);

  if (!status) return <p>Đang tải…</p>;
  if (recoveryKey) {
    return (
      <section className="settings-section" aria-label="Khoá khôi phục">
        <RecoveryKeyPanel recoveryKey={recoveryKey} onDone={() => (setRecoveryKey(null), void load())} doneLabel="Xong" />
      </section>
    );
  }
  return (
    <section className="settings-section" aria-label="Bảo mật dữ liệu">
      <h2>Mã hoá dữ liệu</h2>
      {status.encrypted ? (
        <>
          <p data-testid="encryption-status">
            <b>Dữ liệu đang được mã hoá</b> (SQLCipher 4, khoá 256 bit); các bản sao lưu cũng được mã hoá bằng cùng khoá.{' '}
            {status.deviceUnlock
              ? 'Máy này tự mở dữ liệu khi khởi động; mật khẩu dữ liệu chỉ cần khi chuyển sang máy khác hoặc khôi phục.'
              : 'Mỗi lần khởi động, ứng dụng hỏi mật khẩu dữ liệu.'}
          </p>
          <ChangeSecretForm onChanged={() => notify('success', 'Đã đổi mật khẩu dữ liệu. Hãy dùng mật khẩu mới từ nay; các bản sao lưu cũ mở được bằng mật khẩu mới.')} />
          <NewRecoveryKeyForm onMade={setRecoveryKey} />
        </>
      ) : (
        <EncryptForm onDone={setRecoveryKey} />
      )}
    </section>
  );
}

function EncryptForm({ onDone }: { onDone(recoveryKey: string): void }) {
  const notify = useNotify();
  const [form, setForm] = useState({ secret: '', secretConfirm: '' });
  const { errors, busy, submit } = useFormSubmit(() => call('vault.encrypt', form), {
    check: () => checkNewSecret(form),
    done: (r) => (notify('success', 'Đã mã hoá dữ liệu và các bản sao lưu trong thư mục sao lưu.'), onDone(r.recoveryKey)),
    fail: (m) => notify('error', m),
  });
  return (
    <>
      <p data-testid="encryption-status">
        <b>Dữ liệu chưa được mã hoá.</b> Ai lấy được tệp dữ liệu hoặc một bản sao lưu đều đọc được hồ sơ cán bộ. Khi bật mã hoá, ứng dụng sao lưu dữ liệu
        trước, mã hoá tệp dữ liệu và mọi bản sao lưu trong thư mục sao lưu, rồi hiện <b>khoá khôi phục</b> một lần duy nhất. Bản sao lưu đã chép ra nơi
        khác (ổ USB) trước đây vẫn không mã hoá: hãy xoá chúng sau khi sao lưu lại.
      </p>
      <form className="settings-form" onSubmit={submit} aria-label="Bật mã hoá dữ liệu">
        <PasswordInput label={`Mật khẩu dữ liệu (ít nhất ${DATA_SECRET_MIN_LENGTH} ký tự)`} value={form.secret} onChange={(v) => setForm((f) => ({ ...f, secret: v }))} error={errors.secret} autoComplete="new-password" />
        <PasswordInput label="Nhập lại mật khẩu dữ liệu" value={form.secretConfirm} onChange={(v) => setForm((f) => ({ ...f, secretConfirm: v }))} error={errors.secretConfirm} autoComplete="new-password" />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Đang mã hoá…' : 'Mã hoá dữ liệu'}
        </button>
      </form>
    </>
  );
}

const EMPTY_CHANGE = { currentSecret: '', secret: '', secretConfirm: '' };

function ChangeSecretForm({ onChanged }: { onChanged(): void }) {
  const notify = useNotify();
  const [form, setForm] = useState(EMPTY_CHANGE);
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const { errors, busy, submit } = useFormSubmit(() => call('vault.changeSecret', form), {
    check: () => checkNewSecret(form),
    done: () => (setForm(EMPTY_CHANGE), onChanged()),
    fail: (m) => notify('error', m),
  });
  return (
    <form className="settings-form" onSubmit={submit} aria-label="Đổi mật khẩu dữ liệu">
      <h3>Đổi mật khẩu dữ liệu</h3>
      <PasswordInput label="Mật khẩu dữ liệu hiện tại" value={form.currentSecret} onChange={set('currentSecret')} error={errors.currentSecret} autoComplete="current-password" />
      <PasswordInput label="Mật khẩu dữ liệu mới" value={form.secret} onChange={set('secret')} error={errors.secret} autoComplete="new-password" />
      <PasswordInput label="Nhập lại mật khẩu dữ liệu mới" value={form.secretConfirm} onChange={set('secretConfirm')} error={errors.secretConfirm} autoComplete="new-password" />
      <button type="submit" disabled={busy}>
        Đổi mật khẩu dữ liệu
      </button>
    </form>
  );
}

function NewRecoveryKeyForm({ onMade }: { onMade(recoveryKey: string): void }) {
  const notify = useNotify();
  const [currentSecret, setCurrentSecret] = useState('');
  const { errors, busy, submit } = useFormSubmit(() => call('vault.newRecoveryKey', { currentSecret }), {
    done: (r) => (setCurrentSecret(''), onMade(r.recoveryKey)),
    fail: (m) => notify('error', m),
  });
  return (
    <form className="settings-form" onSubmit={submit} aria-label="Tạo khoá khôi phục mới">
      <h3>Tạo khoá khôi phục mới</h3>
      <p className="hint">Khi khoá khôi phục cũ bị lộ hoặc thất lạc: khoá mới được hiện một lần, khoá cũ không dùng được nữa.</p>
      <PasswordInput label="Mật khẩu dữ liệu hiện tại" value={currentSecret} onChange={setCurrentSecret} error={errors.currentSecret} autoComplete="current-password" />
      <button type="submit" disabled={busy}>
        Tạo khoá khôi phục mới
      </button>
    </form>
  );
}
