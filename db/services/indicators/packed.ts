import type { Condition, Population, TrainingStandard } from '../../../shared/api/indicators';
import type { CodeEntry } from '../../../shared/api/codes';
import { CADRE_CATEGORIES, CADRE_FLAG_KEYS, QUALIFICATION_CATEGORY_KEYS, UNIT_KINDS, UNIT_LEVELS } from '../../../shared/domain/codes';

// A cadre as of a date, packed into small integers, and the indicator definitions compiled to predicates over it.
// Both sources of facts produce this shape: one SQL pass per date (sql.ts) and the in-memory timeline that a series
// loads once (timeline.ts). So there is exactly one implementation of "who is in the population" and "who counts".
//
// Everything a definition can test becomes a bit: cadre category, unit level and kind, position, roles, every
// qualification level and every fluency. Level and fluency bits live in 31-bit words (JS bit operations are 32-bit
// signed). "Highest level at least L" is the same as "holds some level ranked at least L", so no rank is needed.

export interface Vocabulary {
  /** code list name -> key -> entry (levels live in "level.<category>", fluency in "language_fluency"). */
  codes: Map<string, Map<string, CodeEntry>>;
  /** Training standards by set, in the order they are tried. */
  standards: Map<string, TrainingStandard[]>;
  /** Ethnicity keys marked as minority (attrs.minority). */
  minorityEthnicities: string[];
  layout: BitLayout;
  positionBits: Map<string, number>;
}

export interface Packed {
  id: number;
  /** The assignment in force on the date is in a unit that exists on the date. */
  hasUnit: boolean;
  cat: number;
  level: number;
  kind: number;
  pos: number;
  minority: boolean;
  ethnicContact: boolean;
  flags: number;
  /** Level bits per word, fluency bits per word (see BitLayout). */
  lw: Int32Array;
  fw: Int32Array;
}

const enumBits = (keys: string[]) => new Map(keys.map((k, i) => [k, 1 << i]));
export const CATEGORY_BIT = enumBits(Object.keys(CADRE_CATEGORIES));
export const LEVEL_BIT = enumBits(Object.keys(UNIT_LEVELS));
export const KIND_BIT = enumBits(Object.keys(UNIT_KINDS));
export const FLAG_BIT = enumBits(CADRE_FLAG_KEYS);

const WORD_BITS = 31;
export interface Slot {
  word: number;
  bit: number;
}
export interface BitLayout {
  level: Map<string, Map<string, Slot>>;
  fluency: Map<string, Map<string, Slot>>;
  levelWords: number;
  fluencyWords: number;
}

// The categories the seeded indicators read come first, so they share the first words.
const LAYOUT_ORDER = [...new Set(['chuyen_mon', 'pho_thong', 'ly_luan_chinh_tri', 'quan_ly_nha_nuoc', 'tieng_dtts', ...QUALIFICATION_CATEGORY_KEYS])];

export function bitLayout(codes: Map<string, Map<string, CodeEntry>>): BitLayout {
  const assign = (entriesOf: (cat: string) => CodeEntry[]) => {
    const out = new Map<string, Map<string, Slot>>();
    let i = 0;
    for (const cat of LAYOUT_ORDER) {
      const m = new Map<string, Slot>();
      for (const e of [...entriesOf(cat)].sort((a, b) => a.id - b.id)) {
        m.set(e.key, { word: Math.floor(i / WORD_BITS), bit: 1 << i % WORD_BITS });
        i++;
      }
      out.set(cat, m);
    }
    return { map: out, words: Math.max(1, Math.ceil(i / WORD_BITS)) };
  };
  const lv = assign((cat) => [...(codes.get(`level.${cat}`)?.values() ?? [])]);
  // Fluency is recorded for language categories; each category gets its own fluency bits.
  const fl = assign(() => [...(codes.get('language_fluency')?.values() ?? [])]);
  return { level: lv.map, fluency: fl.map, levelWords: lv.words, fluencyWords: fl.words };
}

