import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startApp, waitForRows, type App } from './harness';
import { seedSmall } from '../helpers/fixtures';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A rotation list with a title, a merged two-line header and an STT column. */
async function rotationList(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Luân chuyển');
  ws.addRow(['DANH SÁCH LUÂN CHUYỂN CÁN BỘ NĂM 2025']);
  ws.mergeCells('A1:H1');
  ws.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Nơi đi', 'Nơi đến', 'Thời gian', null, 'Hình thức']);
  ws.addRow([null, null, null, null, null, 'Từ ngày', 'Đến ngày', null]);
  ws.mergeCells('F2:G2');
  // Not in any planning record: 65-QĐ/TW warns.
  ws.addRow([1, 'Trần Văn An', new Date(Date.UTC(1979, 8, 1)), 'Ban Tổ chức TU', 'UBND xã Lai Hoà', '01/03/2025', '29/02/2028', 'Luân chuyển']);
  ws.addRow([2, 'Lê Minh Ánh', '07/07/1988', 'Ban Tổ chức Tỉnh ủy', 'Sở Không Có', '01/03/2025', '28/02/2026', 'Biệt phái']);
  ws.addRow([null, 'Tổng cộng']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Diplomas one per row, the name merged down. */
async function diplomaList(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Văn bằng');
  ws.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Văn bằng', 'Chuyên ngành', 'Năm tốt nghiệp', 'Hình thức đào tạo']);
  ws.addRow([1, 'Phạm Quốc Bảo', '15/03/1982', 'Đại học', 'Luật', 2005, 'Chính quy']);
  ws.addRow([null, null, null, 'ThS Quản lý công', null, 2015, 'Vừa làm vừa học']);
  ws.addRow([null, null, null, 'CCLLCT', null, 2019, null]);
  ws.mergeCells('A2:A4');
  ws.mergeCells('B2:B4');
  ws.mergeCells('C2:C4');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('importing rotations and diplomas in the browser', () => {
  let app: App;
  let ids: Record<string, number>;
  beforeAll(async () => {
    app = await startApp({ prepare: (db) => void (ids = Object.fromEntries(seedSmall(db).cadres.map((c) => [c.fullName, c.id]))) });
    await waitForRows(app.page);
  });
  afterAll(async () => app?.close());

  it('imports a rotation list: the rule warning stops the row until a reason is given, then commit and undo', async () => {
    const { page } = app;
    page.on('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
    await page.getByLabel('Nhập vào').selectOption('rotations');
    await page.locator('[data-testid="import-file"]').setInputFiles({ name: 'luan-chuyen.xlsx', mimeType: XLSX, buffer: await rotationList() });

    await expect.poll(() => page.locator('[data-testid="import-columns"]').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByLabel('Trường cho cột D Nơi đi').inputValue()).toBe('fromUnit');
    expect(await page.getByLabel('Trường cho cột F Thời gian / Từ ngày').inputValue()).toBe('plannedStart');
    expect(await page.getByLabel('Trường cho cột G Thời gian / Đến ngày').inputValue()).toBe('plannedEnd');
    await page.getByRole('button', { name: 'Xem trước' }).click();

    const tab = (s: string) => page.locator(`[role="tab"][data-status="${s}"]`);
    const rowsTable = page.locator('[data-testid="import-rows"]');
    await expect.poll(() => tab('error').textContent(), { timeout: 30_000 }).toBe('Có lỗi (2)');
    expect(await tab('new').textContent()).toBe('Thêm mới (0)');
    await expect.poll(() => rowsTable.locator('tr[data-row="4"]').textContent()).toContain('65-QĐ/TW: cán bộ chưa có trong quy hoạch');
    expect(await rowsTable.locator('tr[data-row="5"]').textContent()).toContain('Sở Không Có');

    // The reason, once for the file, and the row passes with its warning shown.
    await page.getByRole('button', { name: 'Quay lại ghép cột' }).click();
    await page.getByLabel('Lý do vượt quy định chung').fill('Đào tạo cán bộ trẻ theo chủ trương của Ban Thường vụ');
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await expect.poll(() => tab('new').textContent(), { timeout: 30_000 }).toBe('Thêm mới (1)');
    await tab('new').click();
    await expect.poll(() => rowsTable.locator('tr[data-row="4"]').textContent()).toContain('Cảnh báo: 65-QĐ/TW');
    expect(await rowsTable.locator('tr[data-row="4"]').textContent()).toContain('Ban Tổ chức Tỉnh ủy → UBND xã Lai Hòa');

    await page.getByRole('button', { name: /Ghi vào cơ sở dữ liệu/ }).click();
    const summary = page.locator('[data-testid="import-summary"]');
    await expect.poll(() => summary.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await summary.textContent()).toContain('1 đợt luân chuyển thêm mới');
    const saved = app.db.sqlite.prepare('select type, status, override_reason as r, planned_end as e from rotations where cadre_id = ? and deleted_at is null').all(ids['Trần Văn An']);
    expect(saved).toEqual([{ type: 'luan_chuyen', status: 'planned', r: 'Đào tạo cán bộ trẻ theo chủ trương của Ban Thường vụ', e: '2028-02-29' }]);

    await page.getByRole('button', { name: 'Hoàn tác lần nhập này' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Đã hoàn tác' }).isVisible()).toBe(true);
    const left = app.db.sqlite.prepare('select count(*) as n from rotations where deleted_at is null').get() as { n: number };
    expect(left.n).toBe(0);
    await page.getByRole('button', { name: 'Đóng', exact: true }).last().click();
    await expect.poll(() => page.locator('[data-testid="import-wizard"]').count()).toBe(0);
  });

  it('imports diplomas one per row with the name merged down', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
    await page.getByLabel('Nhập vào').selectOption('qualifications');
    await page.locator('[data-testid="import-file"]').setInputFiles({ name: 'van-bang.xlsx', mimeType: XLSX, buffer: await diplomaList() });
    await expect.poll(() => page.locator('[data-testid="import-columns"]').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByLabel('Trường cho cột D Văn bằng').inputValue()).toBe('diploma.level');
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await expect.poll(() => page.locator('[role="tab"][data-status="new"]').textContent(), { timeout: 30_000 }).toBe('Thêm mới (3)');
    const rowsTable = page.locator('[data-testid="import-rows"]');
    await expect.poll(() => rowsTable.locator('tr[data-row="4"]').textContent()).toContain('Lý luận chính trị: Cao cấp');
    await page.getByRole('button', { name: /Ghi vào cơ sở dữ liệu/ }).click();
    await expect.poll(() => page.locator('[data-testid="import-summary"]').textContent(), { timeout: 30_000 }).toContain('3 văn bằng thêm mới');
    const quals = app.db.sqlite.prepare('select level_key as k from qualifications where cadre_id = ? and deleted_at is null order by id').all(ids['Phạm Quốc Bảo']);
    expect(quals).toEqual([{ k: 'dai_hoc' }, { k: 'thac_si' }, { k: 'cao_cap' }]);
  });
});
