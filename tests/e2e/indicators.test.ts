import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { cell, startApp, waitForRows, type App } from './harness';
import type { AppDb } from '../../db/open';

// Chỉ tiêu và báo cáo in the browser: the dashboard for the default quarter (the last finished one), indicator 1b's
// n / N, the people behind the numerator and the denominator, and typing an entered statistic.
//
// Data (all assignments from 2015, still open):
//  Sở Nội vụ (tỉnh, cơ quan nhà nước): Nguyễn Thị Thu (công chức, ThS 2020), Trần Văn Bình (công chức, ĐH 2010)
//  Trường THPT Lê Lợi (tỉnh, sự nghiệp giáo dục): Lê Văn Cường (viên chức, ThS 2019) — excluded from 1b
// So 1b = 1 / 2 on any date after 2020.

function prepare(db: AppDb) {
  const s = db.sqlite;
  const unit = (name: string, kind: string) => Number(s.prepare("insert into units (name, kind, level, valid_from) values (?, ?, 'tinh', '2000-01-01')").run(name, kind).lastInsertRowid);
  const u1 = unit('Sở Nội vụ', 'chinh_quyen');
  const u2 = unit('Trường THPT Lê Lợi', 'su_nghiep_giao_duc');
  const person = (name: string, category: string, unitId: number, quals: [string, string][]) => {
    const id = Number(s.prepare("insert into cadres (full_name, sex, category, ethnicity) values (?, 'nu', ?, 'kinh')").run(name, category).lastInsertRowid);
    s.prepare("insert into assignments (cadre_id, unit_id, post_title, position_code, from_date) values (?, ?, 'Chuyên viên', 'chuyen_vien', '2015-01-01')").run(id, unitId);
    for (const [level, date] of quals) s.prepare("insert into qualifications (cadre_id, category, level_key, award_date) values (?, 'chuyen_mon', ?, ?)").run(id, level, date);
  };
  person('Nguyễn Thị Thu', 'cong_chuc', u1, [['dai_hoc', '2010-06-01'], ['thac_si', '2020-06-01']]);
  person('Trần Văn Bình', 'cong_chuc', u1, [['dai_hoc', '2010-06-01']]);
  person('Lê Văn Cường', 'vien_chuc', u2, [['dai_hoc', '2008-06-01'], ['thac_si', '2019-06-01']]);
}

const GRID = '[data-testid="indicators-grid"]';

