import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { ApiError, call, errorMessage } from '../../api';
import { DateInput, Field } from '../../components/form';
import { Modal } from '../../components/Modal';
import { useNotify } from '../../components/notify';
import { NARRATIVE_SECTIONS, REPORT_STATUSES, type NarrativeKey, type Report, type ReportHeader, type ReportNarrative } from '../../../../shared/api/reports';
import { documentNumberLine, quarterWords } from '../../../../shared/api/reports-format';
import { ReportDocument, type OpenCell } from './ReportDocument';
import { StructureMembersDialog, type CellRef } from './StructureMembersDialog';
import { downloadBase64, printReport, saveReportAsPdf } from './print';
import { useCanWrite } from '../login/session';

// One report: the form for its header and narrative (a draft only), the live A4 preview, and the actions
// (save, recompute, issue, print, PDF, Excel, new draft from an issued report).

interface Form {
  header: ReportHeader;
  recipientsText: string;
  narrative: ReportNarrative;
}

const formOf = (r: Report): Form => ({ header: r.header, recipientsText: r.header.recipients.join('\n'), narrative: r.narrative });
const recipientsOf = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** Field errors of update ("header.place") and issue ("place") calls, keyed by the header field. */
function headerErrors(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  return Object.fromEntries(Object.entries(e.fieldErrors).map(([k, v]) => [k.replace(/^(header|narrative)\./, ''), v]));
}

const HEADER_INPUTS: { field: Exclude<keyof ReportHeader, 'issueDate' | 'recipients'>; label: string; wide?: boolean; hint?: string }[] = [
  { field: 'superiorBody', label: 'Cơ quan cấp trên', wide: true, hint: 'Ví dụ: ĐẢNG BỘ TỈNH SÓC TRĂNG; để trống nếu không có' },
  { field: 'issuingBody', label: 'Cơ quan ban hành', wide: true, hint: 'Ví dụ: TỈNH ỦY SÓC TRĂNG' },
  { field: 'docNumber', label: 'Số', hint: 'Phần số, ví dụ 12' },
  { field: 'docSymbol', label: 'Ký hiệu', hint: 'Ví dụ: BC/TU' },
  { field: 'place', label: 'Địa danh', hint: 'Ví dụ: Sóc Trăng' },
  { field: 'subject', label: 'Trích yếu', wide: true },
  { field: 'signerCapacity', label: 'Thẩm quyền ký', hint: 'T/M BAN THƯỜNG VỤ' },
  { field: 'signerTitle', label: 'Chức vụ người ký', hint: 'PHÓ BÍ THƯ THƯỜNG TRỰC' },
  { field: 'signerName', label: 'Họ tên người ký', wide: true },
];

