import { useState } from 'react';

/**
 * The recovery key, shown once: in groups to copy by hand, with a print button. "Tiếp tục" waits for "Tôi đã ghi
 * lại…", because the app can never show this key again and it is the only way back in if the data secret is lost.
 */
export function RecoveryKeyPanel({ recoveryKey, onDone, doneLabel = 'Tiếp tục' }: { recoveryKey: string; onDone(): void; doneLabel?: string }) {
  const [confirmed, setConfirmed] = useState(false);
  const print = () => {
    document.body.classList.add('printing-recovery-key');
    window.addEventListener('afterprint', () => document.body.classList.remove('printing-recovery-key'), { once: true });
    window.print();
  };
  return (
    <div className="recovery-panel" data-testid="recovery-panel">
      <div className="recovery-sheet">
        <h2>Khoá khôi phục dữ liệu</h2>
        <p>
          Dùng khoá này để mở dữ liệu khi quên <b>mật khẩu dữ liệu</b>. Ứng dụng <b>chỉ hiện khoá một lần</b>: hãy chép tay hoặc in ra, cất nơi an toàn
          (ví dụ tủ hồ sơ có khoá), tách khỏi máy tính. Ai có khoá này và tệp dữ liệu thì đọc được dữ liệu.
        </p>
        <p className="recovery-key" data-testid="recovery-key" aria-label="Khoá khôi phục">
          {recoveryKey.split('-').map((g, i) => (
            <span key={i}>{g}</span>
          ))}
        </p>
        <p className="recovery-note">Ngày tạo: {new Date().toLocaleDateString('vi-VN')}. Chữ O và số 0, chữ I và số 1 được coi là một khi nhập.</p>
      </div>
      <div className="recovery-actions">
        <button type="button" onClick={print}>
          In khoá khôi phục
        </button>
        <label className="checkbox">
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> Tôi đã ghi lại (hoặc in) khoá khôi phục và cất ở nơi an toàn
        </label>
        <button type="button" className="primary" disabled={!confirmed} onClick={onDone}>
          {doneLabel}
        </button>
      </div>
    </div>
  );
}
