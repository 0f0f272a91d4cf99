import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, waitForRows, type App } from './harness';
import { seedSmall } from '../helpers/fixtures';
import { buildBenchWorkbook } from '../../db/services/imports/bench';

const ROWS = 50_000;

describe('a 50,000-row file in the browser', () => {
  let app: App;
  let file: Buffer;
  beforeAll(async () => {
    app = await startApp({ prepare: (db) => void seedSmall(db) });
    await waitForRows(app.page);
    file = await buildBenchWorkbook(ROWS, ['Ban Tổ chức Tỉnh ủy', 'UBND xã Lai Hòa']);
  }, 180_000);
  afterAll(async () => app?.close());

  it('shows progress while reading, previews in pages and commits', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
    await page.locator('[data-testid="import-file"]').setInputFiles({ name: 'lon.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    // The bar appears and moves while the host reads the file (the host answers progress polls meanwhile).
    const bar = page.locator('.import-progress progress');
    await expect.poll(() => bar.isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => Number((await bar.getAttribute('value')) ?? 0), { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid="import-columns"]').isVisible(), { timeout: 90_000 }).toBe(true);
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await expect.poll(() => page.locator('[role="tab"][data-status="new"]').textContent(), { timeout: 90_000 }).toBe(`Thêm mới (${ROWS.toLocaleString('vi-VN')})`);
    expect(await page.locator('.pager').textContent()).toContain('Trang 1/500');
    await page.getByRole('button', { name: /Ghi vào cơ sở dữ liệu/ }).click();
    await expect.poll(() => page.locator('[data-testid="import-summary"]').isVisible(), { timeout: 90_000 }).toBe(true);
    expect((app.db.sqlite.prepare('select count(*) as n from cadres').get() as { n: number }).n).toBe(6 + ROWS);
  }, 300_000);
});