/** `initial`: the report as a call just returned it (created): shown as it is instead of being asked for again. */
export function ReportEditor({ reportId, initial, onBack, onOpen, onChanged }: { reportId: number; initial?: Report; onBack(): void; onOpen(id: number, report?: Report): void; onChanged(): void }) {
  const notify = useNotify();
  const [report, setReport] = useState<Report | null>(initial ?? null);
  const [form, setForm] = useState<Form | null>(() => (initial ? formOf(initial) : null));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmIssue, setConfirmIssue] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [cell, setCell] = useState<CellRef | null>(null);
  const [dateError, setDateError] = useState<string | undefined>();

  const load = (r: Report) => {
    setReport(r);
    setForm(formOf(r));
    setDirty(false);
  };
  const [loadError, setLoadError] = useState<string | null>(null);
  const given = useRef(initial);
  useEffect(() => {
    if (given.current?.id === reportId) return;
    call('reports.get', { id: reportId }).then(load, (e) => setLoadError(errorMessage(e)));
  }, [reportId]);

  // A viewer reads a draft as it stands: nothing in it is offered for a change (the host refuses them anyway).
  const canWrite = useCanWrite();
  const editableDraft = report?.status === 'draft' && canWrite;
  const preview = useMemo<Report | null>(
    () => (report && form ? { ...report, header: { ...form.header, recipients: recipientsOf(form.recipientsText) }, narrative: form.narrative } : null),
    [report, form],
  );
  // Typed text is never lost by leaving: the browser warns on closing the window, and leaving the editor by another
  // way (switching tab) saves the draft on the way out.
  const latest = useRef({ report, form, dirty, dateError });
  latest.current = { report, form, dirty, dateError };
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (latest.current.dirty) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      const { report: r, form: f, dirty: d, dateError: de } = latest.current;
      if (!d || !r || !f || r.status !== 'draft' || de) return;
      call('reports.update', { id: r.id, version: r.version, header: { ...f.header, recipients: recipientsOf(f.recipientsText) }, narrative: f.narrative }).then(
        () => notify('success', 'Đã tự động lưu các thay đổi của báo cáo.'),
        (e) => notify('error', `Chưa lưu được thay đổi của báo cáo: ${errorMessage(e)}`),
      );
    };
  }, [notify]);

  if (loadError) {
    return (
      <div className="view-padded">
        <p className="error-text" role="alert">
          {loadError}
        </p>
        <button type="button" onClick={onBack}>
          ← Danh sách báo cáo
        </button>
      </div>
    );
  }
  if (!report || !form || !preview) return <p className="view-padded">Đang tải báo cáo…</p>;

  const edit = (change: (f: Form) => Form) => {
    setForm((f) => (f ? change(f) : f));
    setDirty(true);
  };
  const setHeader = <K extends keyof ReportHeader>(field: K, value: ReportHeader[K]) => {
    edit((f) => ({ ...f, header: { ...f.header, [field]: value } }));
    setErrors((e) => {
      const { [field]: _gone, ...rest } = e;
      return rest;
    });
  };
  const setNarrative = (key: NarrativeKey, value: string) => edit((f) => ({ ...f, narrative: { ...f.narrative, [key]: value } }));

  /** Runs one action; a failure keeps what the clerk typed and shows why. */
  const run = async (label: string, action: () => Promise<void>) => {
    setBusy(label);
    try {
      await action();
    } catch (e) {
      setErrors(headerErrors(e));
      notify('error', errorMessage(e));
      if (e instanceof ApiError && e.kind === 'conflict') {
        notify('warning', 'Báo cáo vừa được sửa ở nơi khác; nội dung bạn nhập vẫn còn trên màn hình. Hãy tải lại để xem bản mới.');
      }
    } finally {
      setBusy(null);
    }
  };

  /** Saves the form if it changed; returns the report as saved. */
  const save = async (): Promise<Report> => {
    if (!dirty) return report;
    if (dateError) throw new ApiError({ kind: 'validation', message: dateError, fieldErrors: { issueDate: dateError } });
    const saved = await call('reports.update', {
      id: report.id,
      version: report.version,
      header: { ...form.header, recipients: recipientsOf(form.recipientsText) },
      narrative: form.narrative,
    });
    load(saved);
    latest.current.dirty = false;
    setErrors({});
    onChanged();
    return saved;
  };

  const doSave = () => run('save', async () => {
    await save();
    notify('success', 'Đã lưu báo cáo.');
  });
  const doRefresh = () => run('refresh', async () => {
    const saved = await save();
    load(await call('reports.refresh', { id: saved.id, version: saved.version }));
    onChanged();
    notify('success', 'Đã tính lại số liệu theo hồ sơ hiện tại. Các phần chưa sửa đã được cập nhật theo số liệu mới.');
  });
  const doIssue = () => run('issue', async () => {
    setConfirmIssue(false);
    const saved = await save();
    load(await call('reports.issue', { id: saved.id, version: saved.version }));
    onChanged();
    notify('success', 'Đã ban hành báo cáo. Báo cáo được lưu cố định và in lại đúng như hiện nay.');
  });
  const doNewDraft = () => run('new', async () => {
    const created = await call('reports.create', { year: report.year, quarter: report.quarter, fromReportId: report.id });
    onChanged();
    onOpen(created.id, created);
    notify('success', 'Đã tạo bản nháp mới từ báo cáo đã ban hành.');
  });
  const openCell: OpenCell = (row, column) => setCell({ asOf: report.figures.asOf, row, column });
  /** Back to the list; with unsaved changes, ask first. */
  const leave = () => (dirty ? setConfirmLeave(true) : onBack());
  const doDelete = () => run('delete', async () => {
    await call('reports.delete', { id: report.id, version: report.version });
    latest.current.dirty = false;
    onChanged();
    onBack();
    notify('success', 'Đã xoá dự thảo.');
  });
  const doSaveDefaults = () => run('defaults', async () => {
    const { docNumber: _n, issueDate: _d, subject: _s, ...defaults } = { ...form.header, recipients: recipientsOf(form.recipientsText) };
    await call('reports.saveDefaults', defaults);
    notify('success', 'Đã lưu cơ quan ban hành, địa danh, người ký và nơi nhận làm mặc định cho các báo cáo sau.');
  });
  const doExcel = () => run('excel', async () => {
    if (dirty) await save();
    const out = await call('reports.exportXlsx', { id: report.id });
    downloadBase64(out.fileName, out.base64);
  });
  const doPdf = () => run('pdf', async () => {
    const r = await saveReportAsPdf(preview);
    if (r.saved && r.path) notify('success', `Đã lưu PDF: ${r.path}`);
  });

  const header = form.header;
  return (
    <div className="reports-tab" data-testid="report-editor">
      <div className="toolbar report-toolbar">
        <button type="button" onClick={leave}>
          ← Danh sách báo cáo
        </button>
        <strong>
          Báo cáo {quarterWords(report.year, report.quarter)} — {documentNumberLine(report.header.docNumber, report.header.docSymbol)}
        </strong>
        <span className={`report-status ${report.status}`}>{REPORT_STATUSES[report.status]}</span>
        <span className="spacer" />
        {editableDraft && (
          <>
            <button type="button" onClick={doSave} disabled={!dirty || !!busy}>
              Lưu
            </button>
            <button type="button" onClick={doRefresh} disabled={!!busy} title="Tính lại mọi số liệu theo hồ sơ hiện tại">
              {busy === 'refresh' ? 'Đang tính…' : 'Tính lại số liệu'}
            </button>
            <button type="button" className="primary" onClick={() => setConfirmIssue(true)} disabled={!!busy}>
              Ban hành
            </button>
          </>
        )}
        <button type="button" onClick={printReport} disabled={!!busy}>
          In
        </button>
        <button type="button" onClick={doPdf} disabled={!!busy}>
          Lưu PDF
        </button>
        <button type="button" onClick={doExcel} disabled={!!busy}>
          Xuất Excel
        </button>
        {canWrite && report.status !== 'draft' && (
          <button type="button" onClick={doNewDraft} disabled={!!busy}>
            Tạo bản nháp mới từ báo cáo này
          </button>
        )}
        {editableDraft && (
          <button type="button" className="danger" onClick={doDelete} disabled={!!busy}>
            Xoá dự thảo
          </button>
        )}
      </div>

      <div className="report-editor">
        <form className="report-form" onSubmit={(e) => (e.preventDefault(), void doSave())} aria-label="Nội dung báo cáo">
          {report.status !== 'draft' && (
            <p className="readonly-note">
              Báo cáo đã ban hành ngày {report.issuedAt ? new Date(report.issuedAt).toLocaleString('vi-VN') : ''} bởi {report.issuedBy}; nội dung và số liệu được lưu cố định, không sửa được. Muốn
              điều chỉnh, hãy tạo bản nháp mới từ báo cáo này.
            </p>
          )}
          <fieldset disabled={!editableDraft}>
            <legend>Thông tin văn bản</legend>
            <div className="form-grid">
              {HEADER_INPUTS.map((h) => (
                <div key={h.field} className={h.wide ? 'span-2' : undefined}>
                  <Field label={h.label} error={errors[h.field]} hint={h.hint}>
                    {(id) => <input id={id} value={header[h.field]} aria-invalid={!!errors[h.field]} onChange={(e) => setHeader(h.field, e.target.value)} />}
                  </Field>
                </div>
              ))}
              <DateInput
                key={`${report.id}-${report.version}`}
                label="Ngày ban hành"
                iso={header.issueDate}
                error={errors.issueDate}
                onChange={(iso, err) => {
                  setDateError(err);
                  if (!err) setHeader('issueDate', iso);
                  else setDirty(true);
                }}
              />
              <div className="span-2">
                <Field label="Nơi nhận (mỗi dòng một nơi)" error={errors.recipients}>
                  {(id) => (
                    <textarea
                      id={id}
                      rows={4}
                      value={form.recipientsText}
                      onChange={(e) => edit((f) => ({ ...f, recipientsText: e.target.value }))}
                      placeholder={'- Ban Tổ chức Trung ương,\n- Lưu Văn phòng Tỉnh ủy.'}
                    />
                  )}
                </Field>
              </div>
            </div>
            {editableDraft && (
              <button type="button" className="link" onClick={doSaveDefaults} disabled={!!busy} title="Chỉ quản trị viên lưu được">
                Lưu làm mặc định cho báo cáo sau
              </button>
            )}
          </fieldset>
          <fieldset disabled={!editableDraft}>
            <legend>Nội dung đánh giá</legend>
            {NARRATIVE_SECTIONS.map((s) => (
              <div key={s.key} className="field">
                <div className="narrative-head">
                  <label htmlFor={`narrative-${s.key}`}>{s.title}</label>
                  {editableDraft && form.narrative[s.key] !== report.generatedNarrative[s.key] && (
                    <button type="button" className="link" onClick={() => setNarrative(s.key, report.generatedNarrative[s.key])}>
                      Dùng bản nháp tự động
                    </button>
                  )}
                </div>
                <textarea id={`narrative-${s.key}`} value={form.narrative[s.key]} onChange={(e) => setNarrative(s.key, e.target.value)} aria-invalid={!!errors[s.key]} />
                {errors[s.key] && (
                  <small className="error-text" role="alert">
                    {errors[s.key]}
                  </small>
                )}
              </div>
            ))}
          </fieldset>
        </form>
        <div className="report-preview" aria-label="Bản xem trước">
          <ReportDocument report={preview} onCell={openCell} />
        </div>
      </div>

      {cell && <StructureMembersDialog cell={cell} current={report.status === 'issued'} onClose={() => setCell(null)} />}

      {createPortal(
        <div className="report-print-root" data-testid="report-print-root">
          <ReportDocument report={preview} />
        </div>,
        document.body,
      )}

      {confirmLeave && (
        <Modal
          title="Thay đổi chưa lưu"
          onClose={() => setConfirmLeave(false)}
          footer={
            <>
              <button type="button" onClick={() => setConfirmLeave(false)}>
                Ở lại
              </button>
              <button type="button" className="danger" onClick={() => (setDirty(false), (latest.current.dirty = false), onBack())}>
                Bỏ thay đổi
              </button>
              <button type="button" className="primary" onClick={() => run('save', async () => (setConfirmLeave(false), await save(), onBack()))}>
                Lưu rồi quay lại
              </button>
            </>
          }
        >
          <p>Báo cáo có thay đổi chưa lưu. Lưu trước khi quay lại danh sách?</p>
        </Modal>
      )}

      {confirmIssue && (
        <Modal
          title="Ban hành báo cáo"
          onClose={() => setConfirmIssue(false)}
          footer={
            <>
              <button type="button" onClick={() => setConfirmIssue(false)}>
                Huỷ
              </button>
              <button type="button" className="primary" onClick={doIssue}>
                Ban hành
              </button>
            </>
          }
        >
          <p>
            Sau khi ban hành, báo cáo {documentNumberLine(header.docNumber, header.docSymbol)} được lưu cố định cả nội dung và số liệu (tính lúc{' '}
            {new Date(report.figures.computedAt).toLocaleString('vi-VN')}); không sửa hay tính lại được nữa.
          </p>
          {dirty && <p>Các thay đổi chưa lưu sẽ được lưu trước khi ban hành.</p>}
        </Modal>
      )}
    </div>
  );
}
