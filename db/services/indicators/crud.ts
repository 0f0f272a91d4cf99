import type { AppDb } from '../../open';
import type { CallContext } from '../../context';
import type { ParsedInput } from '../../../shared/api/contract';
import type { Condition, Indicator, IndicatorDefinition, Resolution, TrainingStandard } from '../../../shared/api/indicators';
import { fail } from '../../../shared/api/envelope';
import { CADRE_CATEGORIES, CADRE_FLAGS, QUALIFICATION_CATEGORIES, UNIT_KINDS, UNIT_LEVELS, isKeyOf } from '../../../shared/domain/codes';
import { inTransaction } from '../../open';
import { diffEntries, writeAudit } from '../audit';
import { codeIndex } from '../codes';
import { getIndicator, getResolution, getStandard, listStandards } from './store';

// Data entry for resolutions, indicators, targets and training standards: each write is one transaction with
// its audit rows, checks the version it was given, and refuses definitions that name unknown codes.

const ok = { ok: true as const };

// ---- Resolutions -----------------------------------------------------------------------------------------------

const RES_FIELDS = ['name', 'number', 'issuedDate', 'issuingBody', 'periodStart', 'periodEnd', 'note'] as const;

function checkPeriod(r: { periodStart?: string | null; periodEnd?: string | null }) {
  if (r.periodStart && r.periodEnd && r.periodEnd < r.periodStart) {
    throw fail.validation('Ngày kết thúc giai đoạn phải sau ngày bắt đầu.', { periodEnd: 'Phải sau ngày bắt đầu.' });
  }
}

