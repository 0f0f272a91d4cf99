// One staged row of a course participant list: who it names (by ID number, else name and birth date). Whether
// that person is already in the course and which enrolment warnings apply is asked of the training service by
// the caller, for a whole chunk at once.

import { formatVnDate } from '../../../shared/domain/dates';
import { foldVietnamese } from '../../../shared/domain/text';
import { birthCompatible, dataColumns, newRowResult, skippedResult, type EvaluateContext, type RowResult } from './evaluate';
import { cellText, parseIdNumber, parseImportDate, skipReason, type RawRow } from './parse';

export function evaluateEnrolmentRow(row: RawRow, ctx: EvaluateContext): RowResult {
  const { mapping, lookups } = ctx;
  const out = newRowResult();
  const { nameCol, mappedCols } = dataColumns(mapping);
  const skipped = skippedResult(skipReason(row, nameCol, mappedCols, ctx.headerSignature));
  if (skipped) return skipped;
  const errors: { field: string; message: string }[] = [];
  let name = '';
  let birth: string | null = null;
  let idNumber: string | null = null;
  mapping.forEach((key, col) => {
    const raw = row[col] ?? null;
    if (key === 'fullName') {
      name = cellText(raw);
      if (name) out.values.fullName = name;
    } else if (key === 'idNumber') {
      const r = parseIdNumber(raw);
      if (!r.ok) errors.push({ field: key, message: r.message });
      else if (r.value) (idNumber = r.value), (out.values.idNumber = r.value);
    } else if (key === 'birthDate' || key === 'birthDateMale' || key === 'birthDateFemale') {
      const r = parseImportDate(raw, 'Ngày sinh', true);
      if (!r.ok) errors.push({ field: key, message: r.message });
      else if (r.value) (birth = r.value), (out.values[key] = formatVnDate(r.value));
    }
  });
  if (!name && !idNumber) errors.push({ field: 'fullName', message: 'Thiếu họ và tên (hoặc số CCCD).' });
  if (errors.length) {
    out.status = 'error';
    out.messages = errors;
    return out;
  }
  let match = idNumber ? lookups.byIdNumber(idNumber) : undefined;
  if (!match && name) {
    // Without a birth date in the file, a name identifies a person only when one record has it.
    const same = lookups.byNameAndBirth(foldVietnamese(name)).filter((c) => !birth || birthCompatible(c.fields.birthDate, birth));
    if (same.length > 1) errors.push({ field: 'fullName', message: `Có ${same.length} hồ sơ cùng họ tên ${birth ? 'và ngày sinh' : '(tệp không có ngày sinh)'}; hãy ghi số CCCD hoặc ngày sinh để phân biệt.` });
    else if (same.length === 1) match = same[0];
  }
  if (!match && !errors.length) {
    errors.push({ field: 'fullName', message: `Không tìm thấy hồ sơ "${name || idNumber}"${birth ? ` sinh ${formatVnDate(birth)}` : ''} trong danh sách cán bộ; hãy nhập hồ sơ trước.` });
  }
  if (errors.length) {
    out.status = 'error';
    out.messages = errors;
    return out;
  }
  out.matchId = match!.id;
  out.matchVersion = match!.version;
  out.values.unit = lookups.unitName(match!.assignment?.unitId);
  out.dupKeys.push(`m:${match!.id}`);
  out.apply = { fields: {}, unit: null, levels: [], qualificationFields: [] };
  return out;
}
