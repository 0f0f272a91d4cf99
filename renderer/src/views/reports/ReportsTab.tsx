import { useCallback, useEffect, useState } from 'react';
import { ApiError, call, errorMessage } from '../../api';
import { Field } from '../../components/form';
import { useNotify } from '../../components/notify';
import { REPORT_STATUSES, type Report, type ReportSummary } from '../../../../shared/api/reports';
import { documentNumberLine, quarterWords, shortDateVn } from '../../../../shared/api/reports-format';
import { previousQuarter, quarterOf, todayIso } from '../../../../shared/domain/dates';
import { ReportEditor } from './ReportEditor';
import { useCanWrite } from '../login/session';
import './reports.css';

// "Báo cáo quý" tab of Chỉ tiêu và báo cáo: the list of quarterly reports, creating one for a quarter, and
// opening one in the editor.

export default function ReportsTab() {
  const notify = useNotify();
  const canWrite = useCanWrite();
  const [reports, setReports] = useState<ReportSummary[] | null>(null);
  const [openId, setOpenIdState] = useState<number | null>(null);
  // The report just created is opened as the create call returned it: asking for it again would send the same
  // figures twice (hundreds of KB at the scale of a province) before anything is shown.
  const [created, setCreated] = useState<Report | null>(null);
  const setOpenId = useCallback((id: number | null, report?: Report) => {
    setCreated(report ?? null);
    setOpenIdState(id);
  }, []);
  // The quarter just ended is the usual one to report on.
  const [year, setYear] = useState(() => String(previousQuarter(quarterOf(todayIso())).year));
  const [quarter, setQuarter] = useState(() => String(previousQuarter(quarterOf(todayIso())).quarter));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [creating, setCreating] = useState(false);

  const reload = useCallback(() => {
    call('reports.list', {}).then(setReports, (e) => notify('error', errorMessage(e)));
  }, [notify]);
  useEffect(reload, [reload]);

  const create = async () => {
    const y = Number(year.trim());
    if (!/^\d{4}$/.test(year.trim())) {
      setErrors({ year: 'Năm gồm 4 chữ số, ví dụ 2025.' });
      return;
    }
    setCreating(true);
    try {
      const r = await call('reports.create', { year: y, quarter: Number(quarter) });
      setErrors({});
      // The list is out of sight while the report is open; it is read again on the way back.
      setOpenId(r.id, r);
    } catch (e) {
      setErrors(e instanceof ApiError ? e.fieldErrors : {});
      notify('error', errorMessage(e));
    } finally {
      setCreating(false);
    }
  };

  if (openId !== null) {
    return (
      <ReportEditor
        key={openId}
        reportId={openId}
        initial={created?.id === openId ? created : undefined}
        onBack={() => (setOpenId(null), reload())}
        onOpen={setOpenId}
        onChanged={reload}
      />
    );
  }

  return (
    <div className="reports-tab" data-testid="reports-list">
      {canWrite && (
        <form className="reports-create toolbar" onSubmit={(e) => (e.preventDefault(), void create())} aria-label="Tạo báo cáo quý">
          <Field label="Năm" error={errors.year}>
            {(id) => <input id={id} value={year} inputMode="numeric" onChange={(e) => setYear(e.target.value)} aria-invalid={!!errors.year} />}
          </Field>
          <Field label="Quý" error={errors.quarter}>
            {(id) => (
              <select id={id} value={quarter} onChange={(e) => setQuarter(e.target.value)}>
                {['I', 'II', 'III', 'IV'].map((q, i) => (
                  <option key={q} value={String(i + 1)}>
                    Quý {q}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="primary" disabled={creating}>
            {creating ? 'Đang tính số liệu…' : 'Tạo báo cáo'}
          </button>
          <span className="hint">Số liệu được tính theo hồ sơ đến ngày cuối quý; bản nháp sửa được cho đến khi ban hành.</span>
        </form>
      )}
      <div className="reports-list-panel">
        {reports === null ? (
          <p>Đang tải…</p>
        ) : reports.length === 0 ? (
          <p>Chưa có báo cáo nào. Chọn năm, quý rồi bấm "Tạo báo cáo".</p>
        ) : (
          <table className="simple-table" aria-label="Danh sách báo cáo quý">
            <thead>
              <tr>
                <th>Kỳ báo cáo</th>
                <th>Số, ký hiệu</th>
                <th>Cơ quan ban hành</th>
                <th>Trích yếu</th>
                <th>Ngày</th>
                <th>Trạng thái</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id} className="clickable" onClick={() => setOpenId(r.id)} data-report-id={r.id}>
                  <td>
                    <button type="button" className="link" onClick={(e) => (e.stopPropagation(), setOpenId(r.id))}>
                      {quarterWords(r.year, r.quarter).replace(/^q/, 'Q')}
                    </button>
                  </td>
                  <td>{documentNumberLine(r.docNumber, r.docSymbol)}</td>
                  <td>{r.issuingBody}</td>
                  <td>{r.subject}</td>
                  <td>{shortDateVn(r.issueDate)}</td>
                  <td>
                    <span className={`report-status ${r.status}`}>{REPORT_STATUSES[r.status]}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