export function createResolution(db: AppDb, input: ParsedInput<'indicators.createResolution'>, ctx: CallContext): Resolution {
  return inTransaction(db, () => {
    checkPeriod(input);
    const r = db.sqlite
      .prepare(
        `insert into resolutions (name, number, issued_date, issuing_body, period_start, period_end, note)
         values (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.name, input.number ?? null, input.issuedDate ?? null, input.issuingBody ?? null, input.periodStart ?? null, input.periodEnd ?? null, input.note ?? null);
    const id = Number(r.lastInsertRowid);
    writeAudit(db, ctx, [{ action: 'create', entity: 'resolution', entityId: id, newValue: input }]);
    return getResolution(db, id);
  });
}

export function updateResolution(db: AppDb, input: ParsedInput<'indicators.updateResolution'>, ctx: CallContext): Resolution {
  return inTransaction(db, () => {
    const before = getResolution(db, input.id);
    if (before.version !== input.version) throw fail.conflict(before);
    const after = { ...before, ...definedOnly(input.changes) };
    checkPeriod(after);
    db.sqlite
      .prepare(
        `update resolutions set name = ?, number = ?, issued_date = ?, issuing_body = ?, period_start = ?, period_end = ?, note = ?,
                version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`,
      )
      .run(after.name, after.number, after.issuedDate, after.issuingBody, after.periodStart, after.periodEnd, after.note, input.id);
    writeAudit(db, ctx, diffEntries('resolution', input.id, null, before, after, [...RES_FIELDS]));
    return getResolution(db, input.id);
  });
}

export function deleteResolution(db: AppDb, input: ParsedInput<'indicators.deleteResolution'>, ctx: CallContext) {
  return inTransaction(db, () => {
    const before = getResolution(db, input.id);
    if (before.version !== input.version) throw fail.conflict(before);
    const live = db.sqlite.prepare('select count(*) as n from indicators where resolution_id = ? and deleted_at is null').get(input.id) as { n: number };
    if (live.n > 0) throw fail.validation(`Nghị quyết còn ${live.n} chỉ tiêu; hãy xoá các chỉ tiêu trước.`);
    db.sqlite.prepare(`update resolutions set deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), version = version + 1 where id = ?`).run(input.id);
    writeAudit(db, ctx, [{ action: 'delete', entity: 'resolution', entityId: input.id, oldValue: before }]);
    return ok;
  });
}

// ---- Definitions ---------------------------------------------------------------------------------------------

/** Refuses a definition that names a level, role, unit kind or category the app does not know. */
export function checkDefinition(db: AppDb, def: IndicatorDefinition): void {
  const errors: string[] = [];
  const codes = codeIndex(db);
  const unknown = (label: string, values: string[] | undefined, known: Record<string, unknown>) => {
    for (const v of values ?? []) if (!(v in known)) errors.push(`${label} "${v}" không có trong danh mục.`);
  };
  const p = def.population;
  unknown('Cấp đơn vị', p.unitLevels, UNIT_LEVELS);
  unknown('Loại đơn vị', p.unitKinds, UNIT_KINDS);
  unknown('Loại đơn vị', p.excludeUnitKinds, UNIT_KINDS);
  unknown('Loại cán bộ', p.categories, CADRE_CATEGORIES);
  unknown('Vai trò', p.flagsAny, CADRE_FLAGS);
  for (const e of p.exclude ?? []) {
    unknown('Loại cán bộ', e.categories, CADRE_CATEGORIES);
    unknown('Loại đơn vị', e.unitKinds, UNIT_KINDS);
    unknown('Cấp đơn vị', e.unitLevels, UNIT_LEVELS);
  }
  const standardSets = new Set(listStandards(db).map((s) => s.standardSet));
  const walk = (c: Condition) => {
    switch (c.type) {
      case 'levelAtLeast':
      case 'hasLevel':
      case 'levelAttr':
      case 'fluencyAttr': {
        if (!isKeyOf(QUALIFICATION_CATEGORIES, c.category)) {
          errors.push(`Loại trình độ "${c.category}" không có trong danh mục.`);
          return;
        }
        const levels = c.type === 'levelAtLeast' ? [c.level] : c.type === 'hasLevel' ? c.levels : [];
        for (const l of levels) if (!codes.get(`level.${c.category}`)?.has(l)) errors.push(`Trình độ "${l}" không có trong danh mục ${QUALIFICATION_CATEGORIES[c.category].toLowerCase()}.`);
        return;
      }
      case 'meetsStandard':
        if (!standardSets.has(c.standardSet)) errors.push(`Bộ tiêu chuẩn "${c.standardSet}" chưa có tiêu chuẩn nào.`);
        return;
      case 'all':
      case 'any':
        c.of.forEach(walk);
        return;
      case 'not':
        walk(c.cond);
    }
  };
  walk(def.counted);
  if (errors.length) throw fail.validation(errors.join(' '), { definition: errors[0] });
}

// ---- Indicators ----------------------------------------------------------------------------------------------

const IND_FIELDS = ['code', 'text', 'kind', 'unit', 'sortOrder', 'definition', 'ruleText', 'note'] as const;

function checkIndicatorShape(db: AppDb, ind: { kind: string; definition?: IndicatorDefinition | null }) {
  if (ind.kind === 'computed') {
    if (!ind.definition) throw fail.validation('Chỉ tiêu tính từ hồ sơ cần có cách tính (đối tượng và điều kiện đạt).', { definition: 'Chưa có cách tính.' });
    checkDefinition(db, ind.definition);
  }
}

function codeTaken(db: AppDb, resolutionId: number, code: string, exceptId: number | null): boolean {
  return !!db.sqlite
    .prepare('select 1 from indicators where resolution_id = ? and code = ? and deleted_at is null and id <> ?')
    .get(resolutionId, code, exceptId ?? -1);
}

export function createIndicator(db: AppDb, input: ParsedInput<'indicators.create'>, ctx: CallContext): Indicator {
  return inTransaction(db, () => {
    getResolution(db, input.resolutionId);
    if (codeTaken(db, input.resolutionId, input.code, null)) throw fail.validation(`Mã chỉ tiêu "${input.code}" đã có trong nghị quyết.`, { code: 'Mã đã tồn tại.' });
    checkIndicatorShape(db, input);
    const years = new Set<number>();
    for (const t of input.targets) {
      if (years.has(t.year)) throw fail.validation(`Mục tiêu năm ${t.year} bị nhập hai lần.`);
      years.add(t.year);
    }
    const r = db.sqlite
      .prepare(
        `insert into indicators (resolution_id, code, text, kind, unit, sort_order, definition, rule_text, note)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.resolutionId, input.code, input.text, input.kind, input.unit, input.sortOrder, input.definition ? JSON.stringify(input.definition) : null, input.ruleText ?? null, input.note ?? null);
    const id = Number(r.lastInsertRowid);
    const ins = db.sqlite.prepare('insert into indicator_targets (indicator_id, year, value, note) values (?, ?, ?, ?)');
    for (const t of input.targets) ins.run(id, t.year, t.value, t.note ?? null);
    writeAudit(db, ctx, [{ action: 'create', entity: 'indicator', entityId: id, newValue: input }]);
    return getIndicator(db, id);
  });
}

