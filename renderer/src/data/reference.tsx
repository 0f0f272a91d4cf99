import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { call } from '../api';
import type { CodeEntry } from '../../../shared/api/codes';
import type { Unit } from '../../../shared/api/units';
import { compareVietnamese } from '../../../shared/domain/text';
import { todayIso } from '../../../shared/domain/dates';

/** Code lists and the unit tree, loaded once and shared by every screen; reload after editing them. */
export interface Reference {
  codes: CodeEntry[];
  units: Unit[];
  loaded: boolean;
  reload(): Promise<void>;
  /** Active entries of a list, in rank order. */
  list(list: string): CodeEntry[];
  label(list: string, key: string | null | undefined): string;
  unitById: Map<number, Unit>;
  /** Children of each unit (root: key 0), sorted by sort order then name. */
  childrenOf: Map<number, Unit[]>;
  /** The unit and every unit below it. */
  subtreeIds(id: number): Set<number>;
  /** "Sở Nội vụ › Phòng Tổ chức". */
  unitPath(id: number | null | undefined): string;
  unitName(id: number | null | undefined): string;
}

const Ctx = createContext<Reference | null>(null);

export function ReferenceProvider({ children }: { children: ReactNode }) {
  const [codes, setCodes] = useState<CodeEntry[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [loaded, setLoaded] = useState(false);
  const reload = useCallback(async () => {
    const [c, u] = await Promise.all([call('codes.list', {}), call('units.list', {})]);
    setCodes(c);
    setUnits(u);
    setLoaded(true);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const value = useMemo<Reference>(() => {
    const byList = new Map<string, CodeEntry[]>();
    const byKey = new Map<string, CodeEntry>();
    for (const c of codes) {
      byKey.set(`${c.list}\u0000${c.key}`, c);
      if (!c.active) continue;
      if (!byList.has(c.list)) byList.set(c.list, []);
      byList.get(c.list)!.push(c);
    }
    const unitById = new Map(units.map((u) => [u.id, u]));
    const childrenOf = new Map<number, Unit[]>();
    for (const u of units) {
      const p = u.parentId && unitById.has(u.parentId) ? u.parentId : 0;
      if (!childrenOf.has(p)) childrenOf.set(p, []);
      childrenOf.get(p)!.push(u);
    }
    for (const list of childrenOf.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || compareVietnamese(a.name, b.name));
    const subtreeCache = new Map<number, Set<number>>();
    const subtreeIds = (id: number) => {
      let s = subtreeCache.get(id);
      if (!s) {
        s = new Set<number>();
        const stack = [id];
        while (stack.length) {
          const x = stack.pop()!;
          if (s.has(x)) continue;
          s.add(x);
          for (const c of childrenOf.get(x) ?? []) stack.push(c.id);
        }
        subtreeCache.set(id, s);
      }
      return s;
    };
    const unitPath = (id: number | null | undefined) => {
      const parts: string[] = [];
      let u = id ? unitById.get(id) : undefined;
      const seen = new Set<number>();
      while (u && !seen.has(u.id)) {
        seen.add(u.id);
        parts.unshift(u.shortName || u.name);
        u = u.parentId ? unitById.get(u.parentId) : undefined;
      }
      return parts.join(' › ');
    };
    return {
      codes,
      units,
      loaded,
      reload,
      list: (l) => byList.get(l) ?? [],
      label: (l, k) => (k ? byKey.get(`${l}\u0000${k}`)?.name ?? k : ''),
      unitById,
      childrenOf,
      subtreeIds,
      unitPath,
      unitName: (id) => (id ? unitById.get(id)?.name ?? '' : ''),
    };
  }, [codes, units, loaded, reload]);

  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useReference(): Reference {
  const r = useContext(Ctx);
  if (!r) throw new Error('useReference outside ReferenceProvider');
  return r;
}

/** Units as a flat list in tree order with their depth, for pickers. Closed units are marked. */
export function unitTreeOptions(ref: Reference, opts: { onlyActiveOn?: string } = {}): { unit: Unit; depth: number; active: boolean }[] {
  const out: { unit: Unit; depth: number; active: boolean }[] = [];
  const on = opts.onlyActiveOn ?? todayIso();
  const walk = (parent: number, depth: number) => {
    for (const u of ref.childrenOf.get(parent) ?? []) {
      const active = (!u.validFrom || u.validFrom <= on) && (!u.validTo || u.validTo >= on);
      if (active || !opts.onlyActiveOn) out.push({ unit: u, depth, active });
      walk(u.id, depth + 1);
    }
  };
  walk(0, 0);
  return out;
}
