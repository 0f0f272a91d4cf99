import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { columnTexts, startApp, waitForRows, type App } from './harness';
import { testApi } from '../helpers/db';
import { foldVietnamese } from '../../shared/domain/text';

// Every kind of grid exports what it shows: a filter and a sort applied on screen, then "Xuất Excel" and "Xuất CSV";
// the files are read back and compared with the screen: headers in order, rows in order, only the filtered ones,
// dates as real Excel dates, labels instead of code keys, a file name without diacritics and with the day.

const DAY = /_\d{4}-\d{2}-\d{2}\./;

interface Download {
  name: string;
  bytes: Buffer;
}

async function exportFrom(page: Page, scope: Locator, format: 'xlsx' | 'csv'): Promise<Download> {
  const [d] = await Promise.all([page.waitForEvent('download'), scope.getByRole('button', { name: format === 'xlsx' ? 'Xuất Excel' : 'Xuất CSV', exact: true }).click()]);
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(await d.path()) };
}

interface Sheet {
  ws: ExcelJS.Worksheet;
  headerRow: number;
  headers: string[];
  rows: unknown[][];
}

/** The sheet's table: the rows below the frozen header. */
async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as any);
  const ws = wb.worksheets[0];
  // The header is the last frozen row (a title and a blank line stand above it).
  const headerRow = (ws.views[0] as { ySplit?: number } | undefined)?.ySplit ?? 1;
  const width = ws.getRow(headerRow).cellCount;
  const values = (r: number) => Array.from({ length: width }, (_, i) => ws.getRow(r).getCell(i + 1).value);
  const rows: unknown[][] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) rows.push(values(r));
  return { ws, headerRow, headers: values(headerRow) as string[], rows };
}

/** CSV as our export writes it: BOM, ";" separator, CRLF, double quotes around fields that need them. */
function readCsv(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += ch;
  }
  return rows;
}

/** An AG Grid's header texts in column order (selection checkboxes have none). */
function gridHeaders(page: Page, scope: string): Promise<string[]> {
  return page.evaluate(
    (s) =>
      [...document.querySelectorAll(`${s} .ag-header-row-column .ag-header-cell[aria-colindex]`)]
        .map((h) => [Number(h.getAttribute('aria-colindex')), (h.querySelector('.ag-header-cell-text')?.textContent ?? '').trim()] as const)
        .sort((a, b) => a[0] - b[0])
        .map((x) => x[1])
        .filter(Boolean),
    scope,
  );
}

/** Rows the grid displays after its filters (AG Grid's aria-rowcount counts the header row too). */
async function gridRowCount(page: Page, scope: string): Promise<number> {
  return Number(await page.locator(`${scope} [aria-rowcount]`).first().getAttribute('aria-rowcount')) - 1;
}

const vnDate = (d: unknown) => {
  expect(d).toBeInstanceOf(Date);
  const x = d as Date;
  return `${String(x.getUTCDate()).padStart(2, '0')}/${String(x.getUTCMonth() + 1).padStart(2, '0')}/${x.getUTCFullYear()}`;
};
const isoOf = (d: unknown) => (d as Date).toISOString().slice(0, 10);

/** Checks the .xlsx frame every export shares: bold frozen header, widths fitted, title above. */
function expectFrame(sheet: Sheet, title: RegExp) {
  expect(String(sheet.ws.getCell('A1').value)).toMatch(title);
  expect(sheet.ws.getCell('A1').font?.bold).toBe(true);
  expect(sheet.headerRow).toBe(3);
  expect(sheet.ws.getRow(2).cellCount).toBe(0);
  expect(sheet.ws.getRow(sheet.headerRow).font?.bold).toBe(true);
  expect(sheet.ws.views[0]).toMatchObject({ state: 'frozen', ySplit: sheet.headerRow });
  const widths = sheet.headers.map((_, i) => sheet.ws.getColumn(i + 1).width ?? 0);
  expect(widths.every((w) => w >= 6 && w <= 60), JSON.stringify([sheet.headers, widths])).toBe(true);
}

