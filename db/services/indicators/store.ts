import type { AppDb } from '../../open';
import {
  IndicatorDefinitionSchema, type Indicator, type IndicatorDefinition, type Resolution, type Target, type TrainingStandard,
} from '../../../shared/api/indicators';
import { fail } from '../../../shared/api/envelope';

// Reading the indicator tables into contract shapes. Writes live in crud.ts / entered.ts.

const RES_SELECT = `select id, version, name, number, issued_date as issuedDate, issuing_body as issuingBody,
  period_start as periodStart, period_end as periodEnd, note from resolutions`;

export function listResolutions(db: AppDb): Resolution[] {
  return db.sqlite.prepare(`${RES_SELECT} where deleted_at is null order by coalesce(period_start, '') desc, id`).all() as Resolution[];
}

export function getResolution(db: AppDb, id: number): Resolution {
  const r = db.sqlite.prepare(`${RES_SELECT} where id = ? and deleted_at is null`).get(id) as Resolution | undefined;
  if (!r) throw fail.notFound('nghị quyết');
  return r;
}

/** The resolution a call means: the one named, else the one whose period covers the date, else the oldest. */
export function resolveResolutionId(db: AppDb, resolutionId: number | undefined, onDate?: string): number | null {
  if (resolutionId !== undefined) return getResolution(db, resolutionId).id;
  const all = db.sqlite
    .prepare('select id, period_start as s, period_end as e from resolutions where deleted_at is null order by id')
    .all() as { id: number; s: string | null; e: string | null }[];
  if (all.length === 0) return null;
  if (onDate) {
    const covering = all.find((r) => (!r.s || r.s <= onDate) && (!r.e || r.e >= onDate));
    if (covering) return covering.id;
  }
  return all[0].id;
}

/** Parses a stored definition; a row edited outside the app that no longer validates yields null (shown as an error). */
export function parseDefinition(raw: unknown): IndicatorDefinition | null {
  if (raw === null || raw === undefined) return null;
  try {
    const value = typeof raw === 'string' ? JSON.parse(raw) : raw;
    const parsed = IndicatorDefinitionSchema.safeParse(value);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const IND_SELECT = `select id, version, resolution_id as resolutionId, code, text, kind, unit, sort_order as sortOrder,
  definition, rule_text as ruleText, note from indicators`;

function targetsByIndicator(db: AppDb, ids: number[]): Map<number, Target[]> {
  const out = new Map<number, Target[]>();
  if (ids.length === 0) return out;
  const rows = db.sqlite
    .prepare(
      `select id, version, indicator_id as indicatorId, year, value, note from indicator_targets
        where deleted_at is null and indicator_id in (select value from json_each(?)) order by year`,
    )
    .all(JSON.stringify(ids)) as (Target & { indicatorId: number })[];
  for (const { indicatorId, ...t } of rows) {
    if (!out.has(indicatorId)) out.set(indicatorId, []);
    out.get(indicatorId)!.push(t);
  }
  return out;
}

function toIndicators(db: AppDb, rows: any[]): Indicator[] {
  const targets = targetsByIndicator(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, definition: parseDefinition(r.definition), targets: targets.get(r.id) ?? [] }));
}

export function listIndicators(db: AppDb, resolutionId: number | null): Indicator[] {
  if (resolutionId === null) return [];
  const rows = db.sqlite
    .prepare(`${IND_SELECT} where deleted_at is null and resolution_id = ? order by sort_order, code`)
    .all(resolutionId) as any[];
  return toIndicators(db, rows);
}

export function getIndicator(db: AppDb, id: number): Indicator {
  const row = db.sqlite.prepare(`${IND_SELECT} where id = ? and deleted_at is null`).get(id);
  if (!row) throw fail.notFound('chỉ tiêu');
  return toIndicators(db, [row])[0];
}

const STD_SELECT = `select id, version, standard_set as standardSet, label, sort_order as sortOrder, position_codes as positionCodes,
  unit_levels as unitLevels, categories, min_general as minGeneral, min_professional as minProfessional,
  min_political as minPolitical, min_state_mgmt as minStateMgmt, note from training_standards`;

const parseList = (v: unknown): string[] | null => (v === null || v === undefined ? null : (JSON.parse(String(v)) as string[]));
const toStandard = (r: any): TrainingStandard => ({ ...r, positionCodes: parseList(r.positionCodes), unitLevels: parseList(r.unitLevels), categories: parseList(r.categories) });

export function listStandards(db: AppDb, standardSet?: string): TrainingStandard[] {
  const rows = standardSet
    ? db.sqlite.prepare(`${STD_SELECT} where deleted_at is null and standard_set = ? order by standard_set, sort_order, id`).all(standardSet)
    : db.sqlite.prepare(`${STD_SELECT} where deleted_at is null order by standard_set, sort_order, id`).all();
  return (rows as any[]).map(toStandard);
}

export function getStandard(db: AppDb, id: number): TrainingStandard {
  const r = db.sqlite.prepare(`${STD_SELECT} where id = ? and deleted_at is null`).get(id);
  if (!r) throw fail.notFound('tiêu chuẩn');
  return toStandard(r);
}
