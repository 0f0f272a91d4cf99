import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { cell, columnTexts, showColumn, startApp, waitForRows, type App } from './harness';
import { seedSmall } from '../helpers/fixtures';

/** A list as offices keep it: title rows, a merged two-line header, STT, a caption row and a total row. */
async function messyList(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['BAN TỔ CHỨC TỈNH ỦY']);
  ws.mergeCells('A1:I1');
  ws.addRow(['DANH SÁCH TRÍCH NGANG CÁN BỘ']);
  ws.mergeCells('A2:I2');
  ws.addRow(['STT', 'Họ tên', 'Ngày sinh', null, 'Dân tộc', 'Số CCCD', 'Cơ quan, đơn vị', 'Trình độ', null]);
  ws.addRow([null, null, 'Nam', 'Nữ', null, null, null, 'Chuyên môn', 'LLCT']);
  ws.mergeCells('C3:D3');
  ws.mergeCells('H3:I3');
  ws.addRow(['I', 'KHỐI ĐẢNG']);
  ws.addRow([1, 'Trần Thị Mỹ Linh', null, new Date(Date.UTC(1990, 4, 17)), 'Khmer', '094190001234', 'Ban Tổ chức Tỉnh ủy', 'ThS Quản lý công', 'Trung cấp']);
  ws.addRow([2, 'Trần Văn An', '01/09/1979', null, 'Kinh', '094079005678', 'Ban Tổ chức Tỉnh ủy', null, 'CCLLCT']);
  ws.addRow([3, 'Lý Văn Sai', '31/02/1980', null, 'Kinh', null, 'Ban Tổ chức Tỉnh ủy', 'Đại học', null]);
  ws.addRow([4, 'Võ Minh Tâm', 1988, null, 'Kinh', null, 'Phòng Không Tồn Tại', null, null]);
  ws.addRow([null, 'Tổng cộng: 4 người']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('import and export in the browser', () => {
  let app: App;
  let ids: Record<string, number>;
  beforeAll(async () => {
    app = await startApp({ prepare: (db) => void (ids = Object.fromEntries(seedSmall(db).cadres.map((c) => [c.fullName, c.id]))) });
    await waitForRows(app.page);
  });
  afterAll(async () => app?.close());

  it('imports a messy list: mapping, preview, commit, then undo', async () => {
    const { page } = app;
    page.on('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
    await page.locator('[data-testid="import-file"]').setInputFiles({ name: 'danh-sach.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await messyList() });

    // Mapping: the header was found under the titles, the merged "Ngày sinh" split into Nam/Nữ.
    const columns = page.locator('[data-testid="import-columns"]');
    await expect.poll(() => columns.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByLabel('Trường cho cột B Họ tên').inputValue()).toBe('fullName');
    expect(await page.getByLabel('Trường cho cột D Ngày sinh / Nữ').inputValue()).toBe('birthDateFemale');
    expect(await page.getByLabel('Trường cho cột I Trình độ / LLCT').inputValue()).toBe('level.ly_luan_chinh_tri');
    await page.getByLabel('Loại mặc định').selectOption('cong_chuc');
    await page.getByRole('button', { name: 'Xem trước' }).click();

    // Preview: counts per result, errors with reasons, updates with the changed fields.
    const tab = (s: string) => page.locator(`[role="tab"][data-status="${s}"]`);
    await expect.poll(() => tab('new').textContent(), { timeout: 30_000 }).toBe('Thêm mới (1)');
    expect(await tab('update').textContent()).toBe('Cập nhật (1)');
    expect(await tab('error').textContent()).toBe('Có lỗi (2)');
    expect(await tab('skipped').textContent()).toBe('Bỏ qua (2)');
    const rowsTable = page.locator('[data-testid="import-rows"]');
    await expect.poll(() => rowsTable.locator('tr[data-row="8"]').textContent()).toContain('không có ngày 31');
    expect(await rowsTable.locator('tr[data-row="9"]').textContent()).toContain('Phòng Không Tồn Tại');
    await tab('update').click();
    await expect.poll(() => rowsTable.locator('tr[data-row="7"]').textContent()).toContain('Số CCCD');
    expect(await rowsTable.locator('tr[data-row="7"]').textContent()).toContain('Cao cấp');

    await page.getByRole('button', { name: /Ghi vào cơ sở dữ liệu/ }).click();
    const summary = page.locator('[data-testid="import-summary"]');
    await expect.poll(() => summary.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await summary.textContent()).toContain('1 hồ sơ thêm mới, 1 hồ sơ cập nhật');
    await expect.poll(async () => (await columnTexts(page, 'fullName')).includes('Trần Thị Mỹ Linh')).toBe(true);
    const saved = app.db.sqlite.prepare(`select birth_date as b, sex from cadres where full_name = 'Trần Thị Mỹ Linh'`).get() as { b: string; sex: string };
    expect(saved).toEqual({ b: '1990-05-17', sex: 'nu' });

    await page.getByRole('button', { name: 'Hoàn tác lần nhập này' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Đã hoàn tác' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Đóng', exact: true }).last().click();
    await expect.poll(async () => (await columnTexts(page, 'fullName')).includes('Trần Thị Mỹ Linh')).toBe(false);
    const an = app.db.sqlite.prepare(`select id_number as n from cadres where full_name = 'Trần Văn An'`).get() as { n: string | null };
    expect(an.n).toBeNull();
  });

  it('exports the grid as shown to .xlsx and CSV, and the export imports back with no change', async () => {
    const { page } = app;
    await page.getByLabel('Tìm kiếm cán bộ').fill('tran');
    await expect.poll(async () => (await columnTexts(page, 'fullName')).length).toBe(1);
    await page.getByLabel('Tìm kiếm cán bộ').fill('');
    await expect.poll(async () => (await columnTexts(page, 'fullName')).length).toBe(6);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Danh-sach-can-bo_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as any);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('DANH SÁCH CÁN BỘ');
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['Họ và tên', 'Giới tính', 'Ngày sinh']);
    expect(ws.rowCount).toBe(3 + 6);
    // Sorted by given name as on screen: An first; his birth date is a real date.
    expect(ws.getCell('A4').value).toBe('Trần Văn An');
    expect((ws.getCell('C4').value as Date).toISOString().slice(0, 10)).toBe('1979-09-01');

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất CSV' }).click()]);
    const csv = fs.readFileSync(await csvDownload.path());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('Trần Văn An');

    // Round trip through the wizard.
    await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
    await page.locator('[data-testid="import-file"]').setInputFiles({ name: 'Danh sach can bo.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: fs.readFileSync(file) });
    await expect.poll(() => page.locator('[data-testid="import-columns"]').isVisible(), { timeout: 30_000 }).toBe(true);
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await expect.poll(() => page.locator('[role="tab"][data-status="unchanged"]').textContent(), { timeout: 30_000 }).toBe('Không đổi (6)');
    expect(await page.locator('[role="tab"][data-status="update"]').textContent()).toBe('Cập nhật (0)');
    expect(await page.locator('[role="tab"][data-status="error"]').textContent()).toBe('Có lỗi (0)');
  });

  it('shows, prints and saves a cadre CV in the 2C layout', async () => {
    const { page } = app;
    // Close the wizard the previous test left open.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="import-wizard"]').count()).toBe(0);
    await showColumn(page, 'homeTown');
    await cell(page, ids['Nguyễn Thị Hồng'], 'homeTown').click();
    await page.getByRole('button', { name: 'Sơ yếu lý lịch (2C)' }).click();
    const sheet = page.locator('[data-testid="cv-sheet"]');
    await expect.poll(() => sheet.isVisible()).toBe(true);
    const text = await sheet.textContent();
    expect(text).toContain('NGUYỄN THỊ HỒNG');
    expect(text).toContain('ngày 12 tháng 04 năm 1985');
    expect(text).toContain('01/2015 - nay');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải .xlsx' }).click()]);
    expect(download.suggestedFilename()).toBe('So yeu ly lich - Nguyễn Thị Hồng.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(await download.path()) as any);
    expect(wb.worksheets[0].getCell('C5').value).toBe('NGUYỄN THỊ HỒNG');
    // What printing puts on paper: the CV alone.
    await page.evaluate(() => document.body.classList.add('printing-cv'));
    const pdfFile = path.join(os.tmpdir(), `cv-${process.pid}.pdf`);
    await page.pdf({ path: pdfFile, preferCSSPageSize: true });
    await page.evaluate(() => document.body.classList.remove('printing-cv'));
    const printed = execFileSync('pdftotext', ['-layout', pdfFile, '-']).toString('utf8');
    if (process.env.QLCB_KEEP_PDF) fs.copyFileSync(pdfFile, process.env.QLCB_KEEP_PDF);
    fs.rmSync(pdfFile, { force: true });
    expect(printed).toContain('SƠ YẾU LÝ LỊCH');
    expect(printed).toContain('NGUYỄN THỊ HỒNG');
    expect(printed).toContain('TÓM TẮT QUÁ TRÌNH CÔNG TÁC');
    expect(printed).toContain('Thủ trưởng cơ quan, đơn vị');
    // Nothing of the window behind the dialog.
    expect(printed).not.toContain('Nhập từ Excel');
  });
});
