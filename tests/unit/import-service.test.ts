import { beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openTestDb, testApi } from '../helpers/db';
import { newImportJobId, seededTestDb, seedSmall } from '../helpers/fixtures';
import type { AppDb } from '../../db/open';

let db: AppDb;
let api: ReturnType<typeof testApi>;
let seed: ReturnType<typeof seedSmall>;
const jobId = newImportJobId;

beforeEach(async () => {
  ({ db, api, seed } = await seededTestDb());
});

/** The messy shape of a real office list: titles, a merged two-line header, numbered columns, captions, totals. */
async function messyWorkbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['TỈNH ỦY SÓC TRĂNG']);
  ws.mergeCells('A1:K1');
  ws.addRow(['DANH SÁCH CÁN BỘ NĂM 2025']);
  ws.mergeCells('A2:K2');
  ws.addRow(['STT', 'HỌ VÀ TÊN', 'Ngày sinh', null, 'Dân tộc', 'Số CCCD', 'Đơn vị công tác', 'Chức vụ', 'Trình độ', null, 'Loại']);
  ws.addRow([null, null, 'Nam', 'Nữ', null, null, null, null, 'Chuyên môn', 'LLCT', null]);
  ws.mergeCells('C3:D3');
  ws.mergeCells('I3:J3');
  ws.addRow(['I.', 'KHỐI ĐẢNG']);
  // 6: new person, birth date as an Excel date in the women's column, Khmer, master's degree with field.
  ws.addRow([1, 'Trần Thị Mỹ Linh', null, new Date(Date.UTC(1990, 4, 17)), 'Khơ-me', '094190001234', 'Ban Tổ chức Tỉnh ủy', 'Chuyên viên', 'Thạc sĩ Quản lý công', 'Trung cấp', 'Công chức']);
  // 7: existing Trần Văn An (name + birth date), gains an ID number and a political level.
  ws.addRow([2, 'TRẦN VĂN AN', '01/09/1979', null, 'Kinh', 94079005678, 'Ban Tổ chức Tỉnh ủy', 'Chuyên viên', null, 'CCLLCT', 'Công chức']);
  // 8: existing Nguyễn Thị Hồng, nothing new.
  ws.addRow([3, 'Nguyễn Thị Hồng', null, '12/04/1985', 'Kinh', null, 'Ban Tổ chức Tỉnh ủy', 'Chuyên viên', null, null, 'Công chức']);
  // 9: a date that does not exist.
  ws.addRow([4, 'Lý Văn Sai', '31/02/1980', null, 'Kinh', null, 'Ban Tổ chức Tỉnh ủy', null, 'Đại học', null, 'Công chức']);
  // 10: the new person again.
  ws.addRow([5, 'Trần Thị Mỹ Linh', null, '17/05/1990', 'Khmer', '094190001234', 'Ban Tổ chức Tỉnh ủy', null, null, null, 'Công chức']);
  // 11: a unit nobody knows.
  ws.addRow([6, 'Võ Minh Tâm', 1988, null, 'Kinh', null, 'Phòng Không Tồn Tại', null, null, null, 'Viên chức']);
  ws.addRow([]);
  ws.addRow([null, 'Tổng cộng', null, null, null, null, null, null, null, null, '6 người']);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function analyzeAndPreview(contentBase64: string, fileName = 'ds.xlsx', defaultCategory: string | null = null) {
  const a = await api.call('imports.analyze', { jobId: jobId(), fileName, contentBase64 });
  const p = await api.call('imports.preview', { jobId: jobId(), importId: a.importId, headerStart: a.headerStart, headerSpan: a.headerSpan, mapping: a.mapping, options: { defaultCategory } });
  const rows = await api.call('imports.rows', { importId: a.importId, limit: 1000 });
  return { a, p, rows: new Map(rows.rows.map((r) => [r.rowNo, r])) };
}

