// One staged row of a diploma list in the long shape: one row per diploma, a person on as many rows as they hold
// diplomas (often with the name cell merged down over them). The person is found on file, or created by their
// first row when the row says enough; each row adds one qualification, and one already on file is not added twice.

import { QUALIFICATION_CATEGORIES, type QualificationCategory } from '../../../shared/domain/codes';
import { formatVnDate } from '../../../shared/domain/dates';
import { foldVietnamese } from '../../../shared/domain/text';
import { QUALIFICATION_IMPORT_FIELDS } from './catalog';
import { birthCompatible, dataColumns, evaluateRow, newRowResult, skippedResult, type EvaluateContext, type RowApply, type RowResult } from './evaluate';
import { cellText, parseImportDate, skipReason, type RawRow } from './parse';

export interface QualificationLevel {
  category: QualificationCategory;
  levelKey: string;
  field: string | null;
  institution: string | null;
  awardDate: string | null;
  certificateNo: string | null;
  note: string | null;
}

export interface QualificationApply {
  kind: 'qualification';
  /** Who: a cadre on file, one this row creates, or one an earlier row of the file creates. */
  cadre: { existing: number } | { create: RowApply } | { fileRow: number };
  /** A new qualification, or the blanks of one on file to fill. */
  add: QualificationLevel | null;
  fill: { id: number; changes: Partial<Pick<QualificationLevel, 'field' | 'institution' | 'awardDate' | 'certificateNo' | 'note'>> } | null;
}

type PersonRef = { existing: number } | { fileRow: number };

export interface QualificationFileState {
  /** Person keys (ID number, folded name + birth) of the people seen so far, to the cadre they stand for. */
  persons: Map<string, PersonRef>;
  /** The person of the last row that named one, for rows whose name cell is merged down (blank). */
  last: { ref: PersonRef; rowNo: number; values: Record<string, string> } | null;
}

export interface QualificationContext extends EvaluateContext {
  file: QualificationFileState;
  rowNo: number;
}

const PERSON_KEYS = new Set(['fullName', 'idNumber', 'birthDate', 'birthDateMale', 'birthDateFemale']);
const LABEL = new Map(QUALIFICATION_IMPORT_FIELDS.map((f) => [f.key, f.label]));
const refKey = (r: PersonRef) => ('existing' in r ? `m:${r.existing}` : `row:${r.fileRow}`);

