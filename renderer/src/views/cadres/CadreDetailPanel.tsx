import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CadreRow } from '../../../../shared/api/cadres';
import { ageOn, formatVnDate, todayIso } from '../../../../shared/domain/dates';
import { useNotify } from '../../components/notify';
import { useReference } from '../../data/reference';
import { useCanWrite } from '../login/session';
import { AssignmentsTab } from './detail/AssignmentsTab';
import { AuditTab } from './detail/AuditTab';
import { QualificationsTab } from './detail/QualificationsTab';
import { RecordForm, type DraftState } from './detail/RecordForm';
import { StatusBlock } from './detail/StatusBlock';
import { statusLabel } from './detail/labels';
import { useCadreDetail } from './detail/useCadreDetail';
import { CadreTrainingSection } from '../training/CadreTrainingSection';
import { CadreRotationsSection } from '../rotations/CadreRotationsSection';
import './detail/detail.css';

const TABS = [
  { id: 'general', label: 'Thông tin chung' },
  { id: 'qualifications', label: 'Trình độ' },
  { id: 'assignments', label: 'Quá trình công tác' },
  { id: 'training', label: 'Đào tạo, luân chuyển' },
  { id: 'audit', label: 'Nhật ký' },
] as const;
type TabId = (typeof TABS)[number]['id'];
const NARROW_KEY = 'qlcb.cadreDetail.narrow';

/**
 * The record of one cadre with its dated histories, beside the cadre list. Every change reloads the detail and
 * hands the fresh grid row up (`onRowChanged`), since the list shows values derived from these histories.
 */
