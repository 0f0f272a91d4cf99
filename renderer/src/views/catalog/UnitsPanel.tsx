import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, call, errorMessage } from '../../api';
import type { Unit } from '../../../../shared/api/units';
import type { CallInput } from '../../../../shared/api/contract';
import { formatVnDate, todayIso } from '../../../../shared/domain/dates';
import { useReference } from '../../data/reference';
import { useNotify } from '../../components/notify';
import { useCanWrite } from '../login/session';
import { UnitTree } from './UnitTree';
import { UnitHistory } from './UnitHistory';
import { UnitFields, draftErrors, draftOf, type UnitDraft } from './UnitFields';
import { AddUnitDialog, CloseUnitDialog, MoveUnitDialog } from './UnitDialogs';
import { isClosedOn, subtreeTotals, visibleTreeRows } from './unitTree';

type UnitChanges = CallInput<'units.update'>['changes'];
type Dialog = { kind: 'add' | 'move' | 'close'; unit: Unit | null } | null;

const CONFLICT_TEXT = 'Đơn vị vừa được sửa ở nơi khác nên thay đổi của bạn chưa được lưu. Đã tải lại giá trị hiện tại; hãy xem lại rồi nhập lại.';

/** Cơ cấu tổ chức: the tree on the left, the selected unit's form and its dated actions on the right. */
export function UnitsPanel() {
  const ref = useReference();
  const canWrite = useCanWrite();
  const notify = useNotify();
  const today = todayIso();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<Set<number> | null>(null);
  const [showClosed, setShowClosed] = useState(false);
  const [query, setQuery] = useState('');
  const [headcount, setHeadcount] = useState<Map<number, number>>(new Map());
  const [dialog, setDialog] = useState<Dialog>(null);

  const loadHeadcounts = useCallback(async () => {
    try {
      const rows = await call('units.headcounts', {});
      setHeadcount(new Map(rows.map((r) => [r.unitId, r.count])));
    } catch (e) {
      notify('error', errorMessage(e));
    }
  }, [notify]);
  useEffect(() => {
    void loadHeadcounts();
    // Sample data loaded or a backup restored: the counts are someone else's now.
    const reload = () => void loadHeadcounts();
    window.addEventListener('qlcb:data-replaced', reload);
    return () => window.removeEventListener('qlcb:data-replaced', reload);
  }, [loadHeadcounts]);

  // Open the top level on first load, so the tree starts one level deep.
  useEffect(() => {
    if (expanded === null && ref.loaded) setExpanded(new Set((ref.childrenOf.get(0) ?? []).map((u) => u.id)));
  }, [expanded, ref]);

  const rows = useMemo(
    () => visibleTreeRows(ref.childrenOf, { expanded: expanded ?? new Set(), showClosed, query, today }),
    [ref.childrenOf, expanded, showClosed, query, today],
  );
  const totals = useMemo(() => subtreeTotals(ref.childrenOf, headcount), [ref.childrenOf, headcount]);
  const selected = selectedId !== null ? ref.unitById.get(selectedId) ?? null : null;

  const toggle = (id: number, open: boolean) =>
    setExpanded((s) => {
      const next = new Set(s ?? []);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });

  /** Shows a unit: opens the branches above it, and the closed units if it is one. */
  const reveal = (unit: Unit) => {
    setSelectedId(unit.id);
    setExpanded((s) => {
      const next = new Set(s ?? []);
      let p = unit.parentId ? ref.unitById.get(unit.parentId) : undefined;
      if (unit.parentId) next.add(unit.parentId);
      while (p) {
        next.add(p.id);
        p = p.parentId ? ref.unitById.get(p.parentId) : undefined;
      }
      return next;
    });
    if (isClosedOn(unit, today)) setShowClosed(true);
  };

  /** After any change: refresh the shared reference (other screens show unit names from it) and the counts. */
  const afterChange = async (unit: Unit | null, message: string) => {
    setDialog(null);
    await Promise.all([ref.reload(), loadHeadcounts()]);
    if (unit) reveal(unit);
    notify('success', message);
  };
  const onConflict = async () => {
    setDialog(null);
    await ref.reload();
    notify('error', CONFLICT_TEXT);
  };

  const reopen = async (unit: Unit) => {
    if (!window.confirm(`Mở lại ${unit.name}? Ngày kết thúc và đơn vị kế thừa sẽ bị xoá; những người đã chuyển sang đơn vị kế thừa vẫn ở đó.`)) return;
    try {
      const u = await call('units.reopen', { id: unit.id, version: unit.version });
      await afterChange(u, `Đã mở lại ${u.name}.`);
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'conflict') await onConflict();
      else notify('error', errorMessage(e));
    }
  };

  return (
    <>
      <div className="unit-tree-pane">
        <div className="pane-tools">
          <input type="search" placeholder="Tìm đơn vị (không cần dấu)" aria-label="Tìm đơn vị" value={query} onChange={(e) => setQuery(e.target.value)} />
          <label className="check">
            <input type="checkbox" checked={showClosed} onChange={(e) => setShowClosed(e.target.checked)} /> Hiện đơn vị đã kết thúc
          </label>
          {canWrite && (
            <button type="button" className="primary" onClick={() => setDialog({ kind: 'add', unit: selected })}>
              + Thêm đơn vị
            </button>
          )}
        </div>
        <UnitTree
          rows={rows}
          selectedId={selectedId}
          onSelect={setSelectedId}
          onToggle={toggle}
          headcount={headcount}
          subtotal={totals}
          unitName={(id) => ref.unitName(id)}
        />
        <div className="legend">Số người đang công tác: tại đơn vị / kể cả các đơn vị cấp dưới. ↑↓ chọn, ←→ thu gọn, mở rộng.</div>
      </div>
      <div className="unit-detail">
        {selected ? (
          <UnitDetail
            key={selected.id}
            unit={selected}
            headcount={headcount.get(selected.id) ?? 0}
            subtotal={totals.get(selected.id) ?? 0}
            onAction={(kind) => setDialog({ kind, unit: selected })}
            onReopen={() => reopen(selected)}
            onSaved={(u) => afterChange(u, `Đã lưu ${u.name}.`)}
            onConflict={onConflict}
          />
        ) : (
          <p className="hint">Chọn một đơn vị trong cây để xem và sửa; hoặc bấm “Thêm đơn vị” để thêm đơn vị cấp cao nhất.</p>
        )}
      </div>
      {dialog?.kind === 'add' && <AddUnitDialog parent={dialog.unit} onClose={() => setDialog(null)} onDone={afterChange} onConflict={onConflict} />}
      {dialog?.kind === 'move' && dialog.unit && <MoveUnitDialog unit={dialog.unit} onClose={() => setDialog(null)} onDone={afterChange} onConflict={onConflict} />}
      {dialog?.kind === 'close' && dialog.unit && (
        <CloseUnitDialog unit={dialog.unit} headcount={headcount.get(dialog.unit.id) ?? 0} onClose={() => setDialog(null)} onDone={afterChange} onConflict={onConflict} />
      )}
    </>
  );
}

