import type { Condition, Population, TrainingStandard } from '../../../shared/api/indicators';
import type { CodeEntry } from '../../../shared/api/codes';
import type { PersonFact, QualFact } from './facts';

// Pure evaluation of indicator definitions over the loaded facts. No SQL here: the same functions answer the
// dashboard, the member lists and the quarterly series, so the people behind a figure are exactly those counted.

export interface EvalContext {
  /** code list name -> key -> entry (levels live in "level.<category>", fluency in "language_fluency"). */
  codes: Map<string, Map<string, CodeEntry>>;
  /** Training standards by set, in the order they are tried. */
  standards: Map<string, TrainingStandard[]>;
  /** Ethnicity keys marked as minority (attrs.minority). */
  minorityEthnicities: Set<string>;
}

const has = (list: string[] | null | undefined, v: string | null) => !list || list.length === 0 || (v !== null && list.includes(v));

export function inPopulation(p: PersonFact, pop: Population, ctx: EvalContext): boolean {
  const needsUnit = !!(pop.unitLevels?.length || pop.unitKinds?.length || pop.excludeUnitKinds?.length || pop.ethnicContactUnit);
  if (needsUnit && p.unitId === null) return false;
  if (!has(pop.unitLevels, p.unitLevel)) return false;
  if (!has(pop.unitKinds, p.unitKind)) return false;
  if (pop.excludeUnitKinds?.length && p.unitKind !== null && pop.excludeUnitKinds.includes(p.unitKind)) return false;
  if (!has(pop.categories, p.category)) return false;
  if (pop.flagsAny?.length && !pop.flagsAny.some((f) => p.flags.includes(f))) return false;
  if (pop.ethnicMinority && !(p.ethnicity !== null && ctx.minorityEthnicities.has(p.ethnicity))) return false;
  if (pop.ethnicContactUnit && !p.ethnicContact) return false;
  if (pop.exclude) {
    for (const rule of pop.exclude) {
      const matches =
        (!rule.categories?.length || rule.categories.includes(p.category)) &&
        (!rule.unitKinds?.length || (p.unitKind !== null && rule.unitKinds.includes(p.unitKind))) &&
        (!rule.unitLevels?.length || (p.unitLevel !== null && rule.unitLevels.includes(p.unitLevel)));
      const hasAnyField = !!(rule.categories?.length || rule.unitKinds?.length || rule.unitLevels?.length);
      if (hasAnyField && matches) return false;
    }
  }
  return true;
}

function levelRank(ctx: EvalContext, category: string, level: string): number | null {
  const e = ctx.codes.get(`level.${category}`)?.get(level);
  return e ? e.rank : null;
}

function atLeast(q: QualFact | undefined, ctx: EvalContext, category: string, level: string): boolean {
  const need = levelRank(ctx, category, level);
  // An unknown minimum level cannot be met; the definition screen refuses such keys, this only guards old data.
  return need !== null && q !== undefined && q.maxRank >= need;
}

export function standardFor(p: PersonFact, set: string, ctx: EvalContext): TrainingStandard | null {
  for (const s of ctx.standards.get(set) ?? []) {
    if (!has(s.positionCodes, p.positionCode)) continue;
    if (!has(s.unitLevels, p.unitLevel)) continue;
    if (!has(s.categories, p.category)) continue;
    return s;
  }
  return null;
}

export function meetsStandard(p: PersonFact, quals: Map<string, QualFact> | undefined, s: TrainingStandard, ctx: EvalContext): boolean {
  const req: [string, string | null][] = [
    ['pho_thong', s.minGeneral],
    ['chuyen_mon', s.minProfessional],
    ['ly_luan_chinh_tri', s.minPolitical],
    ['quan_ly_nha_nuoc', s.minStateMgmt],
  ];
  return req.every(([cat, min]) => min === null || atLeast(quals?.get(cat), ctx, cat, min));
}

export function satisfies(p: PersonFact, quals: Map<string, QualFact> | undefined, c: Condition, ctx: EvalContext): boolean {
  switch (c.type) {
    case 'levelAtLeast':
      return atLeast(quals?.get(c.category), ctx, c.category, c.level);
    case 'hasLevel': {
      const q = quals?.get(c.category);
      return !!q && c.levels.some((l) => q.levels.has(l));
    }
    case 'levelAttr': {
      const q = quals?.get(c.category);
      if (!q) return false;
      const list = ctx.codes.get(`level.${c.category}`);
      for (const l of q.levels) if (list?.get(l)?.attrs?.[c.attr]) return true;
      return false;
    }
    case 'fluencyAttr': {
      const q = quals?.get(c.category);
      if (!q) return false;
      const list = ctx.codes.get('language_fluency');
      for (const f of q.fluencies) if (list?.get(f)?.attrs?.[c.attr]) return true;
      return false;
    }
    case 'meetsStandard': {
      const s = standardFor(p, c.standardSet, ctx);
      return s !== null && meetsStandard(p, quals, s, ctx);
    }
    case 'all':
      return c.of.every((x) => satisfies(p, quals, x, ctx));
    case 'any':
      return c.of.some((x) => satisfies(p, quals, x, ctx));
    case 'not':
      return !satisfies(p, quals, c.cond, ctx);
  }
}