export function evaluateQualificationRow(row: RawRow, ctx: QualificationContext): RowResult {
  const { mapping, lookups } = ctx;
  const out = newRowResult();
  const { nameCol, mappedCols } = dataColumns(mapping);
  const personBlank = mapping.every((k, i) => !k || !PERSON_KEYS.has(k) || !cellText(row[i] ?? null));
  const levelCol = mapping.indexOf('diploma.level');
  // A continuation row (name merged down) is not a caption: only the name's emptiness makes it look like one.
  const continuation = personBlank && levelCol >= 0 && !!cellText(row[levelCol] ?? null) && !!ctx.file.last;
  const skipped = continuation ? null : skippedResult(skipReason(row, nameCol, mappedCols, ctx.headerSignature));
  if (skipped) return skipped;
  const errors: { field: string; message: string }[] = [];
  const notes: { field: string; message: string }[] = [];

  // ---- Who --------------------------------------------------------------------------------------------------
  let who: QualificationApply['cadre'] | null = null;
  let birth: string | null = null;
  if (personBlank) {
    if (!ctx.file.last) return failed(out, [{ field: 'fullName', message: 'Thiếu họ và tên.' }], notes);
    who = ctx.file.last.ref;
    Object.assign(out.values, ctx.file.last.values);
    notes.push({ field: 'fullName', message: `Cùng người với dòng ${ctx.file.last.rowNo} (ô họ tên để trống hoặc gộp).` });
  } else {
    const personMapping = mapping.map((k) => (k && !k.startsWith('diploma.') && k !== 'note' ? k : null));
    const person = evaluateRow(row, { ...ctx, mapping: personMapping });
    for (const k of ['fullName', 'birthDate', 'birthDateMale', 'birthDateFemale', 'idNumber', 'unit', 'sex']) if (person.values[k]) out.values[k] = person.values[k];
    birth = person.apply?.fields.birthDate ?? null;
    const seen = person.dupKeys.filter((k) => !k.startsWith('m:')).map((k) => ctx.file.persons.get(k)).find(Boolean);
    const identityError = person.status === 'error' && person.messages.some((m) => PERSON_KEYS.has(m.field));
    if (person.status === 'skipped') return person;
    if (identityError) return failed(out, person.messages, notes);
    if (person.matchId) who = { existing: person.matchId };
    else if (seen) {
      who = seen;
      if ('fileRow' in seen) notes.push({ field: 'fullName', message: `Hồ sơ mới được thêm ở dòng ${seen.fileRow} của tệp.` });
    } else if (person.status === 'new' && person.apply) {
      who = { create: person.apply };
      notes.push({ field: 'fullName', message: 'Chưa có hồ sơ người này: thêm hồ sơ mới cùng văn bằng.' });
    } else {
      return failed(out, [{ field: 'fullName', message: 'Chưa có hồ sơ người này; muốn thêm mới cần đủ giới tính và loại cán bộ (hoặc chọn loại mặc định).' }, ...person.messages], notes);
    }
    if (person.status === 'update') notes.push({ field: '_', message: 'Các cột thông tin cá nhân khác với hồ sơ không được cập nhật ở đây; hãy dùng nhập hồ sơ cán bộ.' });
    if (!birth && 'existing' in who) birth = lookups.byCadreId(who.existing)?.fields.birthDate ?? null;
  }

  // ---- The diploma ------------------------------------------------------------------------------------------
  let category: QualificationCategory | null = null;
  let levelRaw: RawRow[number] = null;
  const q: QualificationLevel = { category: 'chuyen_mon', levelKey: '', field: null, institution: null, awardDate: null, certificateNo: null, note: null };
  let studyMode: string | null = null;
  let note: string | null = null;
  mapping.forEach((key, col) => {
    if (!key || !(key.startsWith('diploma.') || key === 'note')) return;
    const raw = row[col] ?? null;
    const text = cellText(raw);
    const label = LABEL.get(key) ?? key;
    const tooLong = (max: number) => text.length > max && (errors.push({ field: key, message: `${label} dài quá ${max} ký tự.` }), true);
    switch (key) {
      case 'diploma.level':
        levelRaw = raw;
        return;
      case 'diploma.category':
        if (!text) return;
        category = lookups.levelCategory(raw) ?? null;
        if (!category) errors.push({ field: key, message: `Loại trình độ "${text}" không hiểu được; hãy ghi Chuyên môn, Lý luận chính trị, Quản lý nhà nước, Ngoại ngữ hoặc Tin học.` });
        return;
      case 'diploma.field':
        if (text && !tooLong(200)) q.field = text;
        return;
      case 'diploma.institution':
        if (text && !tooLong(200)) q.institution = text;
        return;
      case 'diploma.certificateNo':
        if (text && !tooLong(100)) q.certificateNo = text;
        return;
      case 'diploma.studyMode':
        if (text && !tooLong(100)) studyMode = text;
        return;
      case 'note':
        if (text && !tooLong(1000)) note = text;
        return;
      case 'diploma.awardDate': {
        const r = parseImportDate(raw, label, true);
        if (!r.ok) errors.push({ field: key, message: r.message });
        else q.awardDate = r.value;
      }
    }
  });
  const level = lookups.anyLevel(levelRaw, category);
  if (!level.ok) errors.push({ field: 'diploma.level', message: level.message });
  else if (!level.value) errors.push({ field: 'diploma.level', message: 'Thiếu trình độ, văn bằng.' });
  else {
    q.category = level.value.category;
    q.levelKey = level.value.key;
    if (!q.field && level.value.rest && q.category === 'chuyen_mon') q.field = level.value.rest;
  }
  if (q.awardDate && q.awardDate > lookups.today) errors.push({ field: 'diploma.awardDate', message: 'Năm tốt nghiệp không thể ở tương lai.' });
  if (q.awardDate && birth && q.awardDate.slice(0, 4) < birth.slice(0, 4)) errors.push({ field: 'diploma.awardDate', message: 'Năm tốt nghiệp trước năm sinh.' });
  // The record has no column for the form of study: it goes into the qualification's note, where the grid shows it.
  q.note = [studyMode ? `Hình thức đào tạo: ${studyMode}` : null, note].filter(Boolean).join('; ') || null;
  if (errors.length) return failed(out, errors, notes);

  const levelName = lookups.codeName(`level.${q.category}`, q.levelKey);
  out.values['diploma.level'] = `${QUALIFICATION_CATEGORIES[q.category]}: ${levelName}${q.field ? ` (${q.field})` : ''}`;
  if (q.institution) out.values['diploma.institution'] = q.institution;
  if (q.awardDate) out.values['diploma.awardDate'] = formatVnDate(q.awardDate);
  if (studyMode) out.values['diploma.studyMode'] = studyMode;
  if (q.certificateNo) out.values['diploma.certificateNo'] = q.certificateNo;

  const ref: PersonRef = 'create' in who! ? { fileRow: ctx.rowNo } : (who as PersonRef);
  out.dupKeys.push(`q:${refKey(ref)}|${q.category}|${q.levelKey}|${foldVietnamese(q.field)}`);
  const apply: QualificationApply = { kind: 'qualification', cadre: who!, add: q, fill: null };

  // ---- Against the record ----------------------------------------------------------------------------------
  if ('existing' in who!) {
    out.matchId = who.existing;
    const cadre = lookups.byCadreId(who.existing);
    out.matchVersion = cadre?.version ?? null;
    const same = (cadre?.qualifications ?? []).filter((e) => e.category === q.category && e.levelKey === q.levelKey);
    const fieldOf = (f: string | null) => foldVietnamese(f);
    const identical = same.find((e) => fieldOf(e.field) === fieldOf(q.field) && birthCompatible(e.awardDate ?? q.awardDate, q.awardDate ?? e.awardDate));
    const blankField = same.find((e) => !e.field);
    const target = identical ?? (q.field ? blankField : undefined);
    if (target) {
      // The same diploma: fill what the record leaves blank, never overwrite what it holds.
      const changes: NonNullable<QualificationApply['fill']>['changes'] = {};
      if (q.field && !target.field) changes.field = q.field;
      if (q.institution && !target.institution) changes.institution = q.institution;
      if (q.awardDate && (!target.awardDate || (target.awardDate.length < q.awardDate.length && q.awardDate.startsWith(target.awardDate)))) changes.awardDate = q.awardDate;
      const names: Record<string, string> = { field: 'Chuyên ngành', institution: 'Nơi đào tạo', awardDate: 'Năm tốt nghiệp' };
      for (const [k, to] of Object.entries(changes)) {
        const from = (target as Record<string, unknown>)[k] as string | null;
        out.changes.push({ field: `diploma.${k}`, label: `${names[k]} (${levelName})`, from: k === 'awardDate' && from ? formatVnDate(from) : from ?? '', to: k === 'awardDate' ? formatVnDate(to as string) : (to as string) });
      }
      if (!out.changes.length) {
        out.status = 'unchanged';
        out.messages = [{ field: 'diploma.level', message: `Hồ sơ đã có văn bằng này (${levelName}${target.field ? ` ${target.field}` : ''}); không thêm lần nữa.` }, ...notes];
        return out;
      }
      out.status = 'update';
      apply.add = null;
      apply.fill = { id: target.id, changes };
    } else {
      out.changes.push({ field: `level.${q.category}`, label: QUALIFICATION_CATEGORIES[q.category], from: '', to: out.values['diploma.level'] });
      out.status = 'new';
    }
  } else out.status = 'new';

  // Later rows of this person (by name and birth, or ID number, or merged name cells) go to the same cadre.
  for (const k of personBlank ? [] : personKeys(out.values)) if (!ctx.file.persons.has(k)) ctx.file.persons.set(k, ref);
  if (!personBlank) ctx.file.last = { ref, rowNo: ctx.rowNo, values: pick(out.values) };
  out.apply = apply as unknown as RowResult['apply'];
  out.messages = notes;
  return out;
}

/** The person keys of a row's shown values, in the form evaluateRow's duplicate keys use. */
function personKeys(values: Record<string, string>): string[] {
  const keys: string[] = [];
  if (values.idNumber) keys.push(`id:${values.idNumber}`);
  if (values.fullName) {
    const b = values.birthDate ?? values.birthDateMale ?? values.birthDateFemale ?? '';
    keys.push(`nb:${foldVietnamese(values.fullName)}|${toIso(b)}`);
  }
  return keys;
}

/** "17/05/1990" -> "1990-05-17", "05/1990" -> "1990-05", "1990" stays. */
function toIso(shown: string): string {
  const p = shown.split('/');
  return p.reverse().join('-');
}

const pick = (v: Record<string, string>) => Object.fromEntries(['fullName', 'birthDate', 'birthDateMale', 'birthDateFemale', 'idNumber', 'unit'].filter((k) => v[k]).map((k) => [k, v[k]]));

function failed(out: RowResult, errors: { field: string; message: string }[], notes: { field: string; message: string }[]): RowResult {
  out.status = 'error';
  out.apply = null;
  out.messages = [...errors, ...notes];
  return out;
}
