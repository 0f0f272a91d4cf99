import { useCallback, useMemo } from 'react';
import { useGridFilter, type CustomFilterProps } from 'ag-grid-react';
import type { IDoesFilterPassParams } from 'ag-grid-community';
import { unitTreeOptions, useReference } from '../data/reference';

/** Model: the chosen unit; rows pass when their unit is it or below it. */
export interface UnitSubtreeModel {
  unitId: number;
}

/**
 * A column filter for a unit column: pick a unit in the tree, keep the rows whose unit is that unit or any unit
 * below it. Rows give their unit id through the filter's value getter.
 */
export function UnitSubtreeFilter({ model, onModelChange, getValue }: CustomFilterProps<any, any, UnitSubtreeModel>) {
  const ref = useReference();
  const ids = useMemo(() => (model ? ref.subtreeIds(model.unitId) : null), [model, ref]);
  const doesFilterPass = useCallback(
    ({ node }: IDoesFilterPassParams) => {
      if (!ids) return true;
      const unitId = getValue(node) as number | null;
      return unitId !== null && unitId !== undefined && ids.has(unitId);
    },
    [getValue, ids],
  );
  useGridFilter({ doesFilterPass });
  const options = useMemo(() => unitTreeOptions(ref), [ref]);
  return (
    <div className="unit-filter" style={{ padding: 8, display: 'flex', flexDirection: 'column', gap: 6, minWidth: 320 }}>
      <label htmlFor="unit-subtree-filter">Đơn vị (gồm các đơn vị trực thuộc)</label>
      <select
        id="unit-subtree-filter"
        value={model?.unitId ?? ''}
        onChange={(e) => onModelChange(e.target.value ? { unitId: Number(e.target.value) } : null)}
      >
        <option value="">Tất cả</option>
        {options.map((o) => (
          <option key={o.unit.id} value={o.unit.id}>
            {'\u00a0\u00a0'.repeat(o.depth)}
            {o.unit.name}
            {o.active ? '' : ' (đã kết thúc)'}
          </option>
        ))}
      </select>
    </div>
  );
}
