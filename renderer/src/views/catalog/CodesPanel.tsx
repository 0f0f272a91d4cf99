import { useCallback, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import { ApiError, call } from '../../api';
import type { CodeEntry } from '../../../../shared/api/codes';
import { CODE_LIST_NAMES, ETHNICITY_CODE_ORDER } from '../../../../shared/domain/codes';
import { useReference } from '../../data/reference';
import { useNotify } from '../../components/notify';
import { ExportButtons } from '../../grid/ExportButtons';
import { useCanWrite } from '../login/session';
import { ConflictDialog } from '../../components/ConflictDialog';
import { TextInput } from '../../components/form';
import { gridLocale, gridTheme } from '../../grid/setup';
import { boolField, numberField, textField, type FieldSpec } from '../../grid/fields';
import { useEditableGrid, type SaveItem, type SaveKind } from '../../grid/useEditableGrid';

// Danh mục mã: pick a code list, edit its entries in place (name, official code, order, in use). Records store the
// key, so renaming or recoding an entry changes what every screen shows without touching a record.

/** What an entry's attributes mean to the rules, in words (read-only: the indicators depend on them). */
const ATTR_LABELS: Record<string, string> = {
  minority: 'Dân tộc thiểu số',
  postgraduate: 'Sau đại học',
  doctorate: 'Tiến sĩ',
  upperSecondaryComplete: 'Tốt nghiệp THPT',
  certified: 'Có chứng chỉ',
  fluent: 'Thành thạo',
};
/** Markers a clerk may set per list, each an editable tick column; the rules (indicators, training) read them. */
const EDITABLE_MARKERS: Record<string, string[]> = {
  ethnicity: ['minority'],
  'level.chuyen_mon': ['postgraduate', 'doctorate'],
  'level.pho_thong': ['upperSecondaryComplete'],
  'level.tieng_dtts': ['certified'],
  language_fluency: ['fluent'],
};

/** The other markers, read-only. */
const otherMarkers = (e: CodeEntry, editable: string[]) =>
  Object.entries(e.attrs)
    .filter(([k, v]) => v === true && !editable.includes(k))
    .map(([k]) => ATTR_LABELS[k] ?? k)
    .join(', ');

function markerSpec(key: string): FieldSpec<CodeEntry> {
  return boolField<CodeEntry>(`attrs.${key}`, ATTR_LABELS[key] ?? key, (r) => r.attrs[key] === true, (v) => ({ attrs: { [key]: v } }), 130);
}

function codeFieldSpecs(list: string): FieldSpec<CodeEntry>[] {
  const rank = numberField<CodeEntry>('rank', 'Thứ tự', { width: 100 });
  return [
    { ...textField<CodeEntry>('key', 'Khoá', { width: 140 }), editable: false },
    textField<CodeEntry>('code', 'Mã chính thức', { max: 32, width: 130 }),
    textField<CodeEntry>('name', 'Tên', { required: true, max: 200, width: 260 }),
    {
      ...rank,
      // The order decides which level is "highest", so it cannot be left empty.
      parse: (raw) => {
        const r = rank.parse(raw);
        return r.ok && r.value === null ? { ok: false, message: 'Thứ tự không được để trống.' } : r;
      },
    },
    boolField<CodeEntry>('active', 'Đang dùng', (r) => r.active, (v) => ({ active: v }), 100),
    ...(EDITABLE_MARKERS[list] ?? []).map(markerSpec),
  ];
}

export function CodesPanel() {
  const ref = useReference();
  const lists = useMemo(() => {
    const names = { ...CODE_LIST_NAMES };
    for (const c of ref.codes) if (!(c.list in names)) names[c.list] = c.list;
    return Object.entries(names).map(([list, name]) => ({ list, name, count: ref.codes.filter((c) => c.list === list).length }));
  }, [ref.codes]);
  const [list, setList] = useState('ethnicity');
  const entries = useMemo(() => ref.codes.filter((c) => c.list === list), [ref.codes, list]);

  return (
    <>
      <nav aria-label="Các danh mục mã">
        <ul className="code-lists">
          {lists.map((l) => (
            <li key={l.list}>
              <button type="button" aria-current={l.list === list} onClick={() => setList(l.list)}>
                <span>{l.name}</span>
                <span className="count">{l.count}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <CodeListEditor key={list} list={list} listName={CODE_LIST_NAMES[list] ?? list} entries={entries} />
    </>
  );
}

function CodeListEditor({ list, listName, entries }: { list: string; listName: string; entries: CodeEntry[] }) {
  const ref = useReference();
  const notify = useNotify();
  const canWrite = useCanWrite();
  const fields = useMemo(() => codeFieldSpecs(list), [list]);
  const save = useCallback(
    async (items: SaveItem[], kind: SaveKind): Promise<CodeEntry[]> => {
      const rows = items.length === 1 && kind === 'edit' ? [await call('codes.update', items[0] as never)] : await call('codes.bulkUpdate', { items: items as never, kind });
      // Every screen shows names from the shared reference: refresh it (the grid already has the saved rows).
      void ref.reload();
      return rows;
    },
    [ref],
  );
  const grid = useEditableGrid<CodeEntry>({
    fields,
    getId: (r) => r.id,
    getVersion: (r) => r.version,
    rowLabel: (r) => r.name,
    save,
    conflictRows: (c) => (c ? [c as CodeEntry] : []),
    readOnlyReason: () => (canWrite ? null : 'Tài khoản chỉ xem không sửa được danh mục.'),
  });
  const columnDefs = useMemo<ColDef<CodeEntry>[]>(
    () => [
      ...fields.map((f) => grid.colDef(f, { sortable: true, editable: canWrite && f.editable !== false })),
      ...(entries.some((e) => otherMarkers(e, EDITABLE_MARKERS[list] ?? []))
        ? [{ colId: 'attrs', headerName: 'Thuộc tính khác', valueGetter: (p: { data?: CodeEntry }) => (p.data ? otherMarkers(p.data, EDITABLE_MARKERS[list] ?? []) : ''), width: 200 } as ColDef<CodeEntry>]
        : []),
      {
        colId: 'system',
        headerName: 'Nguồn',
        width: 120,
        valueGetter: (p) => (p.data?.system ? 'Có sẵn' : 'Người dùng thêm'),
        headerTooltip: 'Mục có sẵn của phần mềm: sửa được tên, mã, thứ tự, có thể ngừng dùng nhưng khoá không đổi.',
      },
    ],
    [canWrite, entries, fields, grid, list],
  );

  const postgraduate = entries.filter((e) => e.attrs.postgraduate === true).map((e) => e.name);
  const isLevelList = list.startsWith('level.');

  return (
    <div className="code-pane">
      <h2 className="visually-hidden">{listName}</h2>
      {list === 'ethnicity' && (
        <p className="code-note" data-testid="code-note">
          Thứ tự mã đang dùng: <b>{ETHNICITY_CODE_ORDER}</b>. Hồ sơ lưu khoá của dân tộc (không lưu mã), nên đổi mã hay thứ tự không làm thay đổi
          hồ sơ.
        </p>
      )}
      {isLevelList && (
        <p className="code-note" data-testid="code-note">
          Thứ tự càng lớn là trình độ càng cao; trình độ cao nhất của mỗi người được xác định theo thứ tự này.
          {list === 'level.chuyen_mon' && ' Đánh dấu cột “Sau đại học” để chỉ tiêu và điều kiện đào tạo tính trình độ đó là sau đại học.'}
          {postgraduate.length > 0 && (
            <>
              {' '}
              Được tính là <b>sau đại học</b>: {postgraduate.join(', ')}.
            </>
          )}
        </p>
      )}
      {canWrite && <AddCodeForm list={list} entries={entries} onAdded={(e) => notify('success', `Đã thêm “${e.name}” vào danh mục ${listName}.`)} />}
      <div className="grid-wrap" {...grid.containerProps} data-testid="code-grid">
        <AgGridReact<CodeEntry>
          {...grid.gridProps}
          theme={gridTheme}
          localeText={gridLocale}
          rowData={entries}
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true }}
          getRowId={(p) => String(p.data.id)}
          onGridReady={(e) => (grid.apiRef.current = e.api)}
          animateRows={false}
          suppressColumnVirtualisation
          enterNavigatesVerticallyAfterEdit
          stopEditingWhenCellsLoseFocus
          tooltipShowDelay={300}
          rowClassRules={{ 'row-inactive': (p) => p.data?.active === false }}
        />
      </div>
      <div className="statusbar">
        <span>{entries.length} mục</span>
        <span className="hint">Nhấp đúp hoặc gõ để sửa · Ctrl+V dán từ Excel · Ctrl+Z hoàn tác · bỏ dấu “Đang dùng” để ẩn khỏi các ô chọn mà không mất dữ liệu cũ</span>
        <ExportButtons api={() => grid.apiRef.current} fileName={`Danh mục ${listName}`} title={`DANH MỤC ${listName.toUpperCase()}`} />
      </div>
      {grid.conflict && <ConflictDialog conflict={grid.conflict} fields={fields} getId={(r) => r.id} rowLabel={(r) => r.name} onResolve={grid.resolveConflict} />}
    </div>
  );
}

function AddCodeForm({ list, entries, onAdded }: { list: string; entries: CodeEntry[]; onAdded(e: CodeEntry): void }) {
  const ref = useReference();
  const nextRank = entries.reduce((m, e) => Math.max(m, e.rank), 0) + 1;
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [rank, setRank] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const add = async () => {
    const local: Record<string, string> = {};
    if (!key.trim()) local.key = 'Hãy nhập khoá (ví dụ: kinh, thac_si).';
    if (!name.trim()) local.name = 'Tên không được để trống.';
    const rankValue = rank.trim() === '' ? nextRank : Number(rank.trim().replace(',', '.'));
    if (!Number.isFinite(rankValue)) local.rank = 'Thứ tự phải là số.';
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const entry = await call('codes.create', { list, key: key.trim(), name, code: code.trim() || null, rank: rankValue });
      await ref.reload();
      setKey('');
      setName('');
      setCode('');
      setRank('');
      onAdded(entry);
    } catch (e) {
      setErrors(e instanceof ApiError ? { _: e.message, ...e.fieldErrors } : { _: 'Không thêm được mục.' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="code-add" role="group" aria-label="Thêm mục vào danh mục">
      <TextInput label="Khoá" value={key} onChange={setKey} error={errors.key} placeholder="vd. buu_son" />
      <div className="field wide">
        <TextInput label="Tên" value={name} onChange={setName} error={errors.name} />
      </div>
      <TextInput label="Mã chính thức" value={code} onChange={setCode} error={errors.code} />
      <div className="field narrow">
        <TextInput label="Thứ tự" value={rank} onChange={setRank} error={errors.rank} placeholder={String(nextRank)} />
      </div>
      <button type="button" disabled={busy} onClick={add}>
        + Thêm mục
      </button>
      {errors._ && (
        <span className="error-text" role="alert">
          {errors._}
        </span>
      )}
    </div>
  );
}