/** Positions are an open code list: bits by entry id order; entries past the 31st cannot be told apart. */
export function positionBitsOf(codes: Map<string, Map<string, CodeEntry>>): Map<string, number> {
  return new Map([...(codes.get('position')?.values() ?? [])].sort((a, b) => a.id - b.id).slice(0, 31).map((e, i) => [e.key, 1 << i]));
}

/** What the compiled predicates read, so the facts source computes only that. */
export class Needs {
  levelWords = new Set<number>();
  fluencyWords = new Set<number>();
  /** Qualification categories read: only their rows are scanned. */
  categories = new Set<string>();
  flags = false;
}

export type Predicate = (p: Packed) => boolean;
const NEVER: Predicate = () => false;
const ALWAYS: Predicate = () => true;

const maskOf = (bits: Map<string, number>, keys: string[]) => [...new Set(keys)].reduce((m, k) => m | (bits.get(k) ?? 0), 0);
const allOf = (checks: Predicate[]): Predicate => (checks.length === 0 ? ALWAYS : checks.length === 1 ? checks[0] : (p) => checks.every((f) => f(p)));

/** Holds any of the slots: per word, one AND. */
function anySlot(slots: Slot[], which: 'lw' | 'fw', needs: Needs): Predicate {
  const byWord = new Map<number, number>();
  for (const s of slots) byWord.set(s.word, (byWord.get(s.word) ?? 0) | s.bit);
  if (byWord.size === 0) return NEVER;
  for (const w of byWord.keys()) (which === 'lw' ? needs.levelWords : needs.fluencyWords).add(w);
  const pairs = [...byWord];
  if (pairs.length === 1) {
    const [[w, m]] = pairs;
    return which === 'lw' ? (p) => (p.lw[w] & m) !== 0 : (p) => (p.fw[w] & m) !== 0;
  }
  return (p) => pairs.some(([w, m]) => ((which === 'lw' ? p.lw : p.fw)[w] & m) !== 0);
}

export function compilePopulation(pop: Population, v: Vocabulary, needs: Needs): Predicate {
  const checks: Predicate[] = [];
  if (pop.unitLevels?.length || pop.unitKinds?.length || pop.excludeUnitKinds?.length || pop.ethnicContactUnit) checks.push((p) => p.hasUnit);
  if (pop.unitLevels?.length) {
    const m = maskOf(LEVEL_BIT, pop.unitLevels);
    checks.push((p) => (p.level & m) !== 0);
  }
  if (pop.unitKinds?.length) {
    const m = maskOf(KIND_BIT, pop.unitKinds);
    checks.push((p) => (p.kind & m) !== 0);
  }
  if (pop.excludeUnitKinds?.length) {
    const m = maskOf(KIND_BIT, pop.excludeUnitKinds);
    checks.push((p) => (p.kind & m) === 0);
  }
  if (pop.categories?.length) {
    const m = maskOf(CATEGORY_BIT, pop.categories);
    checks.push((p) => (p.cat & m) !== 0);
  }
  if (pop.flagsAny?.length) {
    needs.flags = true;
    const m = maskOf(FLAG_BIT, pop.flagsAny);
    checks.push((p) => (p.flags & m) !== 0);
  }
  if (pop.ethnicMinority) checks.push((p) => p.minority);
  if (pop.ethnicContactUnit) checks.push((p) => p.ethnicContact);
  for (const rule of pop.exclude ?? []) {
    const parts: Predicate[] = [];
    if (rule.categories?.length) {
      const m = maskOf(CATEGORY_BIT, rule.categories);
      parts.push((p) => (p.cat & m) !== 0);
    }
    if (rule.unitKinds?.length) {
      const m = maskOf(KIND_BIT, rule.unitKinds);
      parts.push((p) => (p.kind & m) !== 0);
    }
    if (rule.unitLevels?.length) {
      const m = maskOf(LEVEL_BIT, rule.unitLevels);
      parts.push((p) => (p.level & m) !== 0);
    }
    // An empty rule would exclude everybody; it is ignored instead.
    if (parts.length) {
      const matches = allOf(parts);
      checks.push((p) => !matches(p));
    }
  }
  return allOf(checks);
}

