import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { CADRE_IMPORT_FIELDS, LEVEL_CATEGORY_HINTS } from '../../db/services/imports/catalog';
import {
  anyLevelParser, detectHeader, excelSerialToIso, foldName, levelParser, matchHeader, unitKey, parseFemaleMark, parseIdNumber, parseImportDate, parseSex, skipReason,
} from '../../db/services/imports/parse';
import { decodeText, parseCsv, readSpreadsheet } from '../../db/services/imports/read-file';
import { QUALIFICATION_LEVELS } from '../../shared/domain/codes';
import { foldVietnamese } from '../../shared/domain/text';

async function xlsx(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('DS can bo'), wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Windows-1258 keeps ê, ơ, ư, ă, â, ô, đ precomposed and writes tones as combining marks after the letter. */
function toCp1258Form(s: string): string {
  const tones = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const d = ch.normalize('NFD');
    const base = [...d].filter((c) => !tones.has(c)).join('').normalize('NFC');
    out += base + [...d].filter((c) => tones.has(c)).join('');
  }
  return out;
}

const fieldsOf = (mapping: (string | null)[]) => mapping.map((m) => m ?? '-');

describe('header matching', () => {
  it('recognises Vietnamese headers written many ways, without diacritics and in capitals', () => {
    for (const h of ['Họ và tên', 'HỌ TÊN', 'Ho ten', 'Họ, tên', 'HỌ VÀ TÊN KHAI SINH']) expect(matchHeader(h)?.field, h).toBe('fullName');
    for (const h of ['Ngày sinh', 'NGÀY, THÁNG, NĂM SINH', 'Năm sinh']) expect(matchHeader(h)?.field, h).toBe('birthDate');
    expect(matchHeader('Số CCCD/CMND')?.field).toBe('idNumber');
    expect(matchHeader('Trình độ LLCT')?.field).toBe('level.ly_luan_chinh_tri');
    expect(matchHeader('Trình độ chuyên môn cao nhất')?.field).toBe('level.chuyen_mon');
    expect(matchHeader('Đơn vị công tác')?.field).toBe('unit');
    expect(matchHeader('STT')?.field).toBe('rowNo');
    expect(matchHeader('Cột lạ')).toBeNull();
  });

  it('finds the header under title rows and merged cells, with a two-line header', async () => {
    const bytes = await xlsx((ws) => {
      ws.addRow(['TỈNH ỦY SÓC TRĂNG']);
      ws.mergeCells('A1:H1');
      ws.addRow(['DANH SÁCH TRÍCH NGANG CÁN BỘ, CÔNG CHỨC NĂM 2025']);
      ws.mergeCells('A2:H2');
      ws.addRow([]);
      ws.addRow(['STT', 'Họ và tên', 'Ngày sinh', null, 'Đơn vị', 'Trình độ', null, 'Ghi chú']);
      ws.addRow([null, null, 'Nam', 'Nữ', null, 'Chuyên môn', 'LLCT', null]);
      ws.mergeCells('A4:A5');
      ws.mergeCells('B4:B5');
      ws.mergeCells('C4:D4');
      ws.mergeCells('F4:G4');
      ws.addRow(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)']);
      ws.addRow([1, 'Nguyễn Văn An', '05/03/1978', null, 'Ban Tổ chức Tỉnh ủy', 'ThS', 'CCLLCT']);
    });
    const [sheet] = await readSpreadsheet(bytes, 'ds.xlsx');
    const h = detectHeader(sheet.rows)!;
    expect(h.start).toBe(3);
    expect(h.span).toBe(2);
    expect(fieldsOf(h.mapping)).toEqual(['rowNo', 'fullName', 'birthDateMale', 'birthDateFemale', 'unit', 'level.chuyen_mon', 'level.ly_luan_chinh_tri', 'note']);
    // The column-number row under the header is recognised as such.
    expect(skipReason(sheet.rows[5], 1, [1, 2, 3], '')).toBe('numbering');
  });

  it('prefers a one-line header when the next line is data', () => {
    const rows = [
      ['Họ tên', 'Giới tính', 'Dân tộc'],
      ['Lê Thị Bé', 'Nữ', 'Kinh'],
    ];
    const h = detectHeader(rows)!;
    expect(h.start).toBe(0);
    expect(h.span).toBe(1);
    expect(fieldsOf(h.mapping)).toEqual(['fullName', 'sex', 'ethnicity']);
  });
});