describe('exporting what each kind of grid shows', () => {
  let app: App;
  let hongId: number;
  beforeAll(async () => {
    app = await startApp({
      prepare: async (db) => {
        const api = testApi(db);
        await api.call('app.seedSample', { cadres: 150, seed: 3 });
        // Changes by two people, for the audit log's actor filter.
        const rows = await api.call('cadres.list', {});
        const hong = rows.find((r) => !r.deletedAt && r.birthDate && r.birthDate < '1980')!;
        hongId = hong.id;
        const clerk = testApi(db, { actor: 'nguyễn văn sửa', role: 'clerk' });
        await clerk.call('cadres.update', { id: hong.id, version: hong.version, changes: { homeTown: 'Mỹ Tú, Sóc Trăng' } });
        const fresh = (await api.call('cadres.get', { id: hong.id })).row;
        await clerk.call('cadres.update', { id: hong.id, version: fresh.version, changes: { recruitmentDate: '2010-05-19' } });
      },
    });
    await waitForRows(app.page);
  });
  afterAll(async () => app?.close());

  it('the rotation grid (editable AG Grid): a status filter and a sort by name', async () => {
    const { page } = app;
    const GRID = '[data-testid="rotation-grid"]';
    await page.evaluate(() => (location.hash = '#/luan-chuyen'));
    await waitForRows(page, GRID);
    await page.getByRole('toolbar', { name: 'Thao tác với danh sách luân chuyển' }).getByLabel('Lọc theo trạng thái').selectOption({ label: 'Đang luân chuyển' });
    await page.locator(`${GRID} .ag-header-cell[col-id="cadreName"] .ag-header-cell-label`).click();
    const expected = app.db.sqlite.prepare("select count(*) as n from rotations where status = 'in_progress' and deleted_at is null").pluck().get() as number;
    expect(expected).toBeGreaterThan(1);
    await expect.poll(() => gridRowCount(page, GRID)).toBe(expected);
    const names = await columnTexts(page, 'cadreName', GRID);
    const headers = await gridHeaders(page, GRID);
    const toolbar = page.getByRole('toolbar', { name: 'Thao tác với danh sách luân chuyển' });

    const xlsx = await exportFrom(page, toolbar, 'xlsx');
    expect(xlsx.name).toMatch(/^Danh-sach-luan-chuyen_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = await readXlsx(xlsx.bytes);
    expectFrame(sheet, /^DANH SÁCH LUÂN CHUYỂN/);
    expect(sheet.headers).toEqual(headers);
    expect(sheet.rows.length).toBe(expected);
    const col = (h: string) => sheet.headers.indexOf(h);
    // The order on screen, the status as its label, a planned start as a real date that matches the record.
    expect(sheet.rows.map((r) => r[col('Cán bộ')])).toEqual(names);
    expect(new Set(sheet.rows.map((r) => r[col('Trạng thái')]))).toEqual(new Set(['Đang luân chuyển']));
    const first = app.db.sqlite
      .prepare("select r.planned_start as s from rotations r join cadres c on c.id = r.cadre_id where r.status = 'in_progress' and c.full_name = ?")
      .pluck()
      .all(names[0]) as string[];
    const startCol = sheet.headers.indexOf('Bắt đầu dự kiến');
    expect(startCol).toBeGreaterThanOrEqual(0);
    expect(sheet.ws.getRow(sheet.headerRow + 1).getCell(startCol + 1).numFmt).toBe('dd/mm/yyyy');
    expect(first).toContain(isoOf(sheet.rows[0][startCol]));

    const csv = readCsv((await exportFrom(page, toolbar, 'csv')).bytes);
    expect(csv[0]).toEqual(headers);
    expect(csv.slice(1).map((r) => r[col('Cán bộ')])).toEqual(names);
    expect(csv[1][startCol]).toBe(vnDate(sheet.rows[0][startCol]));
  });

  it('the training grids: the list of who needs training, searched and sorted by age', async () => {
    const { page } = app;
    const GRID = '[data-testid="gap-grid"]';
    await page.evaluate(() => (location.hash = '#/dao-tao'));
    await page.getByRole('tab', { name: 'Cần đào tạo để đạt chỉ tiêu' }).click();
    await waitForRows(page, GRID);
    const all = await gridRowCount(page, GRID);
    await page.getByLabel('Tìm trong danh sách cần đào tạo').fill('nguyen');
    await expect.poll(() => gridRowCount(page, GRID)).toBeLessThan(all);
    await page.locator(`${GRID} .ag-header-cell[col-id="age"] .ag-header-cell-label`).click();
    const shown = await gridRowCount(page, GRID);
    expect(shown).toBeGreaterThan(0);
    const headers = await gridHeaders(page, GRID);
    const toolbar = page.locator('.training-gaps .toolbar');

    const x = await exportFrom(page, toolbar, 'xlsx');
    expect(x.name).toMatch(/^Can-dao-tao-chi-tieu-1b_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = await readXlsx(x.bytes);
    expectFrame(sheet, /^CẦN ĐÀO TẠO ĐỂ ĐẠT CHỈ TIÊU 1b/);
    expect(sheet.headers).toEqual(headers);
    expect(sheet.rows.length).toBe(shown);
    const name = sheet.headers.indexOf('Họ và tên');
    const age = sheet.headers.indexOf('Tuổi');
    const birth = sheet.headers.indexOf('Ngày sinh');
    for (const r of sheet.rows) expect(foldVietnamese(String(r[name]))).toContain('nguyen');
    const ages = sheet.rows.map((r) => r[age] as number);
    expect(ages.every((a) => typeof a === 'number')).toBe(true);
    expect(ages).toEqual([...ages].sort((a, b) => a - b));
    expect(sheet.rows.every((r) => r[birth] === null || r[birth] instanceof Date)).toBe(true);
    // The first rows as the grid renders them.
    const onScreen = await columnTexts(page, 'fullName', GRID);
    expect(sheet.rows.slice(0, onScreen.length).map((r) => r[name])).toEqual(onScreen);

    const csv = readCsv((await exportFrom(page, toolbar, 'csv')).bytes);
    expect(csv[0]).toEqual(headers);
    expect(csv.length - 1).toBe(shown);
    expect(csv.slice(1).map((r) => r[name])).toEqual(sheet.rows.map((r) => r[name]));
  });

  it('the cadre detail panel: the qualification grid sorted by award date, and the assignment table', async () => {
    const { page } = app;
    await page.evaluate(() => (location.hash = '#/can-bo'));
    await waitForRows(page);
    // Someone the list shows by default (working) with at least three dated diplomas.
    const working = new Set((await testApi(app.db).call('cadres.list', {})).filter((r) => r.status === 'dang_cong_tac' && !r.deletedAt).map((r) => r.id));
    const candidates = app.db.sqlite
      .prepare('select cadre_id as id from qualifications where deleted_at is null and award_date is not null group by cadre_id having count(*) >= 3')
      .all() as { id: number }[];
    const target = candidates.find((c) => working.has(c.id))!;
    const name = app.db.sqlite.prepare('select full_name from cadres where id = ?').pluck().get(target.id) as string;
    await page.getByLabel('Tìm kiếm cán bộ').fill(name);
    await page.locator(`[data-testid="cadre-grid"] .ag-row[row-id="${target.id}"] .ag-cell[col-id="fullName"]`).dblclick();
    const panel = page.getByRole('complementary', { name: 'Hồ sơ chi tiết' });
    await panel.getByRole('tab', { name: 'Trình độ' }).click();
    const GRID = '[data-testid="qualification-grid"]';
    await waitForRows(page, GRID);
    await page.locator(`${GRID} .ag-header-cell[col-id="awardDate"] .ag-header-cell-label`).click();
    const headers = await gridHeaders(page, GRID);
    const toolbar = panel.getByRole('toolbar', { name: 'Thao tác với văn bằng' });
    const x = await exportFrom(page, toolbar, 'xlsx');
    expect(x.name).toMatch(DAY);
    expect(x.name).toMatch(/^Trinh-do-[A-Za-z-]+_/);
    const sheet = await readXlsx(x.bytes);
    expectFrame(sheet, /^VĂN BẰNG, CHỨNG CHỈ CỦA/);
    expect(sheet.headers).toEqual(headers);
    const stored = app.db.sqlite.prepare('select award_date as d, category as c from qualifications where cadre_id = ? and deleted_at is null').all(target.id) as { d: string | null; c: string }[];
    expect(sheet.rows.length).toBe(stored.length);
    const award = sheet.headers.indexOf('Ngày cấp');
    // Whole dates are real dates, in the order shown (a partial "2015" stays text).
    const dated = sheet.rows.map((r) => r[award]).filter((d): d is Date => d instanceof Date);
    expect(dated.map(isoOf)).toEqual(stored.map((s) => s.d).filter((d): d is string => !!d && d.length === 10).sort());
    expect(dated.length).toBeGreaterThanOrEqual(1);
    // Categories are their names, not their keys.
    const category = sheet.rows.map((r) => r[0]);
    expect(category.some((c) => ['chuyen_mon', 'ly_luan_chinh_tri', 'quan_ly_nha_nuoc'].includes(String(c)))).toBe(false);
    const csv = readCsv((await exportFrom(page, toolbar, 'csv')).bytes);
    expect(csv[0]).toEqual(headers);
    expect(csv.slice(1).map((r) => r[award]).filter((t) => /^\d{2}\/\d{2}\/\d{4}$/.test(t))).toEqual(dated.map(vnDate));

    // A plain table: the assignment history, its action column left out, dates real, "nay" kept as shown.
    await panel.getByRole('tab', { name: 'Quá trình công tác' }).click();
    const section = panel.getByRole('region', { name: 'Quá trình công tác' });
    const a = await readXlsx((await exportFrom(page, section, 'xlsx')).bytes);
    expect(a.headers).toEqual(['Từ ngày', 'Đến ngày', 'Đơn vị', 'Chức vụ']);
    const periods = app.db.sqlite.prepare('select from_date as f, to_date as t from assignments where cadre_id = ? and deleted_at is null').all(target.id) as { f: string; t: string | null }[];
    expect(a.rows.length).toBe(periods.length);
    expect(a.rows.map((r) => isoOf(r[0])).sort()).toEqual(periods.map((p) => p.f).sort());
    expect(a.rows.filter((r) => r[1] === 'nay').length).toBe(periods.filter((p) => !p.t).length);
    const ac = readCsv((await exportFrom(page, section, 'csv')).bytes);
    expect(ac[0]).toEqual(a.headers);
    expect(ac.slice(1).map((r) => r[0])).toEqual(a.rows.map((r) => vnDate(r[0])));
    await panel.getByRole('button', { name: 'Đóng hồ sơ chi tiết' }).click();
  });

  it('the audit log: one person\u2019s changes sorted by field, with times as date-times', async () => {
    const { page } = app;
    const GRID = '[data-testid="audit-grid"]';
    await page.evaluate(() => (location.hash = '#/nhat-ky'));
    await waitForRows(page, GRID);
    await page.getByLabel('Người sửa').selectOption('nguyễn văn sửa');
    await expect.poll(() => gridRowCount(page, GRID)).toBe(2);
    await page.locator(`${GRID} .ag-header-cell[col-id="field"] .ag-header-cell-label`).click();
    const headers = await gridHeaders(page, GRID);
    const fields = await columnTexts(page, 'field', GRID);
    expect(fields).toEqual(['Ngày tuyển dụng', 'Quê quán']);
    const bar = page.locator('.view-audit .statusbar');
    const x = await exportFrom(page, bar, 'xlsx');
    expect(x.name).toMatch(/^Nhat-ky-thay-doi_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = await readXlsx(x.bytes);
    expectFrame(sheet, /^NHẬT KÝ THAY ĐỔI$/);
    expect(sheet.headers).toEqual(headers);
    const c = (h: string) => sheet.headers.indexOf(h);
    expect(sheet.rows.map((r) => r[c('Trường')])).toEqual(fields);
    expect(sheet.rows.map((r) => r[c('Người sửa')])).toEqual(['nguyễn văn sửa', 'nguyễn văn sửa']);
    // The new value of a date field is the date as shown (dd/mm/yyyy), so a real date in the sheet.
    expect(isoOf(sheet.rows[0][c('Giá trị mới')])).toBe('2010-05-19');
    const at = app.db.sqlite.prepare("select at from audit_log where actor = 'nguyễn văn sửa' and field = 'recruitmentDate'").pluck().get() as string;
    const time = sheet.rows[0][c('Thời gian')] as Date;
    expect(sheet.ws.getRow(sheet.headerRow + 1).getCell(c('Thời gian') + 1).numFmt).toBe('dd/mm/yyyy hh:mm');
    const p = (n: number) => String(n).padStart(2, '0');
    expect(`${p(time.getUTCDate())}/${p(time.getUTCMonth() + 1)}/${time.getUTCFullYear()} ${p(time.getUTCHours())}:${p(time.getUTCMinutes())}`).toBe(
      await page.evaluate((iso) => {
        const d = new Date(iso);
        const q = (n: number) => String(n).padStart(2, '0');
        return `${q(d.getDate())}/${q(d.getMonth() + 1)}/${d.getFullYear()} ${q(d.getHours())}:${q(d.getMinutes())}`;
      }, at),
    );
    const csv = readCsv((await exportFrom(page, bar, 'csv')).bytes);
    expect(csv[0]).toEqual(headers);
    expect(csv.slice(1).map((r) => r[c('Trường')])).toEqual(fields);
    expect(csv[1][c('Thời gian')]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  });

  it('an indicator drill-down list (replacing its own CSV): sorted by unit, with its number column and real dates', async () => {
    const { page } = app;
    const GRID = '[data-testid="members-grid"]';
    await page.evaluate(() => (location.hash = '#/chi-tieu'));
    await page.getByTestId('N-1b').click();
    await waitForRows(page, GRID);
    const dialog = page.getByRole('dialog');
    await page.locator(`${GRID} .ag-header-cell[col-id="unit"] .ag-header-cell-label`).click();
    const shown = await gridRowCount(page, GRID);
    const headers = await gridHeaders(page, GRID);
    expect(headers[0]).toBe('STT');
    const x = await exportFrom(page, dialog, 'xlsx');
    expect(x.name).toMatch(/^Chi-tieu-1b-Tong-so-mau-so-\d{2}-\d{2}-\d{4}_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = await readXlsx(x.bytes);
    expectFrame(sheet, /^CHỈ TIÊU 1b/);
    expect(sheet.headers).toEqual(headers);
    expect(sheet.rows.length).toBe(shown);
    expect(sheet.rows.map((r) => r[0])).toEqual(Array.from({ length: shown }, (_, i) => i + 1));
    // Sorted by unit on screen: the first rows in the file are the first rows the grid renders.
    const onScreen = await columnTexts(page, 'fullName', GRID);
    expect(sheet.rows.slice(0, onScreen.length).map((r) => r[1])).toEqual(onScreen);
    const birth = sheet.headers.indexOf('Ngày sinh');
    expect(sheet.rows.some((r) => r[birth] instanceof Date)).toBe(true);
    const csv = readCsv((await exportFrom(page, dialog, 'csv')).bytes);
    expect(csv[0]).toEqual(headers);
    expect(csv.length - 1).toBe(shown);
    await page.keyboard.press('Escape');
  });

  it('a report figure\u2019s people (a plain table in a dialog): number, birth date and age as Excel values', async () => {
    const { page } = app;
    await page.evaluate(() => (location.hash = '#/chi-tieu'));
    await page.getByRole('tab', { name: 'Báo cáo quý' }).click();
    const createForm = page.getByRole('form', { name: 'Tạo báo cáo quý' });
    await createForm.getByLabel('Năm').fill('2025');
    await createForm.getByLabel('Quý').selectOption('2');
    await createForm.getByRole('button', { name: 'Tạo báo cáo' }).click();
    const preview = page.locator('.report-preview [data-testid="report-document"]');
    await expect.poll(() => preview.locator('.doc-structure').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await preview.locator('.doc-structure').first().locator('tr', { hasText: 'Nữ' }).locator('button.doc-cell-link').first().click();
    const dialog = page.getByRole('dialog', { name: /^Nữ — / });
    await expect.poll(() => dialog.locator('tbody tr').count()).toBeGreaterThan(1);
    const shown = await dialog.locator('tbody tr').count();
    const names = await dialog.locator('tbody tr td:nth-child(2)').allTextContents();
    const x = await exportFrom(page, dialog, 'xlsx');
    expect(x.name).toMatch(/^Nu-.*_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = await readXlsx(x.bytes);
    expectFrame(sheet, /^NỮ — /);
    expect(sheet.headers).toEqual(['STT', 'Họ và tên', 'Ngày sinh', 'Tuổi', 'Đơn vị', 'Chức vụ']);
    expect(sheet.rows.length).toBe(shown);
    expect(sheet.rows.map((r) => r[0])).toEqual(Array.from({ length: shown }, (_, i) => i + 1));
    expect(sheet.rows.map((r) => r[1])).toEqual(names);
    for (const r of sheet.rows) {
      expect(r[2]).toBeInstanceOf(Date);
      expect(typeof r[3]).toBe('number');
    }
    const csv = readCsv((await exportFrom(page, dialog, 'csv')).bytes);
    expect(csv[0]).toEqual(sheet.headers);
    expect(csv.slice(1).map((r) => r[1])).toEqual(names);
    await dialog.locator('footer button', { hasText: 'Đóng' }).click();
  });

  it('rotations ending soon (plain tables): days as numbers, dates as dates', async () => {
    const { page } = app;
    await page.evaluate(() => (location.hash = '#/luan-chuyen'));
    await page.getByRole('tab', { name: 'Sắp kết thúc' }).click();
    await page.getByLabel('Số ngày').fill('3650');
    const table = page.getByTestId('ending-soon');
    // The rows shown are those for 3650 days, not still the default 90 days' answer.
    await expect.poll(() => table.getAttribute('data-within-days')).toBe('3650');
    await expect.poll(() => table.locator('tbody tr[data-rotation-id]').count()).toBeGreaterThan(0);
    const count = await table.locator('tbody tr[data-rotation-id]').count();
    const head = page.locator('.table-head', { hasText: 'Sắp kết thúc' });
    const x = await exportFrom(page, head, 'xlsx');
    expect(x.name).toMatch(/^Luan-chuyen-sap-ket-thuc-3650-ngay_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = await readXlsx(x.bytes);
    expect(sheet.headers).toEqual(['Cán bộ', 'Nơi đến', 'Bắt đầu', 'Kết thúc dự kiến', 'Còn lại (ngày)', 'Trạng thái']);
    expect(sheet.rows.length).toBe(count);
    const names = await table.locator('tbody tr[data-rotation-id] td:first-child').allTextContents();
    expect(sheet.rows.map((r) => r[0])).toEqual(names);
    for (const r of sheet.rows) {
      expect(r[2]).toBeInstanceOf(Date);
      expect(r[3]).toBeInstanceOf(Date);
      expect(typeof r[4]).toBe('number');
    }
    const firstLeft = await table.locator('tbody tr[data-rotation-id]').first().locator('td').nth(4).textContent();
    expect(`${sheet.rows[0][4]} ngày`).toBe(firstLeft);
    const csv = readCsv((await exportFrom(page, head, 'csv')).bytes);
    expect(csv[0]).toEqual(sheet.headers);
    expect(csv.slice(1).map((r) => r[0])).toEqual(names);
  });
});
