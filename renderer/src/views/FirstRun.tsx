import { useEffect, useState } from 'react';
import { call, errorMessage } from '../api';
import { Modal } from '../components/Modal';
import { useReference } from '../data/reference';

/** On an empty database: offer realistic sample data, or an empty start. */
export function FirstRun() {
  const ref = useReference();
  const [show, setShow] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => {
    call('app.info', {})
      .then((info) => setShow(info.isEmpty && sessionStorage.getItem('qlcb.firstRunDismissed') !== '1'))
      .catch(() => {});
  }, []);
  if (!show) return null;
  const close = () => {
    sessionStorage.setItem('qlcb.firstRunDismissed', '1');
    setShow(false);
  };
  const seed = async () => {
    setBusy(true);
    setError('');
    try {
      await call('app.seedSample', { cadres: 2000 });
      await ref.reload();
      close();
      window.dispatchEvent(new Event('qlcb:data-replaced'));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title="Bắt đầu sử dụng"
      onClose={close}
      footer={
        <>
          <button type="button" onClick={close} disabled={busy}>
            Bắt đầu với dữ liệu trống
          </button>
          <button type="button" className="primary" onClick={seed} disabled={busy}>
            {busy ? 'Đang tạo dữ liệu mẫu…' : 'Tạo dữ liệu mẫu'}
          </button>
        </>
      }
    >
      <p>Cơ sở dữ liệu đang trống.</p>
      <p>
        Bạn có thể tạo <b>dữ liệu mẫu</b> (cơ cấu tổ chức tỉnh Sóc Trăng trước và sau sắp xếp ngày 01/07/2025, khoảng 2.000 cán bộ với trình độ,
        quá trình công tác) để làm quen với ứng dụng, hoặc bắt đầu nhập dữ liệu thật.
      </p>
      {error && <p className="error-text" role="alert">{error}</p>}
    </Modal>
  );
}