describe('importing a messy cadre list', () => {
  it('guesses the header, previews new, updated, unchanged, error, duplicate and skipped rows', async () => {
    const { a, p, rows } = await analyzeAndPreview(await messyWorkbook());
    expect(a.headerStart).toBe(2);
    expect(a.headerSpan).toBe(2);
    expect(a.mapping).toEqual(['rowNo', 'fullName', 'birthDateMale', 'birthDateFemale', 'ethnicity', 'idNumber', 'unit', 'postTitle', 'level.chuyen_mon', 'level.ly_luan_chinh_tri', 'category']);
    expect(p.counts).toEqual({ new: 1, update: 1, unchanged: 1, error: 2, duplicate: 1, skipped: 3 });
    expect(p.unknownUnits).toEqual([{ name: 'Phòng Không Tồn Tại', rows: 1 }]);

    expect(rows.get(5)!.status).toBe('skipped');
    expect(rows.get(5)!.messages[0].message).toBe('Dòng tiêu đề nhóm');
    const linh = rows.get(6)!;
    expect(linh.status).toBe('new');
    expect(linh.values).toMatchObject({ fullName: 'Trần Thị Mỹ Linh', sex: 'Nữ', birthDateFemale: '17/05/1990', ethnicity: 'Khơ-me', 'level.chuyen_mon': 'Thạc sĩ (Quản lý công)' });
    const an = rows.get(7)!;
    expect(an.status).toBe('update');
    expect(an.matchId).toBe(seed.cadres[1].id);
    expect(an.changes.map((c) => [c.field, c.from, c.to])).toEqual([
      ['idNumber', '', '094079005678'],
      ['level.ly_luan_chinh_tri', '', 'Cao cấp'],
    ]);
    expect(an.messages.map((m) => m.message).join(' ')).toContain('số 0');
    expect(rows.get(8)!.status).toBe('unchanged');
    expect(rows.get(9)!.status).toBe('error');
    expect(rows.get(9)!.messages[0]).toMatchObject({ field: 'birthDateMale' });
    expect(rows.get(9)!.messages[0].message).toContain('không có ngày 31');
    expect(rows.get(10)!.status).toBe('duplicate');
    expect(rows.get(10)!.messages[0].message).toContain('dòng 6');
    expect(rows.get(11)!.status).toBe('error');
    expect(rows.get(11)!.messages[0].message).toContain('Phòng Không Tồn Tại');
    expect(rows.get(12)!.status).toBe('skipped');
    expect(rows.get(13)!.messages[0].message).toBe('Dòng tổng cộng');
  });

  it('commits in one batch with audit rows, and undoes the whole import', async () => {
    const { a } = await analyzeAndPreview(await messyWorkbook());
    const before = db.sqlite.prepare('select count(*) as n from cadres').get() as { n: number };
    const summary = await api.call('imports.commit', { jobId: jobId(), importId: a.importId, saveMappingAs: 'Mẫu danh sách Ban Tổ chức' });
    expect(summary.counts.new).toBe(1);
    expect(summary.counts.update).toBe(1);
    expect(summary.skippedReasons.map((r) => r.reason)).toContain('Dòng tổng cộng');

    const linh = db.sqlite.prepare(`select id, sex, birth_date as b, ethnicity, id_number as idn, category from cadres where full_name = 'Trần Thị Mỹ Linh'`).get() as any;
    expect(linh).toMatchObject({ sex: 'nu', b: '1990-05-17', ethnicity: 'khmer', idn: '094190001234', category: 'cong_chuc' });
    const quals = db.sqlite.prepare('select category, level_key as k, field, source from qualifications where cadre_id = ? order by category').all(linh.id);
    expect(quals).toEqual([
      { category: 'chuyen_mon', k: 'thac_si', field: 'Quản lý công', source: 'import' },
      { category: 'ly_luan_chinh_tri', k: 'trung_cap', field: null, source: 'import' },
    ]);
    const unit = db.sqlite.prepare('select unit_id as u, post_title as p, from_date as f, source from assignments where cadre_id = ?').get(linh.id) as any;
    expect(unit).toMatchObject({ u: seed.board.id, p: 'Chuyên viên', source: 'import' });
    const an = db.sqlite.prepare('select id_number as idn, version from cadres where id = ?').get(seed.cadres[1].id) as any;
    expect(an.idn).toBe('094079005678');

    const batch = db.sqlite.prepare('select kind, description from change_batches where id = ?').get(summary.batchId) as any;
    expect(batch.kind).toBe('import');
    expect(batch.description).toContain('ds.xlsx');
    const audited = db.sqlite.prepare('select entity, action, field from audit_log where batch_id = ? order by id').all(summary.batchId) as any[];
    expect(audited).toContainEqual({ entity: 'cadre', action: 'create', field: null });
    expect(audited).toContainEqual({ entity: 'cadre', action: 'update', field: 'idNumber' });
    expect(audited.filter((r) => r.entity === 'qualification')).toHaveLength(3);
    // Each record the import created has one 'create' row in the batch, its values as writeAudit stores them.
    const created = (entity: string, id: number) =>
      db.sqlite.prepare(`select cadre_id as c, new_value as v from audit_log where batch_id = ? and action = 'create' and entity = ? and entity_id = ?`).all(summary.batchId, entity, id) as { c: number; v: string }[];
    const linhAudit = created('cadre', linh.id);
    expect(linhAudit).toHaveLength(1);
    expect(linhAudit[0].c).toBe(linh.id);
    // Non-empty fields only, in the record's field order.
    expect(linhAudit[0].v).toBe(JSON.stringify({ fullName: 'Trần Thị Mỹ Linh', sex: 'nu', birthDate: '1990-05-17', ethnicity: 'khmer', idNumber: '094190001234', category: 'cong_chuc' }));
    const post = db.sqlite.prepare('select id, unit_id as u, post_title as p, from_date as f from assignments where cadre_id = ?').get(linh.id) as any;
    expect(created('assignment', post.id).map((r) => JSON.parse(r.v))).toEqual([{ unitId: post.u, postTitle: post.p, fromDate: post.f }]);
    for (const q of db.sqlite.prepare('select id, category, level_key as k, field from qualifications where cadre_id = ?').all(linh.id) as any[]) {
      expect(created('qualification', q.id).map((r) => [r.c, JSON.parse(r.v)])).toEqual([[linh.id, { category: q.category, levelKey: q.k, field: q.field, institution: null, awardDate: null }]]);
    }

    // The mapping is saved and found again for the next file of the same shape.
    const again = await api.call('imports.analyze', { jobId: jobId(), fileName: 'ds2.xlsx', contentBase64: await messyWorkbook() });
    expect(again.savedMapping?.name).toBe('Mẫu danh sách Ban Tổ chức');

    const undo = await api.call('imports.undo', { importId: a.importId });
    expect(undo).toMatchObject({ removed: 1, restored: 1 });
    const live = db.sqlite.prepare('select count(*) as n from cadres where deleted_at is null').get() as { n: number };
    expect(live.n).toBe(before.n);
    const anAfter = db.sqlite.prepare('select id_number as idn from cadres where id = ?').get(seed.cadres[1].id) as any;
    expect(anAfter.idn).toBeNull();
    const anQuals = db.sqlite.prepare('select count(*) as n from qualifications where cadre_id = ? and deleted_at is null').get(seed.cadres[1].id) as any;
    expect(anQuals.n).toBe(0);
    const b = db.sqlite.prepare('select undone_at as u from change_batches where id = ?').get(summary.batchId) as any;
    expect(b.u).not.toBeNull();
    const e = await api.fail('imports.undo', { importId: a.importId });
    expect(e.message).toContain('đã được hoàn tác');
  });

  it('refuses to undo when a record was edited after the import', async () => {
    const { a } = await analyzeAndPreview(await messyWorkbook());
    await api.call('imports.commit', { jobId: jobId(), importId: a.importId });
    const row = (await api.call('cadres.list', {})).find((r) => r.fullName === 'Trần Thị Mỹ Linh')!;
    await api.call('cadres.update', { id: row.id, version: row.version, changes: { homeTown: 'Vĩnh Châu' } });
    const e = await api.fail('imports.undo', { importId: a.importId });
    expect(e.message).toContain('Trần Thị Mỹ Linh');
    expect((db.sqlite.prepare('select deleted_at as d from cadres where id = ?').get(row.id) as any).d).toBeNull();
  });

  it('refuses to commit over a record edited after the preview', async () => {
    const { a } = await analyzeAndPreview(await messyWorkbook());
    const an = (await api.call('cadres.list', {})).find((r) => r.id === seed.cadres[1].id)!;
    await api.call('cadres.update', { id: an.id, version: an.version, changes: { homeTown: 'Long Phú' } });
    const e = await api.fail('imports.commit', { jobId: jobId(), importId: a.importId });
    expect(e.message).toContain('Xem trước');
    expect((db.sqlite.prepare(`select count(*) as n from cadres where full_name = 'Trần Thị Mỹ Linh'`).get() as any).n).toBe(0);
  });

  it('imports a CSV in Windows-1258 with a default category and a women-mark column', async () => {
    const iconv = (await import('iconv-lite')).default;
    const csv = 'Ho ten,Nữ,Năm sinh,Dân tộc\r\nThạch Thị Sa Rinh,x,1990,Khmer\r\nKim Sóc Khánh,,1975,Khmer\r\n';
    // Windows-1258 writes tone marks as separate combining characters.
    const cp = [...csv].map((ch) => {
      const d = ch.normalize('NFD');
      const tones = [...d].filter((c) => '\u0300\u0301\u0303\u0309\u0323'.includes(c)).join('');
      return [...d].filter((c) => !tones.includes(c)).join('').normalize('NFC') + tones;
    }).join('');
    const { a, p, rows } = await analyzeAndPreview(iconv.encode(cp, 'windows-1258').toString('base64'), 'ds.csv', 'can_bo');
    expect(a.mapping).toEqual(['fullName', 'femaleMark', 'birthDate', 'ethnicity']);
    // Thạch Thị Sa Rinh, born 20/02/1990, exists: a year-only birth date matches and changes nothing.
    expect(rows.get(2)!.status).toBe('unchanged');
    expect(rows.get(3)!.status).toBe('new');
    expect(rows.get(3)!.values).toMatchObject({ sex: 'Nam', birthDate: '1975', category: 'Cán bộ' });
    expect(p.counts.new).toBe(1);
  });

  it('cancels a long step on request', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('A');
    ws.addRow(['Họ và tên', 'Giới tính']);
    for (let i = 0; i < 6000; i++) ws.addRow([`Người ${i}`, 'Nam']);
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const id = jobId();
    await api.call('imports.cancel', { jobId: id });
    const e = await api.fail('imports.analyze', { jobId: id, fileName: 'a.xlsx', contentBase64: content });
    expect(e.message).toContain('Đã huỷ');
    const p = await api.call('imports.progress', { jobId: id });
    expect(p.phase).toBe('cancelled');
  });

  it('pauses WAL checkpoints while previews write their results, and resumes them after, also when two overlap or one is cancelled', async () => {
    const csv = ['Họ và tên;Giới tính;Năm sinh;Loại', ...Array.from({ length: 3000 }, (_, i) => `Người Số ${i};Nam;${1970 + (i % 30)};Công chức`)].join('\n');
    const analyze = () => api.call('imports.analyze', { jobId: jobId(), fileName: 'ds.csv', contentBase64: Buffer.from(csv).toString('base64') });
    const setting = () => db.sqlite.pragma('wal_autocheckpoint', { simple: true });
    expect(setting()).toBe(1000);
    const [a, b] = [await analyze(), await analyze()];
    const [idA, idB] = [jobId(), jobId()];
    const first = api.call('imports.preview', { jobId: idA, importId: a.importId, headerStart: 0, headerSpan: 1, mapping: a.mapping });
    await expect.poll(async () => (await api.call('imports.progress', { jobId: idA })).done, { interval: 1 }).toBeGreaterThan(0);
    expect(setting()).toBe(0);
    // A second preview starts while the first still writes: it finds checkpoints paused, and ends last.
    const second = api.call('imports.preview', { jobId: idB, importId: b.importId, headerStart: 0, headerSpan: 1, mapping: b.mapping });
    await expect.poll(async () => (await api.call('imports.progress', { jobId: idB })).done, { interval: 1 }).toBeGreaterThan(0);
    expect((await first).counts.new).toBe(3000);
    expect(setting()).toBe(0);
    expect((await second).counts.new).toBe(3000);
    expect(setting()).toBe(1000);
    // Cancelled half way.
    const idC = jobId();
    const third = api.fail('imports.preview', { jobId: idC, importId: a.importId, headerStart: 0, headerSpan: 1, mapping: a.mapping });
    await expect.poll(async () => (await api.call('imports.progress', { jobId: idC })).done, { interval: 1 }).toBeGreaterThan(0);
    await api.call('imports.cancel', { jobId: idC });
    expect((await third).message).toContain('Đã huỷ');
    expect(setting()).toBe(1000);
  });

  it('records where and when the professional degree was earned', async () => {
    const csv = 'Họ và tên,Giới tính,Ngày sinh,Trình độ chuyên môn,Nơi đào tạo,Năm tốt nghiệp,Loại\nĐặng Văn Hòa,Nam,1980,Kỹ sư Nông nghiệp,Đại học Cần Thơ,2003,Viên chức\nBùi Thị Na,Nữ,1990,Cử nhân,Đại học Luật TP.HCM,1985,Công chức\n';
    const { a, rows } = await analyzeAndPreview(Buffer.from(csv, 'utf8').toString('base64'), 'vb.csv');
    expect(a.mapping).toEqual(['fullName', 'sex', 'birthDate', 'level.chuyen_mon', 'professionalInstitution', 'professionalAwardDate', 'category']);
    expect(rows.get(2)!.status).toBe('new');
    expect(rows.get(3)!.status).toBe('error');
    expect(rows.get(3)!.messages[0].message).toBe('Năm tốt nghiệp trước năm sinh.');
    await api.call('imports.commit', { jobId: jobId(), importId: a.importId });
    const q = db.sqlite.prepare(`select q.level_key as k, q.field, q.institution as i, q.award_date as d from qualifications q join cadres c on c.id = q.cadre_id where c.full_name = 'Đặng Văn Hòa'`).get();
    expect(q).toEqual({ k: 'dai_hoc', field: 'Nông nghiệp', i: 'Đại học Cần Thơ', d: '2003' });
  });

  it('keeps answering while a large commit runs, and makes other writes wait for it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('A');
    ws.addRow(['Họ và tên', 'Giới tính', 'Năm sinh', 'Loại']);
    for (let i = 0; i < 3000; i++) ws.addRow([`Người Thứ ${i}`, 'Nam', 1980 + (i % 20), 'Công chức']);
    const { a } = await analyzeAndPreview(Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), 'lon.xlsx');
    const id = jobId();
    const commit = api.call('imports.commit', { jobId: id, importId: a.importId });
    // Wait until the commit is inside its transaction.
    await expect.poll(async () => (await api.call('imports.progress', { jobId: id })).done, { interval: 1 }).toBeGreaterThan(0);
    const hong = (await api.call('cadres.list', {})).find((r) => r.fullName === 'Nguyễn Thị Hồng')!;
    const statusWhenEdited = api
      .call('cadres.update', { id: hong.id, version: hong.version, changes: { homeTown: 'Kế Sách' } })
      .then(() => (db.sqlite.prepare('select status from imports where id = ?').get(a.importId) as { status: string }).status);
    // The edit waited for the commit's transaction to end, rather than landing inside it.
    expect(await statusWhenEdited).toBe('committed');
    const s = await commit;
    const lastOfImport = (db.sqlite.prepare('select max(id) as m from audit_log where batch_id = ?').get(s.batchId) as { m: number }).m;
    const editAudit = db.sqlite.prepare(`select id from audit_log where field = 'homeTown' and new_value = 'Kế Sách'`).get() as { id: number };
    expect(editAudit.id).toBeGreaterThan(lastOfImport);
    const inBatch = db.sqlite.prepare(`select count(*) as n from audit_log where batch_id = ? and field = 'homeTown'`).get(s.batchId) as { n: number };
    expect(inBatch.n).toBe(0);
    expect((db.sqlite.prepare('select count(*) as n from cadres').get() as { n: number }).n).toBe(6 + 3000);
  });

  it('cancelling a commit half way rolls the whole import back', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('A');
    ws.addRow(['Họ và tên', 'Giới tính', 'Năm sinh', 'Loại']);
    for (let i = 0; i < 3000; i++) ws.addRow([`Người Thứ ${i}`, 'Nữ', 1980 + (i % 20), 'Viên chức']);
    const { a } = await analyzeAndPreview(Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), 'huy.xlsx');
    const id = jobId();
    const commit = api.fail('imports.commit', { jobId: id, importId: a.importId });
    await expect.poll(async () => (await api.call('imports.progress', { jobId: id })).done, { interval: 1 }).toBeGreaterThan(0);
    await api.call('imports.cancel', { jobId: id });
    expect((await commit).message).toContain('Đã huỷ');
    expect((db.sqlite.prepare('select count(*) as n from cadres').get() as { n: number }).n).toBe(6);
    expect((db.sqlite.prepare(`select count(*) as n from change_batches where kind = 'import'`).get() as { n: number }).n).toBe(0);
    expect((db.sqlite.prepare('select status from imports where id = ?').get(a.importId) as { status: string }).status).toBe('previewed');
    // The clerk can still commit it afterwards.
    const s = await api.call('imports.commit', { jobId: jobId(), importId: a.importId });
    expect(s.counts.new).toBe(3000);
  });

  it('writes hundreds of new records with multi-row inserts: each post and diploma on its own cadre, one audit row each, undone together', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('A');
    ws.addRow(['Họ và tên', 'Giới tính', 'Ngày sinh', 'Đơn vị công tác', 'Chức vụ', 'Trình độ chuyên môn', 'Trình độ LLCT', 'Loại']);
    const N = 700;
    const unitOf = (i: number) => (i % 3 === 0 ? seed.commune : seed.board);
    for (let i = 0; i < N; i++) {
      // Rows of existing people in between write their own posts and diplomas one by one, between the batches' ids.
      if (i === 300) ws.addRow(['Trần Văn An', 'Nam', '01/09/1979', 'UBND xã Lai Hòa', 'Phó Chủ tịch', null, null, 'Công chức']);
      if (i === 600) ws.addRow(['Lâm Văn Đức', 'Nam', '30/12/1975', 'UBND xã Lai Hòa', null, 'Thạc sĩ Luật', null, 'Cán bộ']);
      ws.addRow([`Người Mới Số ${i}`, i % 2 ? 'Nam' : 'Nữ', `01/01/${1970 + (i % 30)}`, unitOf(i).name, `Chuyên viên ${i}`, i % 2 ? 'Đại học' : null, i % 5 === 0 ? 'Trung cấp' : null, 'Công chức']);
    }
    const { a, p } = await analyzeAndPreview(Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), 'nhieu.xlsx');
    expect(p.counts).toMatchObject({ new: N, update: 2, error: 0 });
    const s = await api.call('imports.commit', { jobId: jobId(), importId: a.importId });

    const made = db.sqlite.prepare(`select id, full_name as n, sex, birth_date as b, created_at as c from cadres where full_name like 'Người Mới Số %' order by id`).all() as { id: number; n: string; sex: string; b: string; c: string }[];
    expect(made.map((r) => r.n)).toEqual(Array.from({ length: N }, (_, i) => `Người Mới Số ${i}`));
    const posts = db.sqlite.prepare(`select id, unit_id as u, post_title as t, source from assignments where cadre_id = ? and deleted_at is null`);
    const diplomas = db.sqlite.prepare(`select id, category as c, level_key as k from qualifications where cadre_id = ? and deleted_at is null order by category`);
    const created = db.sqlite.prepare(`select count(*) as n from audit_log where batch_id = ? and action = 'create' and entity = ? and entity_id = ? and cadre_id = ?`);
    const auditOnce = (entity: string, id: number, cadreId: number) => expect((created.get(s.batchId, entity, id, cadreId) as { n: number }).n, `${entity} ${id}`).toBe(1);
    made.forEach((r, i) => {
      expect(r).toMatchObject({ sex: i % 2 ? 'nam' : 'nu', b: `${1970 + (i % 30)}-01-01` });
      expect(r.c).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      auditOnce('cadre', r.id, r.id);
      const post = posts.all(r.id) as { id: number; u: number; t: string; source: string }[];
      expect(post.map(({ u, t, source }) => ({ u, t, source }))).toEqual([{ u: unitOf(i).id, t: `Chuyên viên ${i}`, source: 'import' }]);
      auditOnce('assignment', post[0].id, r.id);
      const quals = diplomas.all(r.id) as { id: number; c: string; k: string }[];
      expect(quals.map(({ c, k }) => `${c}:${k}`)).toEqual([...(i % 2 ? ['chuyen_mon:dai_hoc'] : []), ...(i % 5 === 0 ? ['ly_luan_chinh_tri:trung_cap'] : [])]);
      for (const q of quals) auditOnce('qualification', q.id, r.id);
    });
    // The two people on file: a new post for An (his old one closed), a master's degree for Đức.
    const an = seed.cadres[1].id;
    expect((posts.all(an) as { u: number }[]).map((x) => x.u).sort()).toEqual([seed.board.id, seed.commune.id].sort());
    expect((diplomas.all(seed.cadres[3].id) as { k: string }[]).map((x) => x.k)).toContain('thac_si');
    // Nothing else was written as 'created' in the batch: one row per record.
    const createRows = (db.sqlite.prepare(`select count(*) as n from audit_log where batch_id = ? and action = 'create'`).get(s.batchId) as { n: number }).n;
    const records = (db.sqlite.prepare(`select (select count(*) from cadres where full_name like 'Người Mới Số %') + (select count(*) from assignments where source = 'import') + (select count(*) from qualifications where source = 'import') as n`).get() as { n: number }).n;
    expect(createRows).toBe(records);

    const undo = await api.call('imports.undo', { importId: a.importId });
    expect(undo).toMatchObject({ removed: N, restored: 2 });
    // One 'delete' row per record taken back, in the undo's batch, naming its cadre.
    const deletes = db.sqlite
      .prepare(`select entity, entity_id as id, cadre_id as c, old_value as v from audit_log where batch_id = ? and action = 'delete' order by id`)
      .all(undo.undoBatchId) as { entity: string; id: number; c: number; v: string }[];
    expect(deletes).toHaveLength(records);
    expect(new Set(deletes.map((d) => `${d.entity}:${d.id}`)).size).toBe(records);
    expect(deletes.every((d) => d.v === 'tạo bởi lần nhập từ Excel')).toBe(true);
    const cadreOf = db.sqlite.prepare(`select cadre_id as c from qualifications where id = ?`);
    for (const d of deletes.filter((x) => x.entity === 'cadre')) expect(d.c).toBe(d.id);
    for (const d of deletes.filter((x) => x.entity === 'qualification')) expect(d.c).toBe((cadreOf.get(d.id) as { c: number }).c);
    expect(deletes.filter((d) => d.entity === 'cadre').map((d) => d.id)).toEqual(made.map((r) => r.id));
    expect((db.sqlite.prepare(`select count(*) as n from cadres where full_name like 'Người Mới Số %' and deleted_at is null`).get() as { n: number }).n).toBe(0);
    expect((db.sqlite.prepare(`select count(*) as n from qualifications where source = 'import' and deleted_at is null`).get() as { n: number }).n).toBe(0);
    expect((posts.all(an) as { u: number }[]).map((x) => x.u)).toEqual([seed.board.id]);
  });

  it('lets the clerk pick the header row and the columns when nothing is recognised', async () => {
    const csv = 'Bảng kê\r\nCột 1;Cột 2;Cột 3\r\nHà Văn Tư;Nam;1970\r\n';
    const a = await api.call('imports.analyze', { jobId: jobId(), fileName: 'la.csv', contentBase64: Buffer.from(csv).toString('base64') });
    expect(a.headerGuessed).toBe(false);
    expect(a.mapping.every((m) => m === null)).toBe(true);
    const moved = await api.call('imports.header', { importId: a.importId, headerStart: 1, headerSpan: 1 });
    expect(moved.columns.map((c) => [c.label, c.samples])).toEqual([['Cột 1', ['Hà Văn Tư']], ['Cột 2', ['Nam']], ['Cột 3', ['1970']]]);
    const e = await api.fail('imports.preview', { jobId: jobId(), importId: a.importId, headerStart: 1, headerSpan: 1, mapping: [null, 'sex', 'birthDate'] });
    expect(e.message).toContain('Họ và tên');
    const twice = await api.fail('imports.preview', { jobId: jobId(), importId: a.importId, headerStart: 1, headerSpan: 1, mapping: ['fullName', 'birthDate', 'birthDate'] });
    expect(twice.message).toContain('hai cột');
    const p = await api.call('imports.preview', { jobId: jobId(), importId: a.importId, headerStart: 1, headerSpan: 1, mapping: ['fullName', 'sex', 'birthDate'], options: { defaultCategory: 'can_bo' } });
    expect(p.counts.new).toBe(1);
  });
});