function levelSlots(v: Vocabulary, category: string, pick: (e: CodeEntry) => boolean, needs: Needs): Slot[] {
  needs.categories.add(category);
  const entries = v.codes.get(`level.${category}`);
  const slots = v.layout.level.get(category);
  if (!entries || !slots) return [];
  return [...entries.values()].filter(pick).map((e) => slots.get(e.key)).filter((s): s is Slot => !!s);
}

function atLeast(v: Vocabulary, category: string, level: string, needs: Needs): Predicate {
  const need = v.codes.get(`level.${category}`)?.get(level)?.rank;
  // An unknown level cannot be met; the definition screen refuses such keys, this only guards old data.
  if (need === undefined) return NEVER;
  return anySlot(levelSlots(v, category, (e) => e.rank >= need, needs), 'lw', needs);
}

/** The standard that applies: the first row of the set whose every given condition matches; no row = not met. */
function standardSet(set: string, v: Vocabulary, needs: Needs): Predicate {
  const rows = (v.standards.get(set) ?? []).map((s) => {
    const applies: Predicate[] = [];
    if (s.positionCodes?.length) {
      const m = maskOf(v.positionBits, s.positionCodes);
      applies.push((p) => (p.pos & m) !== 0);
    }
    if (s.unitLevels?.length) {
      const m = maskOf(LEVEL_BIT, s.unitLevels);
      applies.push((p) => (p.level & m) !== 0);
    }
    if (s.categories?.length) {
      const m = maskOf(CATEGORY_BIT, s.categories);
      applies.push((p) => (p.cat & m) !== 0);
    }
    const reqs: Predicate[] = [];
    if (s.minGeneral) reqs.push(atLeast(v, 'pho_thong', s.minGeneral, needs));
    if (s.minProfessional) reqs.push(atLeast(v, 'chuyen_mon', s.minProfessional, needs));
    if (s.minPolitical) reqs.push(atLeast(v, 'ly_luan_chinh_tri', s.minPolitical, needs));
    if (s.minStateMgmt) reqs.push(atLeast(v, 'quan_ly_nha_nuoc', s.minStateMgmt, needs));
    return { applies: allOf(applies), meets: allOf(reqs) };
  });
  if (rows.length === 0) return NEVER;
  return (p) => {
    for (const r of rows) if (r.applies(p)) return r.meets(p);
    return false;
  };
}

export function compileCondition(c: Condition, v: Vocabulary, needs: Needs): Predicate {
  switch (c.type) {
    case 'levelAtLeast':
      return atLeast(v, c.category, c.level, needs);
    case 'hasLevel':
      return anySlot(levelSlots(v, c.category, (e) => c.levels.includes(e.key), needs), 'lw', needs);
    case 'levelAttr':
      return anySlot(levelSlots(v, c.category, (e) => !!e.attrs?.[c.attr], needs), 'lw', needs);
    case 'fluencyAttr': {
      needs.categories.add(c.category);
      const entries = v.codes.get('language_fluency');
      const slots = v.layout.fluency.get(c.category);
      if (!entries || !slots) return NEVER;
      const picked = [...entries.values()].filter((e) => !!e.attrs?.[c.attr]).map((e) => slots.get(e.key)).filter((s): s is Slot => !!s);
      return anySlot(picked, 'fw', needs);
    }
    case 'meetsStandard':
      return standardSet(c.standardSet, v, needs);
    case 'all': {
      const parts = c.of.map((x) => compileCondition(x, v, needs));
      return (p) => parts.every((f) => f(p));
    }
    case 'any': {
      const parts = c.of.map((x) => compileCondition(x, v, needs));
      return (p) => parts.some((f) => f(p));
    }
    case 'not': {
      const inner = compileCondition(c.cond, v, needs);
      return (p) => !inner(p);
    }
  }
}
