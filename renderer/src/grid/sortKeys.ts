import { compareVietnamese, splitVietnameseName } from '../../../shared/domain/text';

// Sorting 50,000 rows makes ~800,000 comparisons; with ICU's Vietnamese collation (and a name split) inside each,
// the cadre grid spent seconds sorting on every load and every filter change. Instead, each distinct string is
// ranked once (sorting the distinct values, a few thousand at most) and rows compare small integers.

/** Ranks of distinct strings in Vietnamese collation order; a string seen for the first time is slotted in. */
export class CollationRanks {
  private sorted: string[] = [];
  private ranks = new Map<string, number>();

  /** Ranks many strings at once (cheaper than one by one): call with a column's values when rows arrive. */
  addAll(values: Iterable<string>): void {
    const fresh = new Set<string>();
    for (const v of values) if (!this.ranks.has(v)) fresh.add(v);
    if (fresh.size === 0) return;
    this.sorted = [...this.sorted, ...fresh].sort(compareVietnamese);
    this.renumber(0);
  }

  rank(value: string): number {
    const r = this.ranks.get(value);
    if (r !== undefined) return r;
    // Binary search for the slot, then shift the ranks after it: the relative order of known strings never
    // changes, so a sort in progress stays consistent.
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareVietnamese(this.sorted[mid], value) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.sorted.splice(lo, 0, value);
    this.renumber(lo);
    return lo;
  }

  get size(): number {
    return this.sorted.length;
  }

  private renumber(from: number) {
    // Equal-collating strings (e.g. composed and decomposed forms) share the rank of the first of them.
    for (let i = from; i < this.sorted.length; i++) {
      this.ranks.set(this.sorted[i], i > 0 && compareVietnamese(this.sorted[i - 1], this.sorted[i]) === 0 ? this.ranks.get(this.sorted[i - 1])! : i);
    }
  }
}

/**
 * The order clerks sort names in (given name first, then family and middle names, as compareVietnameseNames) as
 * one number per name. Keys change when a new name part is ranked; comparisons stay consistent anyway.
 */
export class VietnameseNameOrder {
  private given = new CollationRanks();
  private rest = new CollationRanks();
  private keys = new Map<string, number>();

  /** Ranks every name of a list at once (the grid's rows as they arrive); returns their keys, in the same order. */
  addAll(names: readonly string[]): number[] {
    // Each distinct name is split and keyed once (a province's 50,000 cadres have about half as many names).
    const distinct = [...new Set(names)];
    const parts = distinct.map((n) => splitVietnameseName(n));
    const before = this.given.size + this.rest.size;
    this.given.addAll(parts.map((p) => p.given));
    this.rest.addAll(parts.map((p) => p.rest));
    if (this.given.size + this.rest.size !== before) this.keys.clear();
    for (let i = 0; i < distinct.length; i++) {
      if (!this.keys.has(distinct[i])) this.keys.set(distinct[i], this.given.rank(parts[i].given) * 2 ** 26 + this.rest.rank(parts[i].rest));
    }
    return names.map((name) => this.keys.get(name)!);
  }

  key(name: string): number {
    let k = this.keys.get(name);
    if (k === undefined) {
      const p = splitVietnameseName(name);
      const before = this.given.size + this.rest.size;
      const g = this.given.rank(p.given);
      const r = this.rest.rank(p.rest);
      if (this.given.size + this.rest.size !== before) this.keys.clear();
      // Ranks stay far below 2^26, so the key is an exact integer.
      k = g * 2 ** 26 + r;
      this.keys.set(name, k);
    }
    return k;
  }

  compare = (a: string, b: string): number => this.key(a) - this.key(b);
}