export function updateIndicator(db: AppDb, input: ParsedInput<'indicators.update'>, ctx: CallContext): Indicator {
  return inTransaction(db, () => {
    const before = getIndicator(db, input.id);
    if (before.version !== input.version) throw fail.conflict(before);
    const after = { ...before, ...definedOnly(input.changes) } as Indicator;
    if (after.code !== before.code && codeTaken(db, before.resolutionId, after.code, before.id)) {
      throw fail.validation(`Mã chỉ tiêu "${after.code}" đã có trong nghị quyết.`, { code: 'Mã đã tồn tại.' });
    }
    checkIndicatorShape(db, after);
    db.sqlite
      .prepare(
        `update indicators set code = ?, text = ?, kind = ?, unit = ?, sort_order = ?, definition = ?, rule_text = ?, note = ?,
                version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`,
      )
      .run(after.code, after.text, after.kind, after.unit, after.sortOrder, after.definition ? JSON.stringify(after.definition) : null, after.ruleText ?? null, after.note ?? null, input.id);
    writeAudit(db, ctx, diffEntries('indicator', input.id, null, before, after, [...IND_FIELDS]));
    return getIndicator(db, input.id);
  });
}

export function deleteIndicator(db: AppDb, input: ParsedInput<'indicators.delete'>, ctx: CallContext) {
  return inTransaction(db, () => {
    const before = getIndicator(db, input.id);
    if (before.version !== input.version) throw fail.conflict(before);
    db.sqlite.prepare(`update indicators set deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), version = version + 1 where id = ?`).run(input.id);
    writeAudit(db, ctx, [{ action: 'delete', entity: 'indicator', entityId: input.id, oldValue: { code: before.code, text: before.text } }]);
    return ok;
  });
}

export function setTarget(db: AppDb, input: ParsedInput<'indicators.setTarget'>, ctx: CallContext): Indicator {
  return inTransaction(db, () => {
    const ind = getIndicator(db, input.indicatorId);
    const cur = ind.targets.find((t) => t.year === input.year);
    if (cur && input.version !== undefined && cur.version !== input.version) throw fail.conflict(ind);
    if (input.value !== null && ind.unit === 'percent' && (input.value < 0 || input.value > 100)) {
      throw fail.validation('Mục tiêu tỷ lệ phải từ 0 đến 100 (%).', { value: 'Từ 0 đến 100.' });
    }
    if (input.value !== null && input.value < 0) throw fail.validation('Mục tiêu không được âm.', { value: 'Không được âm.' });
    if (!cur && input.value !== null) {
      const r = db.sqlite.prepare('insert into indicator_targets (indicator_id, year, value, note) values (?, ?, ?, ?)').run(ind.id, input.year, input.value, input.note ?? null);
      writeAudit(db, ctx, [{ action: 'create', entity: 'indicator_target', entityId: Number(r.lastInsertRowid), newValue: { indicator: ind.code, year: input.year, value: input.value } }]);
    } else if (cur && input.value === null) {
      db.sqlite.prepare(`update indicator_targets set deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), version = version + 1 where id = ?`).run(cur.id);
      writeAudit(db, ctx, [{ action: 'delete', entity: 'indicator_target', entityId: cur.id, oldValue: { indicator: ind.code, year: cur.year, value: cur.value } }]);
    } else if (cur && input.value !== null) {
      const note = input.note === undefined ? cur.note : input.note;
      db.sqlite.prepare(`update indicator_targets set value = ?, note = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`).run(input.value, note, cur.id);
      writeAudit(db, ctx, diffEntries('indicator_target', cur.id, null, cur, { ...cur, value: input.value, note }, ['value', 'note']));
    }
    return getIndicator(db, ind.id);
  });
}

// ---- Training standards ---------------------------------------------------------------------------------------

const STD_FIELDS = ['standardSet', 'label', 'sortOrder', 'positionCodes', 'unitLevels', 'categories', 'minGeneral', 'minProfessional', 'minPolitical', 'minStateMgmt', 'note'] as const;

