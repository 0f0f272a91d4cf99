import type { AppDb } from '../../open';
import type { CallContext } from '../../context';
import type { ParsedInput } from '../../../shared/api/contract';
import type { EnteredValue } from '../../../shared/api/indicators';
import { fail } from '../../../shared/api/envelope';
import { quarterLabel, quarterStart, todayIso, type Quarter } from '../../../shared/domain/dates';
import { inTransaction } from '../../open';
import { writeAudit } from '../audit';
import { getIndicator, listIndicators, resolveResolutionId } from './store';

// Quarterly statistics typed by the office for "entered" indicators. Rows are never updated: a correction is a
// new row, so the trail of who typed what and when stays; the latest row per quarter is the value.

const SELECT = `select id, indicator_id as indicatorId, year, quarter, value, numerator, denominator, source, note,
  entered_at as enteredAt, entered_by as enteredBy from entered_values`;

function latestOf(db: AppDb, indicatorId: number, year: number, quarter: number): EnteredValue | undefined {
  return db.sqlite
    .prepare(`${SELECT} where indicator_id = ? and year = ? and quarter = ? order by id desc limit 1`)
    .get(indicatorId, year, quarter) as EnteredValue | undefined;
}

export function enterValue(db: AppDb, input: ParsedInput<'indicators.enterValue'>, ctx: CallContext): EnteredValue {
  return inTransaction(db, () => {
    const ind = getIndicator(db, input.indicatorId);
    const q = { year: input.year, quarter: input.quarter } as Quarter;
    if (ind.kind !== 'entered') {
      throw fail.validation(`Chỉ tiêu ${ind.code} được tính từ hồ sơ cán bộ; không nhập số liệu cho chỉ tiêu này.`);
    }
    if (quarterStart(q) > todayIso()) throw fail.validation(`${quarterLabel(q)} chưa bắt đầu; chưa thể nhập số liệu.`, { quarter: 'Quý chưa bắt đầu.' });
    const numerator = input.numerator ?? null;
    const denominator = input.denominator ?? null;
    const errors: Record<string, string> = {};
    if (input.value === null) {
      if (numerator !== null || denominator !== null) errors.value = 'Hãy nhập giá trị (hoặc xoá cả tử số, mẫu số để xoá số liệu).';
    } else {
      if (input.value < 0) errors.value = 'Giá trị không được âm.';
      if (ind.unit === 'percent' && input.value > 100) errors.value = 'Tỷ lệ không được quá 100%.';
    }
    if (numerator !== null && numerator < 0) errors.numerator = 'Tử số không được âm.';
    if (denominator !== null && denominator <= 0) errors.denominator = 'Mẫu số phải lớn hơn 0.';
    if (numerator !== null && denominator !== null && numerator > denominator && ind.unit === 'percent') errors.numerator = 'Tử số không được lớn hơn mẫu số.';
    if (!errors.value && ind.unit === 'percent' && input.value !== null && numerator !== null && denominator !== null && denominator > 0) {
      const implied = (numerator / denominator) * 100;
      if (Math.abs(implied - input.value) > 0.05) {
        errors.value = `Tỷ lệ ${input.value}% không khớp với tử số/mẫu số (${numerator}/${denominator} = ${implied.toFixed(2).replace('.', ',')}%).`;
      }
    }
    const first = Object.values(errors)[0];
    if (first) throw fail.validation(first, errors);

    const prev = latestOf(db, ind.id, input.year, input.quarter);
    const same =
      prev &&
      prev.value === input.value &&
      prev.numerator === numerator &&
      prev.denominator === denominator &&
      prev.source === (input.source ?? null) &&
      prev.note === (input.note ?? null);
    if (same) return prev;
    if (!prev && input.value === null) throw fail.validation(`${quarterLabel(q)} chưa có số liệu để xoá.`);
    const r = db.sqlite
      .prepare(
        `insert into entered_values (indicator_id, year, quarter, value, numerator, denominator, source, note, entered_by)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(ind.id, input.year, input.quarter, input.value, numerator, denominator, input.source ?? null, input.note ?? null, ctx.actor);
    const id = Number(r.lastInsertRowid);
    writeAudit(db, ctx, [
      {
        action: prev ? 'update' : 'create',
        entity: 'entered_value',
        entityId: id,
        field: `${ind.code} ${quarterLabel(q)}`,
        oldValue: prev ? { value: prev.value, numerator: prev.numerator, denominator: prev.denominator, source: prev.source } : null,
        newValue: { value: input.value, numerator, denominator, source: input.source ?? null },
      },
    ]);
    return db.sqlite.prepare(`${SELECT} where id = ?`).get(id) as EnteredValue;
  });
}

/** Latest value per indicator and quarter (or, with history, every row), newest quarter first. */
export function listEnteredValues(db: AppDb, input: ParsedInput<'indicators.enteredValues'>): EnteredValue[] {
  let ids: number[];
  if (input.indicatorId !== undefined) ids = [getIndicator(db, input.indicatorId).id];
  else ids = listIndicators(db, resolveResolutionId(db, input.resolutionId, todayIso())).map((i) => i.id);
  if (ids.length === 0) return [];
  const only = input.history
    ? ''
    : 'and id in (select max(id) from entered_values group by indicator_id, year, quarter)';
  return db.sqlite
    .prepare(`${SELECT} where indicator_id in (select value from json_each(?)) ${only} order by year desc, quarter desc, indicator_id, id desc`)
    .all(JSON.stringify(ids)) as EnteredValue[];
}
