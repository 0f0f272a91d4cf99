import { useEffect, useMemo, useState } from 'react';
import { call } from '../../api';
import { decodeCadreTable, type CadreRow } from '../../../../shared/api/cadres';
import { compareVietnameseNames, foldVietnamese } from '../../../../shared/domain/text';
import { useReference } from '../../data/reference';

export interface CadreOption {
  id: number;
  label: string;
  row: CadreRow;
}

/** Working cadres as picker options "Họ tên — đơn vị", with a lookup from typed text to the cadre. */
export function useCadreOptions() {
  const ref = useReference();
  const [rows, setRows] = useState<CadreRow[]>([]);
  useEffect(() => {
    // The compact table form: the host sends the rows it keeps as JSON as they are.
    call('cadres.listTable', {}).then((t) => setRows(decodeCadreTable(t)), () => setRows([]));
  }, []);
  return useMemo(() => {
    const options: CadreOption[] = rows
      .filter((r) => r.status === 'dang_cong_tac')
      .sort((a, b) => compareVietnameseNames(a.fullName, b.fullName))
      .map((r) => ({ id: r.id, row: r, label: `${r.fullName}${r.birthDate ? ` (${r.birthDate.slice(0, 4)})` : ''}${r.unitId ? ` — ${ref.unitName(r.unitId)}` : ''}` }));
    const byLabel = new Map(options.map((o) => [foldVietnamese(o.label), o]));
    const byName = new Map<string, CadreOption[]>();
    for (const o of options) {
      const k = foldVietnamese(o.row.fullName);
      byName.set(k, [...(byName.get(k) ?? []), o]);
    }
    /** The cadre a typed text names: a full option label, or a name only one cadre has. */
    const find = (text: string): CadreOption | null => {
      const k = foldVietnamese(text);
      const exact = byLabel.get(k);
      if (exact) return exact;
      const named = byName.get(k);
      return named && named.length === 1 ? named[0] : null;
    };
    return { options, find, byId: new Map(options.map((o) => [o.id, o])) };
  }, [ref, rows]);
}