function checkStandard(db: AppDb, s: Partial<TrainingStandard>) {
  const codes = codeIndex(db);
  const errors: Record<string, string> = {};
  const level = (field: 'minGeneral' | 'minProfessional' | 'minPolitical' | 'minStateMgmt', cat: string, label: string) => {
    const v = s[field];
    if (v && !codes.get(`level.${cat}`)?.has(v)) errors[field] = `Trình độ ${label} "${v}" không có trong danh mục.`;
  };
  level('minGeneral', 'pho_thong', 'văn hoá');
  level('minProfessional', 'chuyen_mon', 'chuyên môn');
  level('minPolitical', 'ly_luan_chinh_tri', 'lý luận chính trị');
  level('minStateMgmt', 'quan_ly_nha_nuoc', 'quản lý nhà nước');
  for (const p of s.positionCodes ?? []) if (!codes.get('position')?.has(p)) errors.positionCodes = `Chức vụ "${p}" không có trong danh mục.`;
  for (const l of s.unitLevels ?? []) if (!isKeyOf(UNIT_LEVELS, l)) errors.unitLevels = `Cấp "${l}" không hợp lệ.`;
  for (const c of s.categories ?? []) if (!isKeyOf(CADRE_CATEGORIES, c)) errors.categories = `Loại cán bộ "${c}" không hợp lệ.`;
  const first = Object.values(errors)[0];
  if (first) throw fail.validation(first, errors);
}

const listJson = (v: string[] | null | undefined) => (v && v.length ? JSON.stringify(v) : null);

export function createStandard(db: AppDb, input: ParsedInput<'indicators.createStandard'>, ctx: CallContext): TrainingStandard {
  return inTransaction(db, () => {
    checkStandard(db, input);
    const r = db.sqlite
      .prepare(
        `insert into training_standards (standard_set, label, sort_order, position_codes, unit_levels, categories,
           min_general, min_professional, min_political, min_state_mgmt, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.standardSet, input.label, input.sortOrder, listJson(input.positionCodes), listJson(input.unitLevels), listJson(input.categories),
        input.minGeneral ?? null, input.minProfessional ?? null, input.minPolitical ?? null, input.minStateMgmt ?? null, input.note ?? null);
    const id = Number(r.lastInsertRowid);
    writeAudit(db, ctx, [{ action: 'create', entity: 'training_standard', entityId: id, newValue: input }]);
    return getStandard(db, id);
  });
}

export function updateStandard(db: AppDb, input: ParsedInput<'indicators.updateStandard'>, ctx: CallContext): TrainingStandard {
  return inTransaction(db, () => {
    const before = getStandard(db, input.id);
    if (before.version !== input.version) throw fail.conflict(before);
    const after = { ...before, ...definedOnly(input.changes) } as TrainingStandard;
    checkStandard(db, after);
    db.sqlite
      .prepare(
        `update training_standards set standard_set = ?, label = ?, sort_order = ?, position_codes = ?, unit_levels = ?, categories = ?,
           min_general = ?, min_professional = ?, min_political = ?, min_state_mgmt = ?, note = ?,
           version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`,
      )
      .run(after.standardSet, after.label, after.sortOrder, listJson(after.positionCodes), listJson(after.unitLevels), listJson(after.categories),
        after.minGeneral ?? null, after.minProfessional ?? null, after.minPolitical ?? null, after.minStateMgmt ?? null, after.note ?? null, input.id);
    writeAudit(db, ctx, diffEntries('training_standard', input.id, null, before, after, [...STD_FIELDS]));
    return getStandard(db, input.id);
  });
}

export function deleteStandard(db: AppDb, input: ParsedInput<'indicators.deleteStandard'>, ctx: CallContext) {
  return inTransaction(db, () => {
    const before = getStandard(db, input.id);
    if (before.version !== input.version) throw fail.conflict(before);
    db.sqlite.prepare(`update training_standards set deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), version = version + 1 where id = ?`).run(input.id);
    writeAudit(db, ctx, [{ action: 'delete', entity: 'training_standard', entityId: input.id, oldValue: before }]);
    return ok;
  });
}

/** Drops keys whose value is undefined (a partial change names only the fields it changes). */
function definedOnly<T extends Record<string, unknown>>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}