export function CadreDetailPanel({ cadreId, onClose, onRowChanged }: { cadreId: number; onClose(): void; onRowChanged(row: CadreRow): void }) {
  const ref = useReference();
  const notify = useNotify();
  const { detail, error, reload } = useCadreDetail(cadreId);
  const [tab, setTab] = useState<TabId>('general');
  // Tabs mount when first shown (a grid laid out while hidden gets its size wrong) and then stay, keeping their state.
  const [visited, setVisited] = useState<Set<TabId>>(() => new Set(['general']));
  useEffect(() => setVisited((v) => (v.has(tab) ? v : new Set(v).add(tab))), [tab]);
  const [changeCount, setChangeCount] = useState(0);
  // Narrow leaves more of the list in view; the choice is remembered on this computer.
  const [narrow, setNarrow] = useState(() => localStorage.getItem(NARROW_KEY) === '1');
  const toggleWidth = () =>
    setNarrow((n) => {
      localStorage.setItem(NARROW_KEY, n ? '0' : '1');
      return !n;
    });
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  // Unsaved record forms by cadre: moving to another row in the list keeps what was typed for this one.
  const drafts = useRef(new Map<number, DraftState>());
  const previous = useRef(cadreId);
  useEffect(() => {
    const left = previous.current;
    previous.current = cadreId;
    const d = left !== cadreId ? drafts.current.get(left) : undefined;
    if (d) notify('warning', `Hồ sơ ${d.base.fullName} còn thay đổi chưa lưu; mở lại hồ sơ đó để lưu hoặc huỷ.`);
  }, [cadreId, notify]);

  const onRowChangedRef = useRef(onRowChanged);
  onRowChangedRef.current = onRowChanged;
  /** After any change in a tab: read the detail again and update the list's row. */
  const changed = useCallback(async () => {
    const fresh = await reload();
    if (fresh) onRowChangedRef.current(fresh.row);
    setChangeCount((n) => n + 1);
    return fresh;
  }, [reload]);

  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const i = TABS.findIndex((t) => t.id === tab);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : (i + (e.key === 'ArrowRight' ? 1 : -1) + TABS.length) % TABS.length;
    setTab(TABS[next].id);
    tabRefs.current[TABS[next].id]?.focus();
  };

  const row = detail?.row;
  const canWrite = useCanWrite();
  const deleted = !!row?.deletedAt;
  // Viewers and deleted records: everything shows, nothing offers a change (the host refuses writes anyway).
  const readOnly = deleted || !canWrite;
  const age = row ? ageOn(row.birthDate, todayIso()) : null;

  return (
    <aside
      className={`detail-panel cadre-detail${narrow ? ' narrow' : ''}`}
      aria-label="Hồ sơ chi tiết"
      // Coming back from the list (where this person may just have been edited): read the record again. The form
      // keeps what was typed; a change to the same field shows as a conflict on saving.
      onFocus={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) void reload();
      }}
      onKeyDown={(e) => {
        // Esc closes the panel unless something inside (a grid editor, a select) used it.
        if (e.key === 'Escape' && !e.defaultPrevented && (e.target as HTMLElement).closest('.ag-root-wrapper, form') === null) onClose();
      }}
    >
      <header>
        <div className="detail-title">
          <h2>{row?.fullName ?? (error ? 'Không mở được hồ sơ' : 'Đang tải…')}</h2>
          <p className="detail-subtitle" data-testid="detail-subtitle">
            {row ? (
              <>
                {[row.birthDate ? `Sinh ${formatVnDate(row.birthDate)}${age !== null ? ` (${age} tuổi)` : ''}` : '', ref.unitPath(row.unitId) || 'Chưa có đơn vị', statusLabel(row.status)]
                  .filter(Boolean)
                  .join(' · ')}
              </>
            ) : (
              '\u00a0'
            )}
          </p>
        </div>
        <div className="detail-header-actions">
          <button type="button" className="icon" aria-label={narrow ? 'Mở rộng khung hồ sơ' : 'Thu hẹp khung hồ sơ'} title={narrow ? 'Mở rộng' : 'Thu hẹp'} onClick={toggleWidth}>
            {narrow ? '⇤' : '⇥'}
          </button>
          <button type="button" className="icon" aria-label="Đóng hồ sơ chi tiết" title="Đóng (Esc)" onClick={onClose}>
            ×
          </button>
        </div>
      </header>
      {deleted && (
        <p className="deleted-notice" role="status">
          Hồ sơ này đã bị xoá: chỉ xem, không sửa được. Muốn sửa, hãy bật “Hiện hồ sơ đã xoá” ở danh sách, chọn hồ sơ và bấm “Khôi phục”.
        </p>
      )}
      {!deleted && row && !canWrite && (
        <p className="deleted-notice" role="status">
          Tài khoản của bạn chỉ được xem hồ sơ, không sửa được.
        </p>
      )}
      <div className="tabs" role="tablist" aria-label="Các mục của hồ sơ" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`cadre-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`cadre-tabpanel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {error && (
        <p className="error-text detail-error" role="alert">
          {error}
        </p>
      )}
      {detail && row && row.id === cadreId && (
        // Keyed by cadre: forms and grids start fresh for another person (unsaved record edits are kept in `drafts`).
        <div className="detail-body" key={cadreId}>
          <div role="tabpanel" id="cadre-tabpanel-general" aria-labelledby="cadre-tab-general" hidden={tab !== 'general'}>
            <StatusBlock detail={detail} readOnly={readOnly} onChanged={() => void changed()} />
            <RecordForm
              row={row}
              readOnly={readOnly}
              saved={drafts.current.get(cadreId)}
              onSaved={(fresh) => {
                onRowChangedRef.current(fresh);
                void changed();
              }}
              onDraftChange={(state) => {
                if (state) drafts.current.set(cadreId, state);
                else drafts.current.delete(cadreId);
              }}
            />
          </div>
          <div role="tabpanel" id="cadre-tabpanel-qualifications" aria-labelledby="cadre-tab-qualifications" hidden={tab !== 'qualifications'}>
            {visited.has('qualifications') && <QualificationsTab detail={detail} readOnly={readOnly} onChanged={changed} />}
          </div>
          <div role="tabpanel" id="cadre-tabpanel-assignments" aria-labelledby="cadre-tab-assignments" hidden={tab !== 'assignments'}>
            {visited.has('assignments') && <AssignmentsTab detail={detail} readOnly={readOnly} onChanged={changed} />}
          </div>
          <div role="tabpanel" id="cadre-tabpanel-training" aria-labelledby="cadre-tab-training" hidden={tab !== 'training'}>
            {visited.has('training') && (
              <>
                <CadreTrainingSection cadreId={cadreId} cadreName={row.fullName} reloadKey={changeCount} />
                <CadreRotationsSection cadreId={cadreId} cadreName={row.fullName} onHistoryChanged={changed} />
              </>
            )}
          </div>
          <div role="tabpanel" id="cadre-tabpanel-audit" aria-labelledby="cadre-tab-audit" hidden={tab !== 'audit'}>
            <AuditTab detail={detail} active={tab === 'audit'} changeCount={changeCount} />
          </div>
        </div>
      )}
      {!detail && !error && <div className="detail-body muted">Đang tải hồ sơ…</div>}
    </aside>
  );
}
