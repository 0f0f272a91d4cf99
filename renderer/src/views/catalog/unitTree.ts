import type { Unit } from '../../../../shared/api/units';
import { foldVietnamese, matchesFoldedQuery } from '../../../../shared/domain/text';

// Which rows of the organisation tree are shown, from the expanded set, the "show closed" switch and a search.
// Pure, so the rules (a match shows its ancestors, a search opens every branch on the way) stay in one place.

export interface TreeRow {
  unit: Unit;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
  /** Ended before the day asked (a unit ending later is still active today). */
  closed: boolean;
  /** Matches the search (ancestors shown only for context are false). */
  match: boolean;
}

export const isClosedOn = (u: Unit, day: string) => !!u.validTo && u.validTo < day;

export function visibleTreeRows(
  childrenOf: Map<number, Unit[]>,
  opts: { expanded: Set<number>; showClosed: boolean; query: string; today: string },
): TreeRow[] {
  const shown = (u: Unit) => opts.showClosed || !isClosedOn(u, opts.today);
  const searching = foldVietnamese(opts.query) !== '';
  // While searching, keep the units that match and every unit above one that does.
  const keep = new Set<number>();
  const matches = new Set<number>();
  if (searching) {
    const walk = (u: Unit): boolean => {
      let any = false;
      for (const c of childrenOf.get(u.id) ?? []) if (walk(c)) any = true;
      const hit = shown(u) && matchesFoldedQuery(`${foldVietnamese(u.name)} ${foldVietnamese(u.shortName)}`, opts.query);
      if (hit) matches.add(u.id);
      if ((hit || any) && shown(u)) keep.add(u.id);
      return (hit || any) && shown(u);
    };
    for (const root of childrenOf.get(0) ?? []) walk(root);
  }
  const rows: TreeRow[] = [];
  const add = (parent: number, depth: number) => {
    for (const u of childrenOf.get(parent) ?? []) {
      if (!shown(u) || (searching && !keep.has(u.id))) continue;
      const kids = (childrenOf.get(u.id) ?? []).filter((c) => shown(c) && (!searching || keep.has(c.id)));
      const expanded = kids.length > 0 && (searching || opts.expanded.has(u.id));
      rows.push({ unit: u, depth, hasChildren: kids.length > 0, expanded, closed: isClosedOn(u, opts.today), match: searching && matches.has(u.id) });
      if (expanded) add(u.id, depth + 1);
    }
  };
  add(0, 0);
  return rows;
}

/** People in each unit and everything below it, from the per-unit counts. */
export function subtreeTotals(childrenOf: Map<number, Unit[]>, own: Map<number, number>): Map<number, number> {
  const totals = new Map<number, number>();
  const total = (u: Unit): number => {
    let n = own.get(u.id) ?? 0;
    for (const c of childrenOf.get(u.id) ?? []) n += total(c);
    totals.set(u.id, n);
    return n;
  };
  for (const root of childrenOf.get(0) ?? []) total(root);
  return totals;
}