describe('Chỉ tiêu và báo cáo', () => {
  let app: App;
  let id1b: number;
  beforeAll(async () => {
    app = await startApp({ prepare, hash: '' });
    id1b = (app.db.sqlite.prepare("select id from indicators where code = '1b'").get() as { id: number }).id;
    await app.page.getByRole('link', { name: 'Chỉ tiêu và báo cáo' }).click();
    await waitForRows(app.page, GRID);
  });
  afterAll(async () => app?.close());

  it('shows indicator 1b with n / N for the default quarter and the postgraduate rule', async () => {
    const { page } = app;
    await expect.poll(() => cell(page, id1b, 'nN', GRID).textContent()).toBe('1/2');
    await expect.poll(() => cell(page, id1b, 'value', GRID).textContent()).toBe('50%');
    await expect.poll(() => cell(page, id1b, 'status', GRID).textContent()).toContain('Đạt');
    expect(await page.getByTestId('postgraduate-rule').textContent()).toContain('Thạc sĩ');
  });

  it('exports the dashboard as shown, with n / N and the gap as text', async () => {
    const { page } = app;
    const download = page.waitForEvent('download');
    await page.locator('.indicators-dashboard .toolbar').getByRole('button', { name: 'Xuất Excel' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^Chi-tieu-nghi-quyet-.+_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await file.path())!) as any);
    const ws = wb.worksheets[0];
    const headerRow = (ws.views[0] as { ySplit?: number }).ySplit!;
    const headers = (ws.getRow(headerRow).values as unknown[]).slice(1);
    expect(headers.slice(0, 4)).toEqual(['Mã', 'Chỉ tiêu', 'Đạt / Tổng số', 'Kết quả']);
    expect(headers).toContain('Còn thiếu');
    const rows: unknown[][] = [];
    for (let r = headerRow + 1; r <= ws.rowCount; r++) rows.push((ws.getRow(r).values as unknown[]).slice(1));
    const row1b = rows.find((r) => r[0] === '1b')!;
    expect(row1b[2]).toBe('1 / 2');
    // Every indicator of the dashboard is a row.
    expect(rows.length).toBe((app.db.sqlite.prepare('select count(*) as n from indicators where deleted_at is null').get() as { n: number }).n);
  });

  it('opens the people behind the numerator and the denominator', async () => {
    const { page } = app;
    await page.getByTestId('n-1b').click();
    const dialog = page.getByRole('dialog');
    await waitForRows(page, '[data-testid="members-grid"]');
    await expect.poll(() => page.getByTestId('members-count').textContent()).toBe('1 người');
    expect(await dialog.locator('.ag-cell[col-id="fullName"]').allTextContents()).toEqual(['Nguyễn Thị Thu']);
    expect(await dialog.locator('.ag-cell[col-id="unit"]').allTextContents()).toEqual(['Sở Nội vụ']);
    expect(await dialog.locator('.ag-cell[col-id="professional"]').allTextContents()).toEqual(['Thạc sĩ']);
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Xuất CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/^Chi-tieu-1b-Dat-tu-so-\d{2}-\d{2}-\d{4}_\d{4}-\d{2}-\d{2}\.csv$/);
    await dialog.getByRole('button', { name: 'Đóng' }).first().click();

    await page.getByTestId('N-1b').click();
    await expect.poll(() => page.getByTestId('members-count').textContent()).toBe('2 người');
    expect((await page.getByRole('dialog').locator('.ag-cell[col-id="fullName"]').allTextContents()).sort()).toEqual(['Nguyễn Thị Thu', 'Trần Văn Bình']);
    await page.keyboard.press('Escape');
  });

  it('types an entered statistic for the quarter and keeps it', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Nhập số liệu' }).click();
    const ENTRY = '[data-testid="entry-grid"]';
    await waitForRows(page, ENTRY);
    const id6a = (app.db.sqlite.prepare("select id from indicators where code = '6a'").get() as { id: number }).id;
    const target = cell(page, id6a, 'value', ENTRY);
    await target.click();
    const input = target.locator('input').first();
    await input.waitFor({ state: 'visible' });
    await input.fill('66,5');
    await input.press('Enter');
    await expect.poll(() => (app.db.sqlite.prepare('select value from entered_values where indicator_id = ? order by id desc limit 1').get(id6a) as { value: number } | undefined)?.value).toBe(66.5);
    await expect.poll(() => cell(page, id6a, 'value', ENTRY).textContent()).toBe('66,5');
  });

  it('adds an indicator with a target as data entry and shows it on the dashboard', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Nghị quyết, chỉ tiêu, tiêu chuẩn' }).click();
    await waitForRows(page, '[data-testid="setup-indicators"]');
    await page.getByRole('button', { name: '+ Thêm chỉ tiêu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm chỉ tiêu' });
    await dialog.getByLabel('Mã (ví dụ 9a)').fill('9a');
    await dialog.getByLabel('Nội dung').fill('Cán bộ được bồi dưỡng kiến thức chuyển đổi số');
    await dialog.getByLabel('Mục tiêu 2025').fill('50');
    await dialog.getByLabel('Mục tiêu 2030').fill('abc');
    await dialog.getByRole('button', { name: 'Thêm' }).click();
    await expect.poll(() => dialog.getByText('"abc" không phải là số.').isVisible()).toBe(true);
    await dialog.getByLabel('Mục tiêu 2030').fill('80,5');
    await dialog.getByRole('button', { name: 'Thêm' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const row = app.db.sqlite.prepare("select id, kind from indicators where code = '9a'").get() as { id: number; kind: string };
    expect(row.kind).toBe('entered');
    const targets = app.db.sqlite.prepare('select year, value from indicator_targets where indicator_id = ? order by year').all(row.id);
    expect(targets).toEqual([{ year: 2025, value: 50 }, { year: 2030, value: 80.5 }]);
    await page.getByRole('tab', { name: 'Bảng chỉ tiêu' }).click();
    await waitForRows(page, GRID);
    await expect.poll(() => cell(page, row.id, 't2030', GRID).textContent()).toBe('80,5%');
  });
});
