import { useCallback, useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellValueChangedEvent, ColDef } from 'ag-grid-community';
import { ApiError, call, errorMessage } from '../../api';
import type { Indicator, Resolution, TrainingStandard } from '../../../../shared/api/indicators';
import { INDICATOR_KINDS, INDICATOR_UNITS } from '../../../../shared/api/indicators';
import { formatVnDate, parseVnDate } from '../../../../shared/domain/dates';
import { gridLocale, gridTheme } from '../../grid/setup';
import { useNotify } from '../../components/notify';
import { Modal } from '../../components/Modal';
import { useReference } from '../../data/reference';
import { fmtNum } from './format';
import { parseVnNumber } from './EntryTab';
import { useCanWrite } from '../login/session';

// Nghị quyết, chỉ tiêu, tiêu chuẩn: a new resolution, indicator, target or training standard is data entry here.
// Cells save on edit (one call each); the definition of a computed indicator is edited as JSON and checked by the
// server (unknown levels, roles or unit kinds are refused with the reason).

const labelToKey = (labels: Record<string, string>, v: unknown) => Object.entries(labels).find(([k, l]) => l === v || k === v)?.[0] ?? null;

export function SetupTab() {
  const notify = useNotify();
  const ref = useReference();
  // Viewers read the resolution, its targets and the standards; nothing opens for editing.
  const canWrite = useCanWrite();
  const [resolutions, setResolutions] = useState<Resolution[]>([]);
  const [resolutionId, setResolutionId] = useState<number | null>(null);
  const [indicators, setIndicators] = useState<Indicator[] | null>(null);
  const [standards, setStandards] = useState<TrainingStandard[] | null>(null);
  const [editingDef, setEditingDef] = useState<Indicator | null>(null);
  const [adding, setAdding] = useState(false);

  const load = useCallback(async () => {
    try {
      const rs = await call('indicators.resolutions', {});
      setResolutions(rs);
      const rid = resolutionId ?? rs[0]?.id ?? null;
      setResolutionId(rid);
      setIndicators(rid ? await call('indicators.list', { resolutionId: rid }) : []);
      setStandards(await call('indicators.standards', {}));
    } catch (e) {
      notify('error', errorMessage(e));
    }
  }, [resolutionId, notify]);
  useEffect(() => {
    void load();
  }, [load]);

  const res = resolutions.find((r) => r.id === resolutionId) ?? null;
  const replaceIndicator = (i: Indicator) => setIndicators((list) => (list ?? []).map((x) => (x.id === i.id ? i : x)));

  const onIndicatorEdit = async (e: CellValueChangedEvent<Indicator>) => {
    const ind = e.data;
    const col = e.colDef.colId!;
    try {
      if (col === 't2025' || col === 't2030') {
        const parsed = parseVnNumber(e.newValue);
        if (!parsed.ok) throw new Error(parsed.message);
        replaceIndicator(await call('indicators.setTarget', { indicatorId: ind.id, year: col === 't2025' ? 2025 : 2030, value: parsed.value }));
      } else {
        let value: unknown = e.newValue;
        if (col === 'kind') value = labelToKey(INDICATOR_KINDS, e.newValue);
        if (col === 'unit') value = labelToKey(INDICATOR_UNITS, e.newValue);
        if (col === 'sortOrder') value = Number(e.newValue);
        replaceIndicator(await call('indicators.update', { id: ind.id, version: ind.version, changes: { [col]: value } as any }));
      }
      notify('success', `Đã lưu chỉ tiêu ${ind.code}.`);
    } catch (err) {
      notify('error', `${ind.code}: ${err instanceof ApiError ? errorMessage(err) : (err as Error).message}`);
      void load();
    }
  };

  const target = (i: Indicator | undefined, year: number) => i?.targets.find((t) => t.year === year)?.value ?? null;
  const indicatorColumns = useMemo<ColDef<Indicator>[]>(
    () => [
      { colId: 'sortOrder', field: 'sortOrder', headerName: 'Thứ tự', width: 80, editable: true },
      { colId: 'code', field: 'code', headerName: 'Mã', width: 90, editable: true },
      { colId: 'text', field: 'text', headerName: 'Nội dung chỉ tiêu', flex: 1, minWidth: 280, editable: true, wrapText: true, autoHeight: true, cellClass: 'cell-wrap', cellEditor: 'agLargeTextCellEditor', cellEditorPopup: true },
      { colId: 'kind', headerName: 'Loại', width: 140, editable: true, valueGetter: (p) => (p.data ? INDICATOR_KINDS[p.data.kind] : ''), cellEditor: 'agSelectCellEditor', cellEditorParams: { values: Object.values(INDICATOR_KINDS) } },
      { colId: 'unit', headerName: 'Đơn vị tính', width: 120, editable: true, valueGetter: (p) => (p.data ? INDICATOR_UNITS[p.data.unit] : ''), cellEditor: 'agSelectCellEditor', cellEditorParams: { values: Object.values(INDICATOR_UNITS) } },
      { colId: 't2025', headerName: 'Mục tiêu 2025', width: 115, editable: true, type: 'rightAligned', valueGetter: (p) => target(p.data, 2025), valueFormatter: (p) => fmtNum(p.value) },
      { colId: 't2030', headerName: 'Mục tiêu 2030', width: 115, editable: true, type: 'rightAligned', valueGetter: (p) => target(p.data, 2030), valueFormatter: (p) => fmtNum(p.value) },
      {
        colId: 'actions',
        headerName: '',
        width: 170,
        cellRenderer: (p: { data?: Indicator }) =>
          p.data ? (
            <span>
              <button type="button" className="link" onClick={() => setEditingDef(p.data!)}>
                Cách tính
              </button>
              <button type="button" className="link" onClick={() => void remove(p.data!)}>
                Xoá
              </button>
            </span>
          ) : null,
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const shownIndicatorColumns = useMemo(
    () => (canWrite ? indicatorColumns : indicatorColumns.filter((c) => c.colId !== 'actions').map((c) => ({ ...c, editable: false }))),
    [canWrite, indicatorColumns],
  );

  const remove = async (ind: Indicator) => {
    if (!window.confirm(`Xoá chỉ tiêu ${ind.code}? Số liệu đã nhập vẫn được giữ trong cơ sở dữ liệu.`)) return;
    try {
      await call('indicators.delete', { id: ind.id, version: ind.version });
      setIndicators((list) => (list ?? []).filter((x) => x.id !== ind.id));
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  const level = (list: string) => (v: unknown) => ref.label(list, v as string | null);
  const standardColumns = useMemo<ColDef<TrainingStandard>[]>(
    () => [
      { colId: 'standardSet', field: 'standardSet', headerName: 'Bộ tiêu chuẩn', width: 150 },
      { colId: 'sortOrder', field: 'sortOrder', headerName: 'Thứ tự', width: 80 },
      { colId: 'label', field: 'label', headerName: 'Áp dụng cho', flex: 1, minWidth: 220 },
      { colId: 'positionCodes', headerName: 'Chức vụ', width: 260, valueGetter: (p) => (p.data?.positionCodes ?? []).map((k) => ref.label('position', k)).join('; ') || 'mọi chức vụ' },
      { colId: 'minGeneral', field: 'minGeneral', headerName: 'Văn hoá tối thiểu', width: 120, valueFormatter: (p) => level('level.pho_thong')(p.value) },
      { colId: 'minProfessional', field: 'minProfessional', headerName: 'Chuyên môn tối thiểu', width: 140, valueFormatter: (p) => level('level.chuyen_mon')(p.value) },
      { colId: 'minPolitical', field: 'minPolitical', headerName: 'LLCT tối thiểu', width: 120, valueFormatter: (p) => level('level.ly_luan_chinh_tri')(p.value) },
      { colId: 'minStateMgmt', field: 'minStateMgmt', headerName: 'QLNN tối thiểu', width: 140, valueFormatter: (p) => level('level.quan_ly_nha_nuoc')(p.value) },
      { colId: 'note', field: 'note', headerName: 'Ghi chú', width: 240 },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ref],
  );
  const [editingStd, setEditingStd] = useState<TrainingStandard | null>(null);

  return (
    <div className="setup-section">
      <h3>Nghị quyết</h3>
      <div className="toolbar" style={{ padding: 0 }}>
        <select aria-label="Nghị quyết" value={resolutionId ?? ''} onChange={(e) => setResolutionId(Number(e.target.value))}>
          {resolutions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
        {canWrite && (
          <button type="button" onClick={() => void newResolution()}>
            + Nghị quyết mới
          </button>
        )}
      </div>
      {res && <ResolutionForm key={`${res.id}:${res.version}`} res={res} readOnly={!canWrite} onSaved={(r) => setResolutions((l) => l.map((x) => (x.id === r.id ? r : x)))} />}

      <h3>Chỉ tiêu và mục tiêu</h3>
      <div className="toolbar" style={{ padding: 0 }}>
        {canWrite && (
          <>
            <button type="button" className="primary" onClick={() => setAdding(true)} disabled={!resolutionId}>
              + Thêm chỉ tiêu
            </button>
            <span className="muted">Sửa trực tiếp trong ô; mục tiêu để trống = không có mục tiêu năm đó.</span>
          </>
        )}
      </div>
      <div className="setup-grid" data-testid="setup-indicators">
        <AgGridReact<Indicator>
          theme={gridTheme}
          localeText={gridLocale}
          rowData={indicators ?? undefined}
          loading={indicators === null}
          columnDefs={shownIndicatorColumns}
          defaultColDef={{ resizable: true }}
          getRowId={(p) => String(p.data.id)}
          animateRows={false}
          singleClickEdit
          stopEditingWhenCellsLoseFocus
          onCellValueChanged={(e) => void onIndicatorEdit(e)}
        />
      </div>

      <h3>Tiêu chuẩn chức danh ("đạt chuẩn")</h3>
      <p className="muted">
        Trong mỗi bộ, dòng đầu tiên (theo thứ tự) phù hợp với chức vụ, cấp đơn vị và loại cán bộ của người đó được áp dụng; người đạt mọi trình độ tối thiểu
        của dòng đó được tính là đạt chuẩn. Nhấn đúp vào một dòng để sửa.
      </p>
      {canWrite && (
        <div className="toolbar" style={{ padding: 0 }}>
          <button type="button" onClick={() => setEditingStd(NEW_STANDARD)}>
            + Thêm tiêu chuẩn
          </button>
        </div>
      )}
      <div className="setup-grid" style={{ height: 260 }}>
        <AgGridReact<TrainingStandard>
          theme={gridTheme}
          localeText={gridLocale}
          rowData={standards ?? undefined}
          loading={standards === null}
          columnDefs={standardColumns}
          defaultColDef={{ resizable: true }}
          getRowId={(p) => String(p.data.id)}
          animateRows={false}
          onRowDoubleClicked={(e) => canWrite && e.data && setEditingStd(e.data)}
        />
      </div>

      {editingDef && <DefinitionDialog indicator={editingDef} onClose={() => setEditingDef(null)} onSaved={(i) => (replaceIndicator(i), setEditingDef(null))} />}
      {adding && resolutionId && (
        <NewIndicatorDialog resolutionId={resolutionId} onClose={() => setAdding(false)} onSaved={(i) => (setIndicators((l) => [...(l ?? []), i]), setAdding(false))} />
      )}
      {editingStd && (
        <StandardDialog
          std={editingStd}
          onClose={() => setEditingStd(null)}
          onSaved={(s) => (setStandards((l) => (editingStd.id === 0 ? [...(l ?? []), s] : (l ?? []).map((x) => (x.id === s.id ? s : x)))), setEditingStd(null))}
          onDeleted={(id) => (setStandards((l) => (l ?? []).filter((x) => x.id !== id)), setEditingStd(null))}
        />
      )}
    </div>
  );

  async function newResolution() {
    const name = window.prompt('Tên nghị quyết mới:');
    if (!name) return;
    try {
      const r = await call('indicators.createResolution', { name });
      setResolutions((l) => [...l, r]);
      setResolutionId(r.id);
    } catch (e) {
      notify('error', errorMessage(e));
    }
  }
}

function ResolutionForm({ res, readOnly, onSaved }: { res: Resolution; readOnly: boolean; onSaved(r: Resolution): void }) {
  const notify = useNotify();
  const [v, setV] = useState({
    name: res.name,
    number: res.number ?? '',
    issuedDate: formatVnDate(res.issuedDate),
    issuingBody: res.issuingBody ?? '',
    periodStart: formatVnDate(res.periodStart),
    periodEnd: formatVnDate(res.periodEnd),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async () => {
    const errs: Record<string, string> = {};
    const date = (k: 'issuedDate' | 'periodStart' | 'periodEnd') => {
      const r = parseVnDate(v[k]);
      if (!r.ok) errs[k] = r.message;
      return r.ok ? r.value : null;
    };
    const changes = { name: v.name, number: v.number, issuingBody: v.issuingBody, issuedDate: date('issuedDate'), periodStart: date('periodStart'), periodEnd: date('periodEnd') };
    if (Object.keys(errs).length) return setErrors(errs);
    try {
      onSaved(await call('indicators.updateResolution', { id: res.id, version: res.version, changes }));
      setErrors({});
      notify('success', 'Đã lưu thông tin nghị quyết.');
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors);
      notify('error', errorMessage(e));
    }
  };
  const field = (k: keyof typeof v, label: string, wide = false) => (
    <label className="field" style={wide ? { gridColumn: '1 / -1' } : undefined}>
      <span>{label}</span>
      <input value={v[k]} readOnly={readOnly} aria-invalid={errors[k] ? 'true' : undefined} onChange={(e) => setV({ ...v, [k]: e.target.value })} />
      {errors[k] && <span className="error-text">{errors[k]}</span>}
    </label>
  );
  return (
    <div className="form-grid" style={{ maxWidth: 900 }}>
      {field('name', 'Tên nghị quyết', true)}
      {field('number', 'Số hiệu')}
      {field('issuedDate', 'Ngày ban hành')}
      {field('issuingBody', 'Cơ quan ban hành')}
      {field('periodStart', 'Giai đoạn từ ngày')}
      {field('periodEnd', 'Đến ngày')}
      {!readOnly && (
        <div>
          <button type="button" className="primary" onClick={() => void save()}>
            Lưu nghị quyết
          </button>
        </div>
      )}
    </div>
  );
}

function DefinitionDialog({ indicator, onClose, onSaved }: { indicator: Indicator; onClose(): void; onSaved(i: Indicator): void }) {
  const [json, setJson] = useState(indicator.definition ? JSON.stringify(indicator.definition, null, 2) : '');
  const [ruleText, setRuleText] = useState(indicator.ruleText ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    let definition: unknown = null;
    if (json.trim()) {
      try {
        definition = JSON.parse(json);
      } catch (e) {
        return setError(`Cách tính không đúng cú pháp JSON: ${(e as Error).message}`);
      }
    }
    try {
      onSaved(await call('indicators.update', { id: indicator.id, version: indicator.version, changes: { definition: definition as any, ruleText } }));
    } catch (e) {
      setError(e instanceof ApiError ? Object.values(e.fieldErrors)[0] ?? e.message : errorMessage(e));
    }
  };
  return (
    <Modal
      title={`Cách tính chỉ tiêu ${indicator.code}`}
      wide
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Huỷ
          </button>
          <button type="button" className="primary" onClick={() => void save()}>
            Lưu
          </button>
        </>
      }
    >
      <label className="field">
        <span>Diễn giải (hiện trên bảng và báo cáo)</span>
        <textarea rows={3} value={ruleText} onChange={(e) => setRuleText(e.target.value)} />
      </label>
      <label className="field">
        <span>
          Định nghĩa: population (đối tượng: unitLevels, unitKinds, excludeUnitKinds, categories, exclude, flagsAny, ethnicMinority, ethnicContactUnit) và
          counted (điều kiện đạt: levelAtLeast, hasLevel, levelAttr, fluencyAttr, meetsStandard, all, any, not)
        </span>
        <textarea className="definition-editor" value={json} onChange={(e) => setJson(e.target.value)} spellCheck={false} />
      </label>
      {error && <p className="error-text">{error}</p>}
    </Modal>
  );
}

function NewIndicatorDialog({ resolutionId, onClose, onSaved }: { resolutionId: number; onClose(): void; onSaved(i: Indicator): void }) {
  const [v, setV] = useState({ code: '', text: '', kind: 'entered', unit: 'percent', t2025: '', t2030: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async () => {
    const targets: { year: number; value: number }[] = [];
    for (const [k, year] of [['t2025', 2025], ['t2030', 2030]] as const) {
      const p = parseVnNumber(v[k]);
      if (!p.ok) return setErrors({ [k]: p.message });
      if (p.value !== null) targets.push({ year, value: p.value });
    }
    const definition =
      v.kind === 'computed' ? { population: { categories: ['can_bo', 'cong_chuc', 'vien_chuc'] }, counted: { type: 'levelAttr', category: 'chuyen_mon', attr: 'postgraduate' } } : undefined;
    try {
      onSaved(await call('indicators.create', { resolutionId, code: v.code, text: v.text, kind: v.kind as any, unit: v.unit as any, targets, definition: definition as any }));
    } catch (e) {
      setErrors(e instanceof ApiError ? { ...e.fieldErrors, _: e.message } : { _: errorMessage(e) });
    }
  };
  const input = (k: keyof typeof v, label: string) => (
    <label className="field">
      <span>{label}</span>
      <input value={v[k]} aria-invalid={errors[k] ? 'true' : undefined} onChange={(e) => setV({ ...v, [k]: e.target.value })} />
      {errors[k] && <span className="error-text">{errors[k]}</span>}
    </label>
  );
  return (
    <Modal
      title="Thêm chỉ tiêu"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Huỷ
          </button>
          <button type="button" className="primary" onClick={() => void save()}>
            Thêm
          </button>
        </>
      }
    >
      <div className="form-grid">
        {input('code', 'Mã (ví dụ 9a)')}
        <label className="field">
          <span>Loại</span>
          <select value={v.kind} onChange={(e) => setV({ ...v, kind: e.target.value })}>
            {Object.entries(INDICATOR_KINDS).map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label className="field" style={{ gridColumn: '1 / -1' }}>
          <span>Nội dung</span>
          <textarea rows={2} value={v.text} onChange={(e) => setV({ ...v, text: e.target.value })} />
          {errors.text && <span className="error-text">{errors.text}</span>}
        </label>
        <label className="field">
          <span>Đơn vị tính</span>
          <select value={v.unit} onChange={(e) => setV({ ...v, unit: e.target.value })}>
            {Object.entries(INDICATOR_UNITS).map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <span />
        {input('t2025', 'Mục tiêu 2025')}
        {input('t2030', 'Mục tiêu 2030')}
      </div>
      {v.kind === 'computed' && <p className="muted">Chỉ tiêu tính từ hồ sơ được tạo với cách tính mẫu (CBCCVC có trình độ sau đại học); sửa lại trong "Cách tính".</p>}
      {errors._ && <p className="error-text">{errors._}</p>}
    </Modal>
  );
}

/** A new standard row: id 0 until saved. */
const NEW_STANDARD: TrainingStandard = {
  id: 0, version: 1, standardSet: 'cbccvc_tinh_huyen', label: '', sortOrder: 100, positionCodes: null, unitLevels: null, categories: null,
  minGeneral: null, minProfessional: null, minPolitical: null, minStateMgmt: null, note: null,
};

function StandardDialog({ std, onClose, onSaved, onDeleted }: { std: TrainingStandard; onClose(): void; onSaved(s: TrainingStandard): void; onDeleted(id: number): void }) {
  const ref = useReference();
  const [v, setV] = useState({ ...std });
  const [error, setError] = useState<string | null>(null);
  const select = (k: 'minGeneral' | 'minProfessional' | 'minPolitical' | 'minStateMgmt', list: string, label: string) => (
    <label className="field">
      <span>{label}</span>
      <select value={v[k] ?? ''} onChange={(e) => setV({ ...v, [k]: e.target.value || null })}>
        <option value="">(không yêu cầu)</option>
        {ref.list(list).map((c) => (
          <option key={c.key} value={c.key}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
  const remove = async () => {
    if (!window.confirm(`Xoá tiêu chuẩn "${std.label}"?`)) return;
    try {
      await call('indicators.deleteStandard', { id: std.id, version: std.version });
      onDeleted(std.id);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const save = async () => {
    try {
      if (std.id === 0) {
        const { id: _id, version: _v, ...fields } = v;
        return onSaved(await call('indicators.createStandard', { ...fields, note: fields.note ?? undefined }));
      }
      onSaved(
        await call('indicators.updateStandard', {
          id: std.id,
          version: std.version,
          changes: { standardSet: v.standardSet, label: v.label, sortOrder: v.sortOrder, minGeneral: v.minGeneral, minProfessional: v.minProfessional, minPolitical: v.minPolitical, minStateMgmt: v.minStateMgmt, positionCodes: v.positionCodes, note: v.note ?? undefined },
        }),
      );
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Modal
      title={std.id === 0 ? 'Thêm tiêu chuẩn' : `Tiêu chuẩn: ${std.label}`}
      onClose={onClose}
      footer={
        <>
          {std.id !== 0 && (
            <button type="button" className="danger" onClick={() => void remove()}>
              Xoá
            </button>
          )}
          <button type="button" onClick={onClose}>
            Huỷ
          </button>
          <button type="button" className="primary" onClick={() => void save()}>
            Lưu
          </button>
        </>
      }
    >
      <div className="form-grid">
        <label className="field">
          <span>Bộ tiêu chuẩn (chỉ tiêu dùng tên bộ trong "Cách tính")</span>
          <input value={v.standardSet} onChange={(e) => setV({ ...v, standardSet: e.target.value })} />
        </label>
        <label className="field">
          <span>Thứ tự (dòng nhỏ hơn được xét trước)</span>
          <input type="number" value={v.sortOrder} onChange={(e) => setV({ ...v, sortOrder: Number(e.target.value) || 0 })} />
        </label>
        <label className="field" style={{ gridColumn: '1 / -1' }}>
          <span>Áp dụng cho</span>
          <input value={v.label} onChange={(e) => setV({ ...v, label: e.target.value })} />
        </label>
        <label className="field" style={{ gridColumn: '1 / -1' }}>
          <span>Chức vụ (giữ Ctrl để chọn nhiều; không chọn = mọi chức vụ)</span>
          <select multiple size={6} value={v.positionCodes ?? []} onChange={(e) => setV({ ...v, positionCodes: [...e.target.selectedOptions].map((o) => o.value) })}>
            {ref.list('position').map((c) => (
              <option key={c.key} value={c.key}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        {select('minGeneral', 'level.pho_thong', 'Văn hoá tối thiểu')}
        {select('minProfessional', 'level.chuyen_mon', 'Chuyên môn tối thiểu')}
        {select('minPolitical', 'level.ly_luan_chinh_tri', 'Lý luận chính trị tối thiểu')}
        {select('minStateMgmt', 'level.quan_ly_nha_nuoc', 'Quản lý nhà nước tối thiểu')}
      </div>
      {error && <p className="error-text">{error}</p>}
    </Modal>
  );
}