describe('values', () => {
  it('reads dates as Excel dates, Excel serial numbers, text and bare years', async () => {
    const bytes = await xlsx((ws) => {
      ws.addRow(['Họ tên', 'Ngày sinh']);
      ws.addRow(['A', new Date(Date.UTC(1978, 2, 5))]);
      ws.addRow(['B', 28554]);
      ws.addRow(['C', '05/03/1978']);
      ws.addRow(['D', 1978]);
      ws.addRow(['E', '1978']);
      ws.addRow(['F', '31/02/1978']);
    });
    const [sheet] = await readSpreadsheet(bytes, 'd.xlsx');
    const dates = sheet.rows.slice(1).map((r) => parseImportDate(r[1], 'Ngày sinh', true));
    // 28554 days after 30/12/1899 is 05/03/1978 (counted with Python's date arithmetic).
    expect(dates.slice(0, 5).map((d) => (d.ok ? d.value : d.message))).toEqual(['1978-03-05', '1978-03-05', '1978-03-05', '1978', '1978']);
    expect(dates[5].ok).toBe(false);
    expect(!dates[5].ok && dates[5].message).toContain('không có ngày 31');
    expect(excelSerialToIso(45839)).toBe('2025-07-01');
    const full = parseImportDate(1978, 'Ngày vào Đảng', false);
    expect(full.ok).toBe(false);
    expect(parseImportDate('ngày 05 tháng 3 năm 1978', 'Ngày sinh', true)).toEqual({ ok: true, value: '1978-03-05' });
  });

  it('reads sex as Nam/Nữ/x and the women-mark column', () => {
    expect(['Nam', 'nam', 'NỮ', 'Nu', 'x', 'X'].map((s) => { const r = parseSex(s); return r.ok ? r.value : null; })).toEqual(['nam', 'nam', 'nu', 'nu', 'nu', 'nu']);
    expect(parseSex('không rõ').ok).toBe(false);
    expect([null, 'x', 'X'].map((s) => { const r = parseFemaleMark(s); return r.ok ? r.value : null; })).toEqual(['nam', 'nu', 'nu']);
  });

  it('puts back the leading zero Excel drops from ID numbers', () => {
    const r = parseIdNumber(94078001234);
    expect(r.ok && r.value).toBe('094078001234');
    expect(r.ok && r.note).toContain('số 0');
    expect(parseIdNumber('094 078 001 234')).toEqual({ ok: true, value: '094078001234' });
    expect(parseIdNumber('12345').ok).toBe(false);
  });

  it('maps free-text levels and abbreviations to level keys', () => {
    const opts = (c: keyof typeof QUALIFICATION_LEVELS) => QUALIFICATION_LEVELS[c].map((l) => ({ key: l.key, name: l.name }));
    const prof = levelParser('chuyen_mon', opts('chuyen_mon'));
    const pol = levelParser('ly_luan_chinh_tri', opts('ly_luan_chinh_tri'));
    const qlnn = levelParser('quan_ly_nha_nuoc', opts('quan_ly_nha_nuoc'));
    const lang = levelParser('ngoai_ngu', opts('ngoai_ngu'));
    const it = levelParser('tin_hoc', opts('tin_hoc'));
    const v = (p: ReturnType<typeof levelParser>, s: string) => { const r = p(s); return r.ok ? r.value : r.message; };
    expect(v(prof, 'Thạc sĩ Quản lý công')).toEqual({ key: 'thac_si', rest: 'Quản lý công' });
    expect(v(prof, 'ThS')).toEqual({ key: 'thac_si', rest: null });
    expect(v(prof, 'Đại học Luật')).toEqual({ key: 'dai_hoc', rest: 'Luật' });
    expect(v(prof, 'CN Kinh tế')).toEqual({ key: 'dai_hoc', rest: 'Kinh tế' });
    expect(v(prof, 'BS CKII')).toEqual({ key: 'chuyen_khoa_2', rest: null });
    expect(v(prof, 'Tiến sĩ')).toEqual({ key: 'tien_si', rest: null });
    expect(v(pol, 'Cao cấp LLCT')).toEqual({ key: 'cao_cap', rest: null });
    expect(v(pol, 'CCLLCT')).toEqual({ key: 'cao_cap', rest: null });
    expect(v(pol, 'Cao cấp')).toEqual({ key: 'cao_cap', rest: null });
    expect(v(pol, 'Trung cấp')).toEqual({ key: 'trung_cap', rest: null });
    expect(v(pol, 'Cử nhân chính trị')).toEqual({ key: 'cu_nhan', rest: null });
    expect(v(qlnn, 'CVC')).toEqual({ key: 'chuyen_vien_chinh', rest: null });
    expect(v(qlnn, 'Chuyên viên')).toEqual({ key: 'chuyen_vien', rest: null });
    expect(v(lang, 'Tiếng Anh B1')).toEqual({ key: 'bac_3', rest: null });
    expect(v(lang, 'Anh văn B')).toEqual({ key: 'chung_chi_b', rest: null });
    expect(v(it, 'Ứng dụng CNTT cơ bản')).toEqual({ key: 'co_ban', rest: null });
    expect(v(pol, 'Lý thuyết suông')).toContain('không nhận ra');
  });
});

