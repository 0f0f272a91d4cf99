import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, waitForRows, type App } from './harness';
import { seedSmall } from '../helpers/fixtures';
import { testApi } from '../helpers/db';

describe('importing a course participant list in the browser', () => {
  let app: App;
  let courseId = 0;
  beforeAll(async () => {
    app = await startApp({
      prepare: async (db) => {
        seedSmall(db);
        const api = testApi(db);
        const plan = await api.call('training.plans.create', { fields: { year: 2026, name: 'Kế hoạch 2026' } });
        courseId = (await api.call('training.courses.create', { fields: { planId: plan.id, name: 'Bồi dưỡng QLNN ngạch chuyên viên', kind: 'qlnn_cv', startDate: '2026-04-01' } })).id;
      },
    });
    await waitForRows(app.page);
  });
  afterAll(async () => app?.close());

  it('chooses the course, previews and enrols', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
    await page.getByLabel('Nhập vào').selectOption('enrolments');
    await page.getByLabel('Khoá học').selectOption(String(courseId));
    const csv = '\uFEFFSTT;Họ và tên;Ngày sinh\r\n1;Trần Văn An;01/09/1979\r\n2;Lê Minh Ánh;1988\r\n3;Ai Đó;1990\r\n';
    await page.locator('[data-testid="import-file"]').setInputFiles({ name: 'hoc-vien.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await expect.poll(() => page.locator('[data-testid="import-columns"]').isVisible(), { timeout: 30_000 }).toBe(true);
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await expect.poll(() => page.locator('[role="tab"][data-status="new"]').textContent(), { timeout: 30_000 }).toBe('Thêm mới (2)');
    expect(await page.locator('[role="tab"][data-status="error"]').textContent()).toBe('Có lỗi (1)');
    await page.getByRole('button', { name: /Ghi vào cơ sở dữ liệu/ }).click();
    await expect.poll(() => page.locator('[data-testid="import-summary"]').textContent(), { timeout: 30_000 }).toContain('ghi danh 2 người vào khoá “Bồi dưỡng QLNN ngạch chuyên viên”');
    const n = app.db.sqlite.prepare('select count(*) as n from training_enrolments where course_id = ? and deleted_at is null').get(courseId) as { n: number };
    expect(n.n).toBe(2);
  });
});
