import { useEffect, useMemo, useState } from 'react';
import { call, errorMessage } from '../../api';
import type { CadreDetail } from '../../../../shared/api/cadres';
import { Modal } from '../../components/Modal';
import { useNotify } from '../../components/notify';
import { useReference } from '../../data/reference';
import { downloadBytes, XLSX_MIME } from '../../grid/exportGrid';
import { buildCv, cvXlsx } from './cv2c';
import './imports.css';

/** A cadre's CV in the 2C layout: shown as it will print, printed (A4), or saved as .xlsx. */
export function CvDialog({ cadreId, onClose }: { cadreId: number; onClose(): void }) {
  const ref = useReference();
  const notify = useNotify();
  const [detail, setDetail] = useState<CadreDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('cadres.get', { id: cadreId }).then(setDetail, (e) => setError(errorMessage(e)));
  }, [cadreId]);
  const cv = useMemo(() => (detail ? buildCv(detail, { code: ref.label, unitPath: ref.unitPath }) : null), [detail, ref]);

  const print = () => {
    document.body.classList.add('printing-cv');
    const done = () => {
      document.body.classList.remove('printing-cv');
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
  };
  const saveXlsx = async () => {
    if (!cv || !detail) return;
    try {
      downloadBytes(await cvXlsx(cv), `So yeu ly lich - ${detail.row.fullName}.xlsx`, XLSX_MIME);
    } catch (e) {
      notify('error', `Không tạo được tệp: ${(e as Error).message}`);
    }
  };

  return (
    <Modal
      title="Sơ yếu lý lịch (mẫu 2C)"
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" onClick={saveXlsx} disabled={!cv}>
            Tải .xlsx
          </button>
          <button type="button" className="primary" onClick={print} disabled={!cv}>
            In
          </button>
          <button type="button" onClick={onClose}>
            Đóng
          </button>
        </>
      }
    >
      {error && <p role="alert" className="import-error">{error}</p>}
      {!cv && !error && <p>Đang tải hồ sơ…</p>}
      {cv && (
        <article className="cv-sheet" data-testid="cv-sheet">
          <p className="cv-form-code">{cv.formCode}</p>
          <h1>{cv.title}</h1>
          <h2>CÁN BỘ, CÔNG CHỨC</h2>
          <ol className="cv-lines">
            {cv.lines.map((l) => (
              <li key={l.no}>
                <span className="cv-no">{l.no})</span> {l.label}: <b>{l.value}</b>
              </li>
            ))}
          </ol>
          <h3>ĐÀO TẠO, BỒI DƯỠNG VỀ CHUYÊN MÔN, NGHIỆP VỤ, LÝ LUẬN CHÍNH TRỊ, NGOẠI NGỮ, TIN HỌC</h3>
          <table className="cv-table">
            <thead>
              <tr>
                <th>Ngày cấp</th>
                <th>Tên trường</th>
                <th>Chuyên ngành</th>
                <th>Trình độ, văn bằng</th>
              </tr>
            </thead>
            <tbody>
              {cv.trainings.map((t, i) => (
                <tr key={i}>
                  <td>{t.period}</td>
                  <td>{t.institution}</td>
                  <td>{t.field}</td>
                  <td>{t.level}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>TÓM TẮT QUÁ TRÌNH CÔNG TÁC</h3>
          <table className="cv-table">
            <thead>
              <tr>
                <th>Từ tháng, năm đến tháng, năm</th>
                <th>Chức danh, chức vụ, đơn vị công tác</th>
              </tr>
            </thead>
            <tbody>
              {cv.career.map((c, i) => (
                <tr key={i}>
                  <td>{c.period}</td>
                  <td>{c.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="cv-signatures">
            <div>
              <b>Người khai</b>
              <br />
              <i>(Ký, ghi rõ họ tên)</i>
            </div>
            <div>
              <i>…………, ngày …… tháng …… năm ……</i>
              <br />
              <b>Thủ trưởng cơ quan, đơn vị</b>
            </div>
          </div>
        </article>
      )}
    </Modal>
  );
}
