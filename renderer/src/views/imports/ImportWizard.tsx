import { useEffect, useMemo, useState } from 'react';
import { call, errorMessage } from '../../api';
import { Modal } from '../../components/Modal';
import { useNotify } from '../../components/notify';
import { exportTable, type ExportTable } from '../../grid/exportGrid';
import { CADRE_CATEGORIES } from '../../../../shared/domain/codes';
import {
  IMPORT_TARGETS, ROW_STATUSES, type Analysis, type ImportTarget, type CommitSummary, type ImportRow, type ImportRowStatus, type PreviewSummary,
} from '../../../../shared/api/imports';
import { readFileBase64, useImportJob } from './useImportJob';
import './imports.css';

// The import wizard: choose a file -> confirm the header row and the column of each field -> preview every
// row (new, update with the changed fields, errors with reasons) -> commit -> summary, with undo.

type Step = 'file' | 'mapping' | 'preview' | 'done';
const PAGE = 100;
const STATUS_ORDER: ImportRowStatus[] = ['new', 'update', 'unchanged', 'error', 'duplicate', 'skipped'];

export function ImportWizard({ onClose, onChanged }: { onClose(): void; onChanged(): void }) {
  const notify = useNotify();
  const job = useImportJob();
  const [step, setStep] = useState<Step>('file');
  const [target, setTarget] = useState<ImportTarget>('cadres');
  const [courses, setCourses] = useState<{ id: number; name: string; startDate: string | null }[] | null>(null);
  const [courseId, setCourseId] = useState<number | null>(null);
  const [enrolmentStatus, setEnrolmentStatus] = useState<'proposed' | 'nominated' | 'studying'>('proposed');
  const [decisionNo, setDecisionNo] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [mapping, setMapping] = useState<(string | null)[]>([]);
  const [defaultCategory, setDefaultCategory] = useState<string>('');
  const [preview, setPreview] = useState<PreviewSummary | null>(null);
  const [filter, setFilter] = useState<ImportRowStatus | 'all'>('all');
  const [page, setPage] = useState(0);
  const [rows, setRows] = useState<{ total: number; rows: ImportRow[] } | null>(null);
  const [saveMapping, setSaveMapping] = useState(false);
  const [mappingName, setMappingName] = useState('');
  const [summary, setSummary] = useState<CommitSummary | null>(null);
  const [undone, setUndone] = useState(false);

  const fail = (e: unknown) => setError(errorMessage(e) === 'Đã xảy ra lỗi không mong muốn.' && e instanceof Error ? e.message : errorMessage(e));

  const analyse = async (f: { name: string; base64: string }, sheetName?: string) => {
    setError(null);
    try {
      const a = await job.run('Đang đọc tệp', (jobId) => call('imports.analyze', { jobId, target, fileName: f.name, contentBase64: f.base64, sheetName }));
      setAnalysis(a);
      setMapping(a.mapping);
      setMappingName(a.savedMapping?.name ?? f.name.replace(/\.[^.]+$/, ''));
      setStep('mapping');
    } catch (e) {
      fail(e);
    }
  };

  const chooseFile = async (input: HTMLInputElement) => {
    const f = input.files?.[0];
    if (!f) return;
    setError(null);
    try {
      const base64 = await readFileBase64(f);
      const chosen = { name: f.name, base64 };
      setFile(chosen);
      await analyse(chosen);
    } catch (e) {
      fail(e);
    }
  };

  const moveHeader = async (headerStart: number, headerSpan: number) => {
    if (!analysis) return;
    try {
      const a = await call('imports.header', { importId: analysis.importId, headerStart, headerSpan });
      setAnalysis(a);
      setMapping(a.mapping);
    } catch (e) {
      fail(e);
    }
  };

  /** Deletes the saved mapping this file matched and guesses the columns afresh. */
  const forgetMapping = async () => {
    if (!analysis?.savedMapping) return;
    try {
      await call('imports.deleteMapping', { id: analysis.savedMapping.id });
      await moveHeader(analysis.headerStart, analysis.headerSpan);
      notify('info', 'Đã xoá cách ghép cột đã lưu; ứng dụng đoán lại các cột.');
    } catch (e) {
      fail(e);
    }
  };

  const runPreview = async () => {
    if (!analysis) return;
    setError(null);
    try {
      const p = await job.run('Đang kiểm tra từng dòng', (jobId) =>
        call('imports.preview', {
          jobId,
          importId: analysis.importId,
          headerStart: analysis.headerStart,
          headerSpan: analysis.headerSpan,
          mapping,
          options: { defaultCategory: (defaultCategory || null) as any, courseId, enrolmentStatus, decisionNo: decisionNo || null, overrideReason: overrideReason || null },
        }),
      );
      setPreview(p);
      const firstInteresting = STATUS_ORDER.find((s) => p.counts[s] > 0 && (s === 'error' || s === 'new' || s === 'update'));
      setFilter(p.counts.error > 0 ? 'error' : firstInteresting ?? 'all');
      setPage(0);
      setStep('preview');
    } catch (e) {
      fail(e);
    }
  };

  useEffect(() => {
    if (step !== 'preview' && step !== 'done') return;
    if (!analysis) return;
    let stale = false;
    call('imports.rows', { importId: analysis.importId, status: filter === 'all' ? undefined : filter, offset: page * PAGE, limit: PAGE })
      .then((r) => !stale && setRows(r))
      .catch(fail);
    return () => {
      stale = true;
    };
  }, [analysis, filter, page, step]);

  const commit = async () => {
    if (!analysis) return;
    setError(null);
    try {
      const s = await job.run('Đang ghi vào cơ sở dữ liệu', (jobId) =>
        call('imports.commit', { jobId, importId: analysis.importId, saveMappingAs: saveMapping ? mappingName : undefined }),
      );
      setSummary(s);
      setStep('done');
      onChanged();
      notify('success', `Đã nhập: ${doneText(target, s.counts)}.`);
    } catch (e) {
      fail(e);
    }
  };

  const undo = async () => {
    if (!analysis) return;
    if (!window.confirm('Hoàn tác toàn bộ lần nhập này? Các hồ sơ đã thêm sẽ bị xoá, các trường đã cập nhật trở về giá trị cũ.')) return;
    try {
      const r = await call('imports.undo', { importId: analysis.importId });
      setUndone(true);
      onChanged();
      notify('success', `Đã hoàn tác lần nhập: xoá ${r.removed} ${NOUN[target]} thêm mới, khôi phục ${r.restored} ${NOUN[target]} đã cập nhật.`);
    } catch (e) {
      fail(e);
    }
  };

  const saveReport = async () => {
    if (!analysis) return;
    const all: ImportRow[] = [];
    for (let offset = 0; ; offset += 5000) {
      const r = await call('imports.rows', { importId: analysis.importId, offset, limit: 5000 });
      all.push(...r.rows);
      if (all.length >= r.total || r.rows.length === 0) break;
    }
    const table: ExportTable = {
      columns: [{ header: 'Dòng', width: 7 }, { header: 'Kết quả', width: 14 }, { header: 'Họ và tên', width: 26 }, { header: 'Ngày sinh', width: 12 }, { header: 'Thay đổi', width: 60 }, { header: 'Ghi chú, lỗi', width: 70 }],
      rows: all.map((r) => [
        r.rowNo,
        ROW_STATUSES[r.status],
        r.values.fullName ?? '',
        r.values.birthDate ?? r.values.birthDateMale ?? r.values.birthDateFemale ?? '',
        r.changes.map((c) => `${c.label}: ${c.from || '(trống)'} → ${c.to}`).join('; '),
        r.messages.map((m) => m.message).join('; '),
      ]),
    };
    await exportTable(table, { fileName: `Ket qua nhap - ${analysis.fileName.replace(/\.[^.]+$/, '')}`, format: 'xlsx', title: `KẾT QUẢ NHẬP TỪ TỆP ${analysis.fileName}` });
  };

  useEffect(() => {
    if (target !== 'enrolments' || courses) return;
    call('training.courses.list', {})
      .then((list) => setCourses(list.map((c) => ({ id: c.id, name: c.name, startDate: c.startDate }))))
      .catch(fail);
  }, [target, courses]);
  const courseName = courses?.find((c) => c.id === courseId)?.name ?? '';

  const fieldLabel = useMemo(() => new Map(analysis?.fields.map((f) => [f.key, f.label]) ?? []), [analysis]);
  const mappedCount = mapping.filter(Boolean).length;
  const missingName = !mapping.includes('fullName');
  const needsCategory = (target === 'cadres' || target === 'qualifications') && !mapping.includes('category');

  const footer = (
    <>
      {step === 'mapping' && (
        <>
          <button type="button" onClick={() => setStep('file')} disabled={job.busy}>
            Chọn tệp khác
          </button>
          <button type="button" className="primary" onClick={runPreview} disabled={job.busy || missingName}>
            Xem trước
          </button>
        </>
      )}
      {step === 'preview' && preview && (
        <>
          <button type="button" onClick={() => setStep('mapping')} disabled={job.busy}>
            Quay lại ghép cột
          </button>
          <button type="button" className="primary" onClick={commit} disabled={job.busy || preview.counts.new + preview.counts.update === 0}>
            Ghi vào cơ sở dữ liệu ({(preview.counts.new + preview.counts.update).toLocaleString('vi-VN')} dòng)
          </button>
        </>
      )}
      {step === 'done' && (
        <>
          <button type="button" onClick={saveReport}>
            Lưu kết quả (.xlsx)
          </button>
          <button type="button" onClick={undo} disabled={undone}>
            {undone ? 'Đã hoàn tác' : 'Hoàn tác lần nhập này'}
          </button>
        </>
      )}
      <button type="button" onClick={onClose} disabled={job.busy}>
        Đóng
      </button>
    </>
  );

  return (
    <Modal title="Nhập từ Excel" onClose={() => !job.busy && onClose()} footer={footer} wide>
      <div className="import-wizard" data-testid="import-wizard">
        <ol className="import-steps" aria-label="Các bước">
          {(['file', 'mapping', 'preview', 'done'] as Step[]).map((s, i) => (
            <li key={s} aria-current={step === s ? 'step' : undefined}>
              {i + 1}. {{ file: 'Chọn tệp', mapping: 'Ghép cột', preview: 'Xem trước', done: 'Kết quả' }[s]}
            </li>
          ))}
        </ol>
        {error && (
          <p className="import-error" role="alert">
            {error}
          </p>
        )}
        {job.progress && (
          <div className="import-progress" role="status" aria-live="polite">
            <span>{job.progress.label}…</span>
            <progress max={job.progress.total || 1} value={job.progress.total ? job.progress.done : undefined} aria-label="Tiến độ" />
            <span>{job.progress.total ? `${Math.round((100 * job.progress.done) / job.progress.total)}%` : ''}</span>
            {/* Cancelling a commit rolls its single transaction back: nothing is half-written. */}
            <button type="button" onClick={job.cancel}>
              Huỷ
            </button>
          </div>
        )}

        {step === 'file' && (
          <>
            <div className="import-target">
              <label>
                Nhập vào:{' '}
                <select aria-label="Nhập vào" value={target} onChange={(e) => setTarget(e.target.value as ImportTarget)} disabled={job.busy}>
                  {Object.entries(IMPORT_TARGETS).map(([k, v]) => (
                    <option key={k} value={k}>
                      {v}
                    </option>
                  ))}
                </select>
              </label>
              {target === 'enrolments' && (
                <>
                  <label>
                    Khoá học:{' '}
                    <select aria-label="Khoá học" value={courseId ?? ''} onChange={(e) => setCourseId(e.target.value ? Number(e.target.value) : null)}>
                      <option value="">— Chọn khoá học —</option>
                      {(courses ?? []).map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.name}
                          {c.startDate ? ` (từ ${c.startDate.split('-').reverse().join('/')})` : ''}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    Ghi danh với trạng thái:{' '}
                    <select aria-label="Trạng thái ghi danh" value={enrolmentStatus} onChange={(e) => setEnrolmentStatus(e.target.value as typeof enrolmentStatus)}>
                      <option value="proposed">Đề xuất</option>
                      <option value="nominated">Có quyết định cử đi học</option>
                      <option value="studying">Đang học</option>
                    </select>
                  </label>
                  <label>
                    Số quyết định: <input aria-label="Số quyết định cử đi học" value={decisionNo} onChange={(e) => setDecisionNo(e.target.value)} />
                  </label>
                  {courses && courses.length === 0 && <p className="import-warning">Chưa có khoá học nào; hãy tạo khoá học ở mục Đào tạo bồi dưỡng trước.</p>}
                </>
              )}
            </div>
            {target === 'enrolments' && !courseId && <p className="hint">Hãy chọn khoá học trước, rồi chọn tệp danh sách học viên.</p>}
            <p className="hint">{FILE_HINT[target]}</p>
            {(target !== 'enrolments' || courseId) && <FileStep onChoose={chooseFile} busy={job.busy} onUndo={onChanged} />}
          </>
        )}

        {step === 'mapping' && analysis && (
          <div className="import-mapping">
            <p>
              Tệp <b>{analysis.fileName}</b>
              {analysis.sheets.length > 1 && (
                <>
                  , trang tính{' '}
                  <select aria-label="Trang tính" value={analysis.sheetName} onChange={(e) => file && analyse(file, e.target.value)}>
                    {analysis.sheets.map((s) => (
                      <option key={s.name} value={s.name}>
                        {s.name} ({s.rowCount} dòng)
                      </option>
                    ))}
                  </select>
                </>
              )}
              : {analysis.rowCount.toLocaleString('vi-VN')} dòng{target === 'enrolments' && courseName ? `, ghi danh vào khoá “${courseName}”` : ''}.{' '}
              {analysis.savedMapping ? (
                <>
                  Dùng cách ghép cột đã lưu “{analysis.savedMapping.name}”.{' '}
                  <button type="button" className="link" onClick={forgetMapping}>
                    Xoá cách ghép đã lưu này
                  </button>
                </>
              ) : analysis.headerGuessed ? 'Ứng dụng đã đoán dòng tiêu đề và cột của từng trường; hãy kiểm tra lại.' : 'Không nhận ra dòng tiêu đề; hãy chọn dòng tiêu đề.'}
            </p>
            <div className="import-header-pick">
              <label>
                Dòng tiêu đề bắt đầu ở dòng{' '}
                <select aria-label="Dòng tiêu đề" value={analysis.headerStart} onChange={(e) => moveHeader(Number(e.target.value), analysis.headerSpan)}>
                  {analysis.topRows.map((_, i) => (
                    <option key={i} value={i}>
                      {i + 1}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                , gồm{' '}
                <select aria-label="Số dòng tiêu đề" value={analysis.headerSpan} onChange={(e) => moveHeader(analysis.headerStart, Number(e.target.value))}>
                  <option value={1}>1 dòng</option>
                  <option value={2}>2 dòng (tiêu đề gộp ô)</option>
                </select>
              </label>
            </div>
            <div className="import-top-rows" aria-label="Các dòng đầu của tệp">
              <table>
                <tbody>
                  {analysis.topRows.slice(0, 10).map((r, i) => (
                    <tr key={i} className={i >= analysis.headerStart && i < analysis.headerStart + analysis.headerSpan ? 'is-header' : i < analysis.headerStart ? 'is-above' : ''}>
                      <th>{i + 1}</th>
                      {r.slice(0, 14).map((c, j) => (
                        <td key={j}>{c}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <table className="import-columns" data-testid="import-columns">
              <thead>
                <tr>
                  <th>Cột trong tệp</th>
                  <th>Ví dụ</th>
                  <th>Nhập vào trường</th>
                </tr>
              </thead>
              <tbody>
                {analysis.columns.map((c) => (
                  <tr key={c.index}>
                    <td>
                      {columnLetter(c.index)}. {c.label || <i>(không có tiêu đề)</i>}
                    </td>
                    <td className="samples">{c.samples.join(' · ')}</td>
                    <td>
                      <select
                        aria-label={`Trường cho cột ${columnLetter(c.index)} ${c.label}`}
                        value={mapping[c.index] ?? ''}
                        onChange={(e) => setMapping((m) => m.map((v, i) => (i === c.index ? e.target.value || null : v)))}
                      >
                        <option value="">— Không nhập —</option>
                        {analysis.fields.map((f) => (
                          <option key={f.key} value={f.key}>
                            {f.label}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="hint">
              Đã ghép {mappedCount} cột. {missingName && <b>Hãy chọn cột “Họ và tên”. </b>}
              Ô để trống trong tệp không xoá giá trị đang có trong hồ sơ.
            </p>
            {needsCategory && (
              <label>
                {target === 'qualifications' ? 'Loại cán bộ cho người chưa có hồ sơ (tệp không có cột “Loại”)' : 'Loại cán bộ cho người mới (tệp không có cột “Loại”)'}:{' '}
                <select aria-label="Loại mặc định" value={defaultCategory} onChange={(e) => setDefaultCategory(e.target.value)}>
                  <option value="">— Chưa chọn —</option>
                  {Object.entries(CADRE_CATEGORIES).map(([k, v]) => (
                    <option key={k} value={k}>
                      {v}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {target === 'rotations' && (
              <label className="import-reason">
                Lý do vượt quy định cho các dòng bị cảnh báo theo Quy định 98-QĐ/TW, 65-QĐ/TW (khi tệp không ghi lý do riêng):{' '}
                <input aria-label="Lý do vượt quy định chung" value={overrideReason} maxLength={1000} onChange={(e) => setOverrideReason(e.target.value)} />
              </label>
            )}
          </div>
        )}

        {(step === 'preview' || step === 'done') && preview && (
          <div className="import-preview">
            {step === 'done' && summary && (
              <div className="import-summary" data-testid="import-summary">
                <p>
                  <b>Đã ghi:</b>{' '}
                  {target === 'enrolments'
                    ? `ghi danh ${summary.counts.new.toLocaleString('vi-VN')} người vào khoá “${courseName}”${summary.counts.unchanged ? `, ${summary.counts.unchanged.toLocaleString('vi-VN')} người đã có trong khoá` : ''}`
                    : `${doneText(target, summary.counts)}${summary.counts.unchanged ? `, ${summary.counts.unchanged.toLocaleString('vi-VN')} ${NOUN[target]} không đổi` : ''}`}
                  .
                  {undone && <b> Lần nhập này đã được hoàn tác.</b>}
                </p>
                {summary.skippedReasons.length > 0 && (
                  <ul>
                    {summary.skippedReasons.map((r) => (
                      <li key={r.reason}>
                        Không nhập {r.rows.toLocaleString('vi-VN')} dòng: {r.reason}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
            <div className="tabs" role="tablist" aria-label="Lọc theo kết quả">
              <button type="button" role="tab" aria-selected={filter === 'all'} onClick={() => (setFilter('all'), setPage(0))}>
                Tất cả
              </button>
              {STATUS_ORDER.map((s) => (
                <button key={s} type="button" role="tab" aria-selected={filter === s} data-status={s} onClick={() => (setFilter(s), setPage(0))}>
                  {ROW_STATUSES[s]} ({preview.counts[s].toLocaleString('vi-VN')})
                </button>
              ))}
            </div>
            {preview.unknownUnits.length > 0 && (
              <p className="import-warning">
                Đơn vị không có trong cây tổ chức: {preview.unknownUnits.map((u) => `${u.name} (${u.rows} dòng)`).join('; ')}. Các dòng này chưa được nhập; hãy thêm đơn vị ở mục Danh mục rồi xem trước lại.
              </p>
            )}
            <table className="import-rows" data-testid="import-rows">
              <thead>
                <tr>
                  <th>Dòng</th>
                  <th>Kết quả</th>
                  <th>Họ và tên</th>
                  <th>Ngày sinh</th>
                  <th>{target === 'rotations' ? 'Nơi đi → nơi đến' : 'Đơn vị'}</th>
                  <th>Chi tiết</th>
                </tr>
              </thead>
              <tbody>
                {rows?.rows.map((r) => (
                  <tr key={r.rowNo} className={`status-${r.status}`} data-row={r.rowNo}>
                    <td>{r.rowNo}</td>
                    <td>{ROW_STATUSES[r.status]}</td>
                    <td>{r.values.fullName}</td>
                    <td>{r.values.birthDate ?? r.values.birthDateMale ?? r.values.birthDateFemale}</td>
                    <td>{r.values.unit}</td>
                    <td>
                      {(r.status === 'new' || (target !== 'cadres' && r.status !== 'skipped')) && <div className="values">{otherValues(r, fieldLabel)}</div>}
                      {r.changes.length > 0 && (
                        <ul className="changes">
                          {r.changes.map((c) => (
                            <li key={c.field}>
                              {c.label}: <s>{c.from || '(trống)'}</s> → <b>{c.to}</b>
                            </li>
                          ))}
                        </ul>
                      )}
                      {r.messages.length > 0 && (
                        <ul className={r.status === 'error' ? 'errors' : 'notes'}>
                          {r.messages.map((m, i) => (
                            <li key={i}>{m.message}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {rows && rows.total > PAGE && (
              <div className="pager">
                <button type="button" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
                  ‹ Trang trước
                </button>
                <span>
                  Trang {page + 1}/{Math.ceil(rows.total / PAGE)}
                </span>
                <button type="button" disabled={(page + 1) * PAGE >= rows.total} onClick={() => setPage((p) => p + 1)}>
                  Trang sau ›
                </button>
              </div>
            )}
            {step === 'preview' && (
              <p>
                <label className="check">
                  <input type="checkbox" checked={saveMapping} onChange={(e) => setSaveMapping(e.target.checked)} /> Lưu cách ghép cột này để dùng cho tệp cùng mẫu, tên:
                </label>{' '}
                <input aria-label="Tên cách ghép cột" value={mappingName} onChange={(e) => setMappingName(e.target.value)} disabled={!saveMapping} />
              </p>
            )}
          </div>
        )}
      </div>
    </Modal>
  );
}

function FileStep({ onChoose, busy, onUndo }: { onChoose(input: HTMLInputElement): void; busy: boolean; onUndo(): void }) {
  const notify = useNotify();
  const [recent, setRecent] = useState<Awaited<ReturnType<typeof call<'imports.list'>>>>([]);
  const load = () => call('imports.list', { limit: 5 }).then(setRecent).catch(() => undefined);
  useEffect(() => {
    void load();
  }, []);
  const undo = async (id: number, name: string) => {
    if (!window.confirm(`Hoàn tác toàn bộ lần nhập từ tệp ${name}?`)) return;
    try {
      const r = await call('imports.undo', { importId: id });
      notify('success', `Đã hoàn tác: xoá ${r.removed} hồ sơ thêm mới, khôi phục ${r.restored} hồ sơ đã cập nhật.`);
      onUndo();
      void load();
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };
  return (
    <div className="import-file">
      <p>
        Chọn tệp Excel (.xlsx) hoặc CSV. Tệp có thể có dòng tiêu đề, ô gộp, cột STT, dòng tổng cộng; ngày sinh ghi dạng ngày của Excel, “05/03/1978” hoặc “1978”; trình độ ghi tự do
        (“ThS”, “Cao cấp LLCT”...). Tệp .xls cũ hãy lưu lại thành .xlsx trước.
      </p>
      <input type="file" accept=".xlsx,.xls,.csv,.txt" aria-label="Chọn tệp để nhập" disabled={busy} onChange={(e) => onChoose(e.currentTarget)} data-testid="import-file" />
      {recent.length > 0 && (
        <>
          <h3>Các lần nhập gần đây</h3>
          <table className="import-recent">
            <tbody>
              {recent.map((r) => (
                <tr key={r.id}>
                  <td>{new Date(r.committedAt ?? r.createdAt).toLocaleString('vi-VN')}</td>
                  <td>{r.fileName}</td>
                  <td>{r.counts ? `${r.counts.new} mới, ${r.counts.update} cập nhật` : ''}</td>
                  <td>{r.actor}</td>
                  <td>
                    {r.status === 'undone' ? (
                      'Đã hoàn tác'
                    ) : (
                      <button type="button" onClick={() => undo(r.id, r.fileName)}>
                        Hoàn tác
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

const SHOWN_IN_COLUMNS = new Set(['fullName', 'birthDate', 'birthDateMale', 'birthDateFemale', 'unit']);

/** What the records of each kind of import are called in messages. */
const NOUN: Record<ImportTarget, string> = { cadres: 'hồ sơ', qualifications: 'văn bằng', enrolments: 'người', rotations: 'đợt luân chuyển' };

const FILE_HINT: Record<ImportTarget, string> = {
  cadres: 'Mỗi dòng một cán bộ; dòng trùng người (cùng số CCCD, hoặc cùng họ tên và ngày sinh) được cập nhật vào hồ sơ đang có.',
  qualifications: 'Mỗi dòng một văn bằng, chứng chỉ (một người có thể ở nhiều dòng, ô họ tên có thể gộp); văn bằng đã có trong hồ sơ không được thêm lần nữa.',
  enrolments: 'Mỗi dòng một học viên, tìm theo số CCCD hoặc họ tên và ngày sinh trong danh sách cán bộ.',
  rotations: 'Mỗi dòng một đợt luân chuyển, điều động, biệt phái của cán bộ đã có hồ sơ; đợt đã có (cùng cán bộ, cùng ngày bắt đầu) được cập nhật. Dòng có ngày bắt đầu thực tế được ghi vào quá trình công tác.',
};

function doneText(target: ImportTarget, counts: { new: number; update: number }): string {
  const n = (x: number) => x.toLocaleString('vi-VN');
  if (target === 'enrolments') return `ghi danh ${n(counts.new)} người`;
  if (target === 'qualifications') return `${n(counts.new)} văn bằng thêm mới, ${n(counts.update)} văn bằng bổ sung thông tin`;
  return `${n(counts.new)} ${NOUN[target]} thêm mới, ${n(counts.update)} ${NOUN[target]} cập nhật`;
}

/** The parsed values not already shown in their own columns: "Giới tính: Nữ · Dân tộc: Khơ-me · ...". */
function otherValues(r: ImportRow, labels: Map<string, string>): string {
  return Object.entries(r.values)
    .filter(([k]) => !SHOWN_IN_COLUMNS.has(k))
    .map(([k, v]) => `${labels.get(k) ?? k}: ${v}`)
    .join(' · ');
}

function columnLetter(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
