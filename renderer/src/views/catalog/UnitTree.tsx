import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { TreeRow } from './unitTree';
import { formatVnDate } from '../../../../shared/domain/dates';

/**
 * The organisation tree as an ARIA tree: click or arrow keys to select, ▸/▾ or ←/→ to collapse and expand.
 * Closed units are greyed with their last day and successor.
 */
export function UnitTree({ rows, selectedId, onSelect, onToggle, headcount, subtotal, unitName }: {
  rows: TreeRow[];
  selectedId: number | null;
  onSelect(id: number): void;
  onToggle(id: number, expand: boolean): void;
  headcount: Map<number, number>;
  subtotal: Map<number, number>;
  unitName(id: number | null): string;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    listRef.current?.querySelector('li[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  const onKeyDown = (e: KeyboardEvent) => {
    const i = rows.findIndex((r) => r.unit.id === selectedId);
    const row = rows[i];
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = rows[Math.max(0, Math.min(rows.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
      if (next) onSelect(next.unit.id);
    } else if (e.key === 'ArrowRight' && row?.hasChildren && !row.expanded) {
      e.preventDefault();
      onToggle(row.unit.id, true);
    } else if (e.key === 'ArrowLeft' && row) {
      e.preventDefault();
      if (row.expanded) onToggle(row.unit.id, false);
      else if (row.unit.parentId) onSelect(row.unit.parentId);
    }
  };

  return (
    <ul className="unit-tree" role="tree" aria-label="Cây tổ chức" tabIndex={0} ref={listRef} onKeyDown={onKeyDown} data-testid="unit-tree">
      {rows.map((r) => {
        const own = headcount.get(r.unit.id) ?? 0;
        const total = subtotal.get(r.unit.id) ?? 0;
        return (
          <li
            key={r.unit.id}
            role="treeitem"
            aria-level={r.depth + 1}
            aria-selected={r.unit.id === selectedId}
            aria-expanded={r.hasChildren ? r.expanded : undefined}
            data-unit-id={r.unit.id}
            className={r.closed ? 'unit-closed' : undefined}
            style={{ paddingLeft: 4 + r.depth * 18 }}
            onClick={() => onSelect(r.unit.id)}
          >
            {r.hasChildren ? (
              <button
                type="button"
                className="twisty"
                tabIndex={-1}
                aria-label={r.expanded ? `Thu gọn ${r.unit.name}` : `Mở rộng ${r.unit.name}`}
                onClick={(e) => {
                  e.stopPropagation();
                  onToggle(r.unit.id, !r.expanded);
                }}
              >
                {r.expanded ? '▾' : '▸'}
              </button>
            ) : (
              <span className="twisty" />
            )}
            <span className="unit-name" title={r.unit.name}>{r.match ? <mark>{r.unit.name}</mark> : r.unit.name}</span>
            {r.unit.validTo && (
              <span className="unit-end">
                {r.closed ? '— kết thúc' : '— sẽ kết thúc'} {formatVnDate(r.unit.validTo)}
                {r.unit.successorId ? ` → ${unitName(r.unit.successorId)}` : ''}
              </span>
            )}
            <span className="headcount" title={total !== own ? `${own} người tại đơn vị; ${total} người kể cả đơn vị cấp dưới` : `${own} người đang công tác tại đơn vị`}>
              {own > 0 || total > 0 ? (total !== own ? `${own} / ${total}` : own) : ''}
            </span>
          </li>
        );
      })}
      {rows.length === 0 && <li className="unit-end">Không có đơn vị nào phù hợp.</li>}
    </ul>
  );
}
