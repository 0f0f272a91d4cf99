import type { AppDb } from '../../open';
import type { CallContext } from '../../context';
import { fail } from '../../../shared/api/envelope';
import { formatVnDate, todayIso } from '../../../shared/domain/dates';
import { diffEntries, writeAudit, type AuditEntry } from '../audit';
import { findCode } from '../codes';
import { NOW_SQL } from './common';

// A completed enrolment in a course that leads to a qualification owns exactly one qualification row
// (source 'training', source_ref = enrolment id). Instead of creating and deleting it at each transition,
// the wanted state is computed from the enrolment and its course and the row is brought to it: created,
// updated, restored or soft-deleted. Calling it twice changes nothing, so "exactly once" holds by design.

interface Source {
  id: number;
  cadreId: number;
  status: string;
  certificateNo: string | null;
  certificateDate: string | null;
  deletedAt: string | null;
  courseName: string;
  qualCategory: string | null;
  qualLevelKey: string | null;
  institution: string | null;
  endDate: string | null;
  courseDeletedAt: string | null;
}

interface Wanted {
  category: string;
  levelKey: string;
  institution: string | null;
  awardDate: string;
  certificateNo: string | null;
  note: string;
}

function wantedQualification(s: Source): Wanted | null {
  if (s.deletedAt || s.courseDeletedAt || s.status !== 'completed' || !s.qualCategory || !s.qualLevelKey) return null;
  const awardDate = s.certificateDate ?? s.endDate;
  if (!awardDate) {
    throw fail.validation(`Khoá "${s.courseName}" chưa có ngày kết thúc; hãy nhập ngày cấp văn bằng để ghi nhận trình độ.`, { certificateDate: 'Cần ngày cấp văn bằng (hoặc ngày kết thúc khoá học).' });
  }
  if (awardDate > todayIso()) {
    throw fail.validation(`Ngày ${formatVnDate(awardDate)} (ngày cấp văn bằng hoặc ngày kết thúc khoá) còn ở tương lai; chưa thể ghi nhận hoàn thành.`, { status: 'Khoá học chưa kết thúc.' });
  }
  return { category: s.qualCategory, levelKey: s.qualLevelKey, institution: s.institution, awardDate, certificateNo: s.certificateNo, note: `Hoàn thành khoá "${s.courseName}"` };
}

const QUAL_FIELDS = ['category', 'levelKey', 'institution', 'awardDate', 'certificateNo', 'note'] as const;

export function syncQualification(db: AppDb, ctx: CallContext, enrolmentId: number, batchId: number | null): void {
  const s = db.sqlite
    .prepare(`select e.id, e.cadre_id as cadreId, e.status, e.certificate_no as certificateNo, e.certificate_date as certificateDate,
                     e.deleted_at as deletedAt, c.name as courseName, c.qual_category as qualCategory, c.qual_level_key as qualLevelKey,
                     c.institution, c.end_date as endDate, c.deleted_at as courseDeletedAt
                from training_enrolments e join training_courses c on c.id = e.course_id where e.id = ?`)
    .get(enrolmentId) as Source | undefined;
  if (!s) throw fail.notFound('học viên');
  const wanted = wantedQualification(s);
  if (wanted && !findCode(db, `level.${wanted.category}`, wanted.levelKey)) {
    throw fail.validation(`Trình độ đạt được của khoá "${s.courseName}" không có trong danh mục.`, { status: 'Trình độ không có trong danh mục.' });
  }
  // Live row first; a soft-deleted one is revived rather than duplicated.
  const existing = db.sqlite
    .prepare(`select id, category, level_key as levelKey, institution, award_date as awardDate, certificate_no as certificateNo, note,
                     deleted_at as deletedAt
                from qualifications where source = 'training' and source_ref = ? order by deleted_at is not null, id limit 1`)
    .get(enrolmentId) as (Wanted & { id: number; deletedAt: string | null }) | undefined;
  const entries: AuditEntry[] = [];
  let qualificationId: number | null = existing?.id ?? null;
  if (!wanted) {
    if (existing && !existing.deletedAt) {
      db.sqlite.prepare(`update qualifications set deleted_at = ${NOW_SQL}, version = version + 1 where id = ?`).run(existing.id);
      entries.push({ action: 'delete', entity: 'qualification', entityId: existing.id, cadreId: s.cadreId, oldValue: { ...existing, reason: 'Huỷ kết quả hoàn thành khoá học' } });
    }
  } else if (!existing) {
    qualificationId = Number(
      db.sqlite
        .prepare(`insert into qualifications (cadre_id, category, level_key, institution, award_date, certificate_no, source, source_ref, note)
                  values (?, ?, ?, ?, ?, ?, 'training', ?, ?)`)
        .run(s.cadreId, wanted.category, wanted.levelKey, wanted.institution, wanted.awardDate, wanted.certificateNo, enrolmentId, wanted.note).lastInsertRowid,
    );
    entries.push({ action: 'create', entity: 'qualification', entityId: qualificationId, cadreId: s.cadreId, newValue: { ...wanted, source: 'training', sourceRef: enrolmentId } });
  } else {
    const diffs = diffEntries('qualification', existing.id, s.cadreId, { ...existing }, { ...wanted }, [...QUAL_FIELDS]);
    if (diffs.length || existing.deletedAt) {
      db.sqlite
        .prepare(`update qualifications set category = ?, level_key = ?, institution = ?, award_date = ?, certificate_no = ?, note = ?,
                   deleted_at = null, version = version + 1 where id = ?`)
        .run(wanted.category, wanted.levelKey, wanted.institution, wanted.awardDate, wanted.certificateNo, wanted.note, existing.id);
      if (existing.deletedAt) entries.push({ action: 'restore', entity: 'qualification', entityId: existing.id, cadreId: s.cadreId, newValue: wanted });
      else entries.push(...diffs);
    }
  }
  db.sqlite.prepare('update training_enrolments set qualification_id = ? where id = ? and qualification_id is not ?').run(wanted ? qualificationId : null, enrolmentId, wanted ? qualificationId : null);
  // The cadre record itself is unchanged (like a qualification edited on the cadre screen), so its version stays.
  writeAudit(db, ctx, entries, batchId);
}