describe('rows to skip', () => {
  it('skips blank, total, caption and repeated-header rows, and keeps people', () => {
    const mapped = [0, 1, 2];
    expect(skipReason([null, '', null], 1, mapped, '')).toBe('blank');
    expect(skipReason([null, 'Tổng cộng', 25], 1, mapped, '')).toBe('total');
    expect(skipReason(['I.', 'KHỐI ĐẢNG, ĐOÀN THỂ'], 1, mapped, '')).toBe('caption');
    expect(skipReason(['A', 'Cấp tỉnh'], 1, mapped, '')).toBeNull();
    expect(skipReason(['STT', 'Họ và tên', 'Ngày sinh'], 1, mapped, 'stt|ho va ten|ngay sinh')).toBe('header');
    expect(skipReason([3, 'Nguyễn Văn An', '1978'], 1, mapped, '')).toBeNull();
  });
});

describe('CSV', () => {
  const text = 'Họ và tên;Ngày sinh;Giới tính\r\n"Nguyễn Thị Hồng";05/03/1985;Nữ\r\n"Trần ""Út"" An";1979;Nam\r\n';
  it('reads UTF-8 with and without BOM, with ";" and quotes', () => {
    for (const bytes of [Buffer.from(text, 'utf8'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])]) {
      const rows = parseCsv(decodeText(bytes));
      expect(rows).toEqual([
        ['Họ và tên', 'Ngày sinh', 'Giới tính'],
        ['Nguyễn Thị Hồng', '05/03/1985', 'Nữ'],
        ['Trần "Út" An', '1979', 'Nam'],
      ]);
    }
  });
  it('reads Windows-1258 (Vietnamese ANSI) files', () => {
    const bytes = iconv.encode(toCp1258Form(text), 'windows-1258');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const rows = parseCsv(decodeText(bytes));
    expect(rows[1]).toEqual(['Nguyễn Thị Hồng', '05/03/1985', 'Nữ']);
    expect(rows[0][0]).toBe('Họ và tên');
  });
  it('refuses .xls with a message to save as .xlsx', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(readSpreadsheet(xls, 'cu.xls')).rejects.toThrow(/\.xlsx/);
  });
});

describe('catalog', () => {
  it('has no spelling claimed by two fields', () => {
    const seen = new Map<string, string>();
    for (const f of CADRE_IMPORT_FIELDS) for (const s of f.synonyms) {
      expect(seen.get(s) ?? f.key, `"${s}" in ${f.key} and ${seen.get(s)}`).toBe(f.key);
      seen.set(s, f.key);
    }
  });
});