/** The changed attributes only, so the audit trail and a concurrent edit of another field are left alone. */
function changesOf(unit: Unit, d: UnitDraft): UnitChanges {
  const before = draftOf(unit);
  const changes: UnitChanges = {};
  if (d.name.trim() !== before.name) changes.name = d.name;
  if (d.shortName.trim() !== before.shortName) changes.shortName = d.shortName;
  if (d.kind !== before.kind && d.kind) changes.kind = d.kind;
  if (d.level !== before.level && d.level) changes.level = d.level;
  if (d.validFrom !== before.validFrom) changes.validFrom = d.validFrom;
  if (d.ethnicContact !== before.ethnicContact) changes.ethnicContact = d.ethnicContact;
  if (d.note.trim() !== before.note) changes.note = d.note;
  if (d.sortOrder.trim() !== '' && d.sortOrder.trim() !== before.sortOrder) changes.sortOrder = Number(d.sortOrder.trim());
  return changes;
}

function UnitDetail({ unit, headcount, subtotal, onAction, onReopen, onSaved, onConflict }: {
  unit: Unit;
  headcount: number;
  subtotal: number;
  onAction(kind: 'add' | 'move' | 'close'): void;
  onReopen(): void;
  onSaved(u: Unit): Promise<void>;
  onConflict(): Promise<void>;
}) {
  const ref = useReference();
  const canWrite = useCanWrite();
  const [draft, setDraft] = useState<UnitDraft>(() => draftOf(unit));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  // When the unit is reloaded with a new version (saved here or elsewhere), start again from what is stored.
  const [seenVersion, setSeenVersion] = useState(unit.version);
  if (seenVersion !== unit.version) {
    setSeenVersion(unit.version);
    setDraft(draftOf(unit));
    setErrors({});
    setMessage('');
  }
  const changes = changesOf(unit, draft);
  const dirty = Object.keys(changes).length > 0;
  const closed = !!unit.validTo;

  const save = async () => {
    const local = draftErrors(draft);
    setErrors(local);
    if (Object.keys(local).length) return setMessage('Hãy sửa các ô được đánh dấu.');
    setBusy(true);
    try {
      const u = await call('units.update', { id: unit.id, version: unit.version, changes });
      setMessage('');
      await onSaved(u);
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'conflict') {
        await onConflict();
      } else if (e instanceof ApiError) {
        setErrors(e.fieldErrors);
        setMessage(e.message);
      } else setMessage('Không lưu được thay đổi.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="unit-detail">
      <h2>{unit.name}</h2>
      <div className="unit-path">
        {unit.parentId ? `Trực thuộc: ${ref.unitPath(unit.parentId)}` : 'Đơn vị cấp cao nhất'} · {headcount} người đang công tác
        {subtotal !== headcount ? ` (${subtotal} người kể cả đơn vị cấp dưới)` : ''}
      </div>
      {closed && (
        <div className="closed-banner" role="status">
          Đã kết thúc hoạt động sau ngày {formatVnDate(unit.validTo)}
          {unit.successorId ? `; đơn vị kế thừa: ${ref.unitName(unit.successorId)}` : ''}.
        </div>
      )}
      {canWrite && (
        <div className="actions" role="toolbar" aria-label="Thao tác với đơn vị">
          <button type="button" onClick={() => onAction('add')} disabled={closed} title={closed ? 'Đơn vị đã kết thúc, không thêm đơn vị cấp dưới được.' : undefined}>
            Thêm đơn vị cấp dưới
          </button>
          <button type="button" onClick={() => onAction('move')} disabled={closed}>
            Chuyển đơn vị
          </button>
          {closed ? (
            <button type="button" onClick={onReopen}>
              Mở lại
            </button>
          ) : (
            <button type="button" className="danger" onClick={() => onAction('close')}>
              Kết thúc hoạt động
            </button>
          )}
        </div>
      )}
      {/* A viewer sees the same form, disabled as a whole. */}
      <fieldset className="plain" disabled={!canWrite}>
        <UnitFields draft={draft} onChange={setDraft} errors={errors} idKey={`${unit.id}:${unit.version}`} showOrder />
      </fieldset>
      {canWrite && (
        <div className="form-footer">
          <button type="button" className="primary" disabled={!dirty || busy} onClick={save}>
            Lưu thay đổi
          </button>
          <button type="button" disabled={!dirty || busy} onClick={() => (setDraft(draftOf(unit)), setErrors({}), setMessage(''))}>
            Bỏ thay đổi
          </button>
          {message && (
            <span className="error-text" role="alert">
              {message}
            </span>
          )}
        </div>
      )}
      <UnitHistory unit={unit} />
    </div>
  );
}