describe('the rows read are kept in memory between the analysis and the preview', () => {
  it('previews again with another mapping, and asks for the file again after a restart', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qlcb-import-'));
    const file = path.join(dir, 'db.sqlite');
    const first = await openTestDb(file);
    try {
      seedSmall(first);
      const a1 = testApi(first);
      const rows = ['Họ và tên;Giới tính;Năm sinh;Loại', ...Array.from({ length: 60 }, (_, i) => `Người Số ${i};Nam;${1970 + (i % 30)};Công chức`)].join('\n');
      const a = await a1.call('imports.analyze', { jobId: jobId(), fileName: 'dai.csv', contentBase64: Buffer.from(rows).toString('base64') });
      const p1 = await a1.call('imports.preview', { jobId: jobId(), importId: a.importId, headerStart: 0, headerSpan: 1, mapping: a.mapping });
      expect(p1.counts.new).toBe(60);
      // Back to the mapping: without the category column every row lacks it.
      const p2 = await a1.call('imports.preview', { jobId: jobId(), importId: a.importId, headerStart: 0, headerSpan: 1, mapping: [...a.mapping.slice(0, 3), null] });
      expect(p2.counts).toMatchObject({ new: 0, error: 60 });
      expect((await a1.call('imports.rows', { importId: a.importId, limit: 1000 })).total).toBe(60);
      // Another process (the app restarted) no longer has the rows: it says so instead of previewing blanks.
      const second = await openTestDb(file);
      try {
        const e = await testApi(second).fail('imports.preview', { jobId: jobId(), importId: a.importId, headerStart: 0, headerSpan: 1, mapping: a.mapping });
        expect(e.message).toContain('hãy chọn lại tệp');
        // A finished preview is committed from its stored results, there as in the process that made it.
        await a1.call('imports.preview', { jobId: jobId(), importId: a.importId, headerStart: 0, headerSpan: 1, mapping: a.mapping });
        const s2 = await testApi(second).call('imports.commit', { jobId: jobId(), importId: a.importId });
        expect(s2.counts.new).toBe(60);
        const made = second.sqlite.prepare(`select full_name as n, birth_date as b from cadres where full_name like 'Người Số %' order by id`).all() as { n: string; b: string }[];
        expect(made.map((r) => `${r.n} ${r.b}`)).toEqual(Array.from({ length: 60 }, (_, i) => `Người Số ${i} ${1970 + (i % 30)}`));
      } finally {
        second.sqlite.close();
      }
    } finally {
      first.sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
