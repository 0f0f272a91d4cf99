import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, waitForRows, type App } from './harness';
import { seedSmall } from '../helpers/fixtures';
import { testApi } from '../helpers/db';

const GRID = '[data-testid="audit-grid"]';

/** Every displayed row of the audit grid as column id -> text. */
async function gridRows(page: Page): Promise<Record<string, string>[]> {
  return page.evaluate((scope) => {
    return [...document.querySelectorAll(`${scope} .ag-row[row-index]`)]
      .sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index')))
      .map((r) => Object.fromEntries([...r.querySelectorAll('.ag-cell[col-id]')].map((c) => [c.getAttribute('col-id')!, c.textContent ?? ''])));
  }, GRID);
}

describe('Nhật ký thay đổi in the browser', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp({
      prepare: async (db) => {
        const s = seedSmall(db);
        const hong = s.cadres.find((c) => c.fullName === 'Nguyễn Thị Hồng')!;
        // A clerk's edit through the API, before the page opens: birth date 12/04/1985 -> 01/05/1986, Kinh -> Khơ-me.
        await testApi(db, { actor: 'Lan', role: 'clerk' }).call('cadres.update', {
          id: hong.id,
          version: hong.version,
          changes: { birthDate: '1986-05-01', ethnicity: 'khmer' },
        });
      },
    });
    await app.page.getByRole('link', { name: 'Nhật ký thay đổi' }).click();
    await waitForRows(app.page, GRID);
  });
  afterAll(async () => app?.close());

  it('lists the edit with Vietnamese field labels and dd/mm/yyyy values', async () => {
    const rows = await gridRows(app.page);
    // seedSmall writes 3 unit rows and, per cadre, a record row and an assignment row (15); plus the 2 field edits.
    expect(rows).toHaveLength(17);
    const birth = rows.find((r) => r.field === 'Ngày sinh');
    expect(birth).toMatchObject({ actor: 'Lan', action: 'Sửa', entity: 'Cán bộ', record: 'Nguyễn Thị Hồng', oldValue: '12/04/1985', newValue: '01/05/1986' });
    expect(birth!.at).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const ethnicity = rows.find((r) => r.field === 'Dân tộc');
    expect(ethnicity).toMatchObject({ oldValue: 'Kinh', newValue: 'Khơ-me' });
    // Newest first: the two edits are on top.
    expect(rows.slice(0, 2).map((r) => r.field).sort()).toEqual(['Dân tộc', 'Ngày sinh']);
    // A created record is summarised with labels, its unit by name.
    const posting = rows.find((r) => r.entity === 'Quá trình công tác' && r.record === 'Nguyễn Thị Hồng');
    expect(posting?.action).toBe('Thêm');
    expect(posting?.newValue).toContain('Đơn vị: Ban Tổ chức Tỉnh ủy');
    expect(posting?.newValue).toContain('Từ ngày: 01/01/2015');
    expect(await app.page.getByTestId('audit-count').textContent()).toContain('17 / 17');
  });

  it('filters by cadre name without diacritics, by actor and by record type', async () => {
    const { page } = app;
    await page.getByLabel('Tìm theo tên cán bộ').fill('nguyen hong');
    // Hồng: her record, her posting, two field edits.
    await expect.poll(async () => (await gridRows(page)).length).toBe(4);
    expect(new Set((await gridRows(page)).map((r) => r.record))).toEqual(new Set(['Nguyễn Thị Hồng']));
    await page.getByLabel('Tìm theo tên cán bộ').fill('');
    await page.getByLabel('Người sửa').selectOption('Lan');
    await expect.poll(async () => (await gridRows(page)).length).toBe(2);
    await page.getByLabel('Người sửa').selectOption('');
    await page.getByLabel('Loại bản ghi').selectOption({ label: 'Đơn vị' });
    await expect.poll(async () => (await gridRows(page)).map((r) => r.record).sort()).toEqual(['Ban Tổ chức Tỉnh ủy', 'Tỉnh ủy Sóc Trăng', 'UBND xã Lai Hòa']);
    await page.getByLabel('Loại bản ghi').selectOption('');
  });

  it('opens the cadre record from a row', async () => {
    const { page } = app;
    await expect.poll(async () => (await gridRows(page)).length).toBe(17);
    const row = page.locator(`${GRID} .ag-row[row-index="0"]`);
    await row.locator('.ag-cell[col-id="record"]').dblclick();
    await expect.poll(() => page.locator('.detail-panel').getByRole('heading', { name: 'Nguyễn Thị Hồng' }).isVisible()).toBe(true);
    await page.locator('.detail-panel').getByRole('button', { name: 'Đóng hồ sơ chi tiết' }).click();
    await expect.poll(() => page.locator('.detail-panel').count()).toBe(0);
  });

  it('filters by date and explains a date it cannot read', async () => {
    const { page } = app;
    await page.getByLabel('Đến ngày').fill('31/12/2020');
    await expect.poll(async () => (await gridRows(page)).length).toBe(0);
    await page.getByLabel('Đến ngày').fill('31/02/2025');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Đến ngày' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Xoá lọc' }).click();
    await expect.poll(async () => (await gridRows(page)).length).toBe(17);
  });
});

describe('Nhật ký thay đổi: long trails load page by page', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp({
      prepare: (db) => {
        seedSmall(db); // 15 rows, and a database that is not empty (no first-run dialog)
        // 620 rows from an import, written straight into the log: 635 in all, more than one page (500).
        const insert = db.sqlite.prepare("insert into audit_log (actor, action, entity, entity_id, field, old_value, new_value) values ('nhập Excel', 'update', 'unit', ?, 'note', null, ?)");
        db.sqlite.transaction(() => {
          for (let i = 1; i <= 620; i++) insert.run(i, `Ghi chú ${i}`);
        })();
      },
    });
    await app.page.getByRole('link', { name: 'Nhật ký thay đổi' }).click();
    await waitForRows(app.page, GRID);
  });
  afterAll(async () => app?.close());

  it('shows the first 500 and loads the rest on request', async () => {
    const { page } = app;
    await expect.poll(() => page.getByTestId('audit-count').textContent()).toContain('500 / 635');
    await page.getByRole('button', { name: 'Tải thêm 135 dòng' }).click();
    await expect.poll(() => page.getByTestId('audit-count').textContent()).toContain('635 / 635');
    expect(await page.getByRole('button', { name: /^Tải thêm/ }).count()).toBe(0);
  });

  it('exports every change the filters match, not only the page loaded', async () => {
    const { page } = app;
    await page.getByLabel('Người sửa').selectOption('nhập Excel');
    await expect.poll(() => page.getByTestId('audit-count').textContent()).toContain('500 / 620');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất CSV', exact: true }).click()]);
    const lines = fs.readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
    // A header and the 620 changes, newest first: the last one is the first written.
    expect(lines).toHaveLength(621);
    expect(lines[1]).toContain('Ghi chú 620');
    expect(lines[620]).toContain('Ghi chú 1');
    expect(lines.slice(1).every((l) => l.includes('nhập Excel'))).toBe(true);
    // The grid now holds them all too.
    await expect.poll(() => page.getByTestId('audit-count').textContent()).toContain('620 / 620');
    await page.getByLabel('Người sửa').selectOption('');
  });
});
