import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cell, columnTexts, displayedRowCount, startApp, waitForRows, type App } from './harness';
import { seedSmall } from '../helpers/fixtures';

describe('cadre registry in the browser', () => {
  let app: App;
  let ids: Record<string, number>;
  beforeAll(async () => {
    app = await startApp({
      prepare: (db) => {
        const s = seedSmall(db);
        ids = Object.fromEntries(s.cadres.map((c) => [c.fullName, c.id]));
      },
    });
    await waitForRows(app.page);
  });
  afterAll(async () => app?.close());

  it('shows the cadres, sorted by given name', async () => {
    const names = await columnTexts(app.page, 'fullName');
    // Given names in Vietnamese order: An, Ánh, Bảo, Đức, Hồng, Rinh
    expect(names).toEqual(['Trần Văn An', 'Lê Minh Ánh', 'Phạm Quốc Bảo', 'Lâm Văn Đức', 'Nguyễn Thị Hồng', 'Thạch Thị Sa Rinh']);
  });

  it('edits a cell and saves it', async () => {
    const { page } = app;
    const id = ids['Trần Văn An'];
    await cell(page, id, 'homeTown').dblclick();
    await page.keyboard.type('Mỹ Xuyên, Sóc Trăng');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, id, 'homeTown').textContent()).toBe('Mỹ Xuyên, Sóc Trăng');
    const saved = app.db.sqlite.prepare('select home_town as h from cadres where id = ?').get(id) as { h: string };
    expect(saved.h).toBe('Mỹ Xuyên, Sóc Trăng');
  });

  it('refuses an invalid date with its reason and keeps the old value', async () => {
    const { page } = app;
    const id = ids['Nguyễn Thị Hồng'];
    await cell(page, id, 'birthDate').dblclick();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('31/02/1985');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'không có ngày 31' }).isVisible()).toBe(true);
    await expect.poll(() => cell(page, id, 'birthDate').getAttribute('class')).toContain('cell-invalid');
    const saved = app.db.sqlite.prepare('select birth_date as b from cadres where id = ?').get(id) as { b: string };
    expect(saved.b).toBe('1985-04-12');
  });

  it('finds people without diacritics', async () => {
    const { page } = app;
    await page.getByLabel('Tìm kiếm cán bộ').fill('nguyen thi hong');
    await expect.poll(() => displayedRowCount(page)).toBe(1);
    await page.getByLabel('Tìm kiếm cán bộ').fill('');
    await expect.poll(() => displayedRowCount(page)).toBe(6);
  });
});