describe('large .xlsx files of Vietnamese text', () => {
  // Thousands of distinct names: the XML runs over many 16 KB chunks, and letters of 2-3 bytes fall across them.
  const names = Array.from({ length: 4000 }, (_, i) => `Nguyễn Thị Ánh Tuyết Huỳnh Đức Lộc số ${i} — Ủy ban nhân dân xã Lai Hòa`);

  it('reads every letter of shared strings exactly, whatever chunk it falls across', async () => {
    const bytes = await xlsx((ws) => names.forEach((n, i) => ws.addRow([i + 1, n])));
    const [sheet] = await readSpreadsheet(bytes, 'lon.xlsx');
    const read = sheet.rows.map((r) => r[1]);
    expect(read.filter((t) => String(t).includes('\uFFFD'))).toEqual([]);
    expect(read).toEqual(names);
  });

  it('reports progress as the share of the XML read, rising to the whole', async () => {
    const bytes = await xlsx((ws) => names.forEach((n, i) => ws.addRow([i + 1, n])));
    const seen: number[] = [];
    await readSpreadsheet(bytes, 'lon.xlsx', { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen[0]).toBeGreaterThan(0);
    expect(seen[0]).toBeLessThan(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(seen[seen.length - 1]).toBe(1);
  });

  it('reads every letter of text written in the sheet itself (inline strings) exactly', async () => {
    const file = `${await import('node:os').then((os) => os.tmpdir())}/qlcb-inline-${process.pid}.xlsx`;
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const ws = wb.addWorksheet('DS');
    names.forEach((n, i) => ws.addRow([i + 1, n]).commit());
    ws.commit();
    await wb.commit();
    const fs = await import('node:fs');
    const bytes = fs.readFileSync(file);
    fs.rmSync(file, { force: true });
    const [sheet] = await readSpreadsheet(bytes, 'lon.xlsx');
    expect(sheet.rows.map((r) => r[1])).toEqual(names);
  });
});

describe('.xlsx packages laid out other ways', () => {
  /**
   * An exceljs workbook of two sheets rewritten as other producers lay theirs out: sheet parts not named
   * "sheetN.xml" (one target absolute), stored before the shared strings and styles, and the workbook part last.
   */
  async function repackaged(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Danh sách').addRows([['Họ và tên', 'Ngày sinh'], ['Nguyễn Văn Ấn', '01/02/1980'], ['Lê Thị Bé', '03/04/1990']]);
    wb.addWorksheet('Ghi chú').addRows([['Ghi chú'], ['Đợt 1']]);
    const original = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const text = (p: string) => original.file(p)!.async('string');
    const names: Record<string, string> = { 'worksheets/sheet1.xml': 'worksheets/danh-sach.xml', 'worksheets/sheet2.xml': 'worksheets/ghi-chu.xml' };
    let rels = await text('xl/_rels/workbook.xml.rels');
    rels = rels.replace('Target="worksheets/sheet1.xml"', `Target="/xl/${names['worksheets/sheet1.xml']}"`);
    rels = rels.replace('Target="worksheets/sheet2.xml"', `Target="${names['worksheets/sheet2.xml']}"`);
    let types = await text('[Content_Types].xml');
    for (const [from, to] of Object.entries(names)) types = types.replace(`/xl/${from}`, `/xl/${to}`);

    const out = new JSZip();
    out.file('[Content_Types].xml', types);
    out.file('_rels/.rels', await text('_rels/.rels'));
    // The sheets first, the second before the first, then what they need, and the workbook last.
    out.file(`xl/${names['worksheets/sheet2.xml']}`, await text('xl/worksheets/sheet2.xml'));
    out.file(`xl/${names['worksheets/sheet1.xml']}`, await text('xl/worksheets/sheet1.xml'));
    out.file('xl/sharedStrings.xml', await text('xl/sharedStrings.xml'));
    out.file('xl/styles.xml', await text('xl/styles.xml'));
    out.file('xl/_rels/workbook.xml.rels', rels);
    out.file('xl/workbook.xml', await text('xl/workbook.xml'));
    return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  }

  it('finds every sheet by its relationship, in the workbook\'s order and with its name, whatever the part names and order', async () => {
    const sheets = await readSpreadsheet(await repackaged(), 'khac.xlsx');
    expect(sheets.map((s) => s.name)).toEqual(['Danh sách', 'Ghi chú']);
    expect(sheets[0].rows).toEqual([['Họ và tên', 'Ngày sinh'], ['Nguyễn Văn Ấn', '01/02/1980'], ['Lê Thị Bé', '03/04/1990']]);
    expect(sheets[1].rows).toEqual([['Ghi chú'], ['Đợt 1']]);
  });

  it('refuses a zip that holds no workbook with the message to save it again', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', 'không phải Excel');
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    await expect(readSpreadsheet(bytes, 'nen.xlsx')).rejects.toThrow('Không đọc được tệp "nen.xlsx"');
    // Cut short (a download that stopped half way).
    const good = await repackaged();
    await expect(readSpreadsheet(good.subarray(0, good.length - 200), 'do-dang.xlsx')).rejects.toThrow('Không đọc được tệp "do-dang.xlsx"');
  });
});

describe('units and levels written freely', () => {
  it('folds unit names with their abbreviations to one key', () => {
    expect(unitKey('UBND xã Lai Hòa')).toBe(unitKey('Ủy ban nhân dân xã Lai Hoà'));
    expect(unitKey('Ban Tổ chức TU')).toBe(unitKey('Ban Tổ chức Tỉnh uỷ'));
    expect(unitKey('Sở GD&ĐT')).toBe(unitKey('Sở Giáo dục và Đào tạo'));
    expect(unitKey('Sở LĐ-TB&XH')).toBe(unitKey('Sở Lao động - Thương binh và Xã hội'));
    expect(unitKey('UBND xã Lai Hòa')).not.toBe(unitKey('UBND xã Lai Hòa Tây'));
  });

  it('reads a level of any category from its words, or from a category column', () => {
    const opts = (c: keyof typeof QUALIFICATION_LEVELS) => QUALIFICATION_LEVELS[c].map((l) => ({ key: l.key, name: l.name }));
    const parsers = new Map((Object.keys(QUALIFICATION_LEVELS) as (keyof typeof QUALIFICATION_LEVELS)[]).map((c) => [c, levelParser(c, opts(c))]));
    const any = anyLevelParser(parsers, LEVEL_CATEGORY_HINTS);
    const read = (t: string, c?: keyof typeof QUALIFICATION_LEVELS) => {
      const r = any(t, c);
      return r.ok && r.value ? [r.value.category, r.value.key, r.value.rest] : r.ok ? null : r.message;
    };
    expect(read('Thạc sĩ Quản lý công')).toEqual(['chuyen_mon', 'thac_si', 'Quản lý công']);
    expect(read('ThS')).toEqual(['chuyen_mon', 'thac_si', null]);
    expect(read('Thạc sĩ Quản lý nhà nước')).toEqual(['chuyen_mon', 'thac_si', 'Quản lý nhà nước']);
    expect(read('Cao cấp LLCT')).toEqual(['ly_luan_chinh_tri', 'cao_cap', null]);
    expect(read('CCLLCT')).toEqual(['ly_luan_chinh_tri', 'cao_cap', null]);
    expect(read('Cao cấp')).toEqual(['ly_luan_chinh_tri', 'cao_cap', null]);
    expect(read('Trung cấp chính trị')).toEqual(['ly_luan_chinh_tri', 'trung_cap', null]);
    expect(read('Trung cấp')).toEqual(['chuyen_mon', 'trung_cap', null]);
    expect(read('Trung cấp', 'ly_luan_chinh_tri')).toEqual(['ly_luan_chinh_tri', 'trung_cap', null]);
    expect(read('Chuyên viên chính')).toEqual(['quan_ly_nha_nuoc', 'chuyen_vien_chinh', null]);
    expect(read('Tiếng Anh B1')).toEqual(['ngoai_ngu', 'bac_3', null]);
    expect(read('Ứng dụng CNTT cơ bản')).toEqual(['tin_hoc', 'co_ban', null]);
    expect(read('Giấy khen')).toContain('không nhận ra');
    expect(read('')).toBeNull();
  });
});

describe('names folded word by word', () => {
  it('folds exactly as foldVietnamese, for composed, decomposed and odd spacing', () => {
    const names = [
      'Nguyễn Thị Hồng',
      'NGUYỄN   VĂN  ĐỨC',
      '  Trần\tThị\u00a0Mỹ Linh ',
      // Decomposed marks, a mark alone between spaces, a mark opening the text.
      'Le\u0302 Va\u0306n A\u0301nh',
      'a \u0301 b',
      '\u0301 Lâm',
      'Thạch Sô Phol 123',
      'ΟΔΥΣΣΕΥΣ Σ',
      '',
    ];
    for (const n of names) expect(foldName(n)).toBe(foldVietnamese(n));
    // Asked again (from the word cache), the same answers.
    for (const n of names) expect(foldName(n)).toBe(foldVietnamese(n));
  });
});
