import { useCallback, useEffect, useState } from 'react';
import { ApiError, call, errorMessage } from '../../api';
import type { BackupFile, BackupSettings } from '../../../../shared/api/backups';
import { useNotify } from '../../components/notify';
import { Modal } from '../../components/Modal';
import { useCanWrite, useIsAdmin } from '../login/session';

const KIND_LABELS: Record<string, string> = {
  auto: 'Tự động hằng ngày',
  manual: 'Sao lưu thủ công',
  pre_migration: 'Trước khi cập nhật phiên bản',
  pre_import: 'Trước khi nhập dữ liệu',
  pre_restore: 'Trước khi khôi phục',
  other: 'Khác',
};

const formatSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB` : `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('vi-VN')} KB`;
const formatTime = (iso: string) => new Date(iso).toLocaleString('vi-VN', { dateStyle: 'short', timeStyle: 'short' });

/** Sao lưu và khôi phục: last backup, "Sao lưu ngay" (optionally to a USB folder), retention, restore. */
export default function BackupSection() {
  const notify = useNotify();
  // Backing up is a clerk's write; retention and restore are the administrator's. Viewers see the list only.
  const canWrite = useCanWrite();
  const isAdmin = useIsAdmin();
  const [overview, setOverview] = useState<{ folder: string; files: BackupFile[]; settings: BackupSettings; databaseSize: number } | null>(null);
  const [folder, setFolder] = useState('');
  const [folderError, setFolderError] = useState('');
  const [busy, setBusy] = useState(false);
  const [settings, setSettings] = useState<BackupSettings | null>(null);
  const [restoring, setRestoring] = useState<BackupFile | null>(null);

  const load = useCallback(async () => {
    try {
      const o = await call('backups.list', {});
      setOverview(o);
      setSettings(o.settings);
    } catch (e) {
      notify('error', errorMessage(e));
    }
  }, [notify]);
  useEffect(() => void load(), [load]);

  const backupNow = async () => {
    setBusy(true);
    setFolderError('');
    try {
      const made = await call('backups.create', { folder: folder.trim() || undefined });
      notify('success', `Đã sao lưu: ${made.path} (${formatSize(made.size)}).`);
      await load();
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.folder) setFolderError(e.message);
      else notify('error', errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const saveSettings = async () => {
    if (!settings) return;
    try {
      setSettings(await call('backups.saveSettings', settings));
      notify('success', 'Đã lưu cài đặt sao lưu.');
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };
  const restore = async () => {
    if (!restoring) return;
    setBusy(true);
    try {
      const r = await call('backups.restore', { path: restoring.path });
      setRestoring(null);
      notify('success', `Đã khôi phục từ ${restoring.name}. Dữ liệu trước khi khôi phục được giữ ở ${r.safetyCopy.name}. Ứng dụng sẽ tải lại.`);
      setTimeout(() => window.location.reload(), 1500);
    } catch (e) {
      notify('error', errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (!overview || !settings) return <p>Đang tải…</p>;
  const last = overview.files[0];
  return (
    <section className="settings-section" aria-label="Sao lưu và khôi phục">
      <h2>Sao lưu và khôi phục</h2>
      <p>
        Bản sao lưu gần nhất:{' '}
        <b data-testid="last-backup">{last ? `${formatTime(last.modifiedAt)} — ${KIND_LABELS[last.kind] ?? last.kind} (${formatSize(last.size)})` : 'chưa có'}</b>
        . Dung lượng cơ sở dữ liệu: {formatSize(overview.databaseSize)}. Thư mục sao lưu: <code>{overview.folder}</code>
      </p>
      {canWrite && (
        <div className="backup-now" style={{ display: 'flex', gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' }}>
          <div className="field" style={{ minWidth: 420 }}>
            <label htmlFor="backup-folder">Sao lưu vào thư mục khác (ví dụ ổ USB), để trống nếu dùng thư mục mặc định</label>
            <input id="backup-folder" value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="E:\SaoLuu" aria-invalid={!!folderError} />
            {folderError && (
              <small className="error-text" role="alert">
                {folderError}
              </small>
            )}
          </div>
          <button type="button" className="primary" onClick={backupNow} disabled={busy}>
            Sao lưu ngay
          </button>
        </div>
      )}
      <p className="hint">
        Khi dữ liệu đã mã hoá, mọi bản sao lưu cũng được mã hoá. Sao lưu vào thư mục khác sẽ chép kèm tệp khoá (<code>.keys.json</code>, cùng tên bản
        sao lưu): giữ hai tệp đi cùng nhau; trên máy khác cần thêm mật khẩu dữ liệu hoặc khoá khôi phục để mở.
      </p>
      <h3>Tự động sao lưu</h3>
      <p>Mỗi ngày một bản khi mở ứng dụng; thêm một bản trước mỗi lần cập nhật phiên bản, nhập dữ liệu hàng loạt và khôi phục.</p>
      <div style={{ display: 'flex', gap: 12, alignItems: 'flex-end' }}>
        <div className="field">
          <label htmlFor="daily-keep">Giữ số bản hằng ngày</label>
          <input id="daily-keep" type="number" disabled={!isAdmin} min={1} max={365} value={settings.dailyKeep} onChange={(e) => setSettings({ ...settings, dailyKeep: Number(e.target.value) })} />
        </div>
        <div className="field">
          <label htmlFor="monthly-keep">Giữ số bản hằng tháng</label>
          <input id="monthly-keep" type="number" disabled={!isAdmin} min={0} max={120} value={settings.monthlyKeep} onChange={(e) => setSettings({ ...settings, monthlyKeep: Number(e.target.value) })} />
        </div>
        {isAdmin && (
          <button type="button" onClick={saveSettings}>
            Lưu cài đặt
          </button>
        )}
      </div>
      <h3>Các bản sao lưu</h3>
      <table className="simple-table" data-testid="backup-list">
        <thead>
          <tr>
            <th>Thời điểm</th>
            <th>Loại</th>
            <th>Tệp</th>
            <th>Dung lượng</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {overview.files.map((f) => (
            <tr key={f.path}>
              <td>{formatTime(f.modifiedAt)}</td>
              <td>{KIND_LABELS[f.kind] ?? f.kind}</td>
              <td>{f.name}</td>
              <td>{formatSize(f.size)}</td>
              <td>
                {isAdmin && (
                  <button type="button" onClick={() => setRestoring(f)}>
                    Khôi phục…
                  </button>
                )}
              </td>
            </tr>
          ))}
          {overview.files.length === 0 && (
            <tr>
              <td colSpan={5}>Chưa có bản sao lưu nào.</td>
            </tr>
          )}
        </tbody>
      </table>
      {restoring && (
        <Modal
          title="Khôi phục dữ liệu"
          onClose={() => setRestoring(null)}
          footer={
            <>
              <button type="button" onClick={() => setRestoring(null)}>
                Huỷ
              </button>
              <button type="button" className="danger" onClick={restore} disabled={busy}>
                Khôi phục
              </button>
            </>
          }
        >
          <p>
            Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu <b>{restoring.name}</b> ({formatTime(restoring.modifiedAt)})?
          </p>
          <p>Ứng dụng kiểm tra bản sao lưu trước, và lưu dữ liệu hiện tại thành một bản sao lưu "Trước khi khôi phục" để có thể quay lại.</p>
        </Modal>
      )}
    </section>
  );
}
