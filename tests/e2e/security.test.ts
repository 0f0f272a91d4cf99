import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cell, cellText, showColumn, startApp, waitForRows, type App } from './harness';
import { seedSmall } from '../helpers/fixtures';
import { testApi } from '../helpers/db';

// Text that users typed is shown as text: markup in a name or a home town is displayed literally in the grid and
// in the detail panel, and never runs.

const NAME = '<img src=x onerror="window.__pwned=1">';
const HOME = '<b>in đậm</b><script>window.__pwned=2</script>';

describe('user text is rendered as text', () => {
  let app: App;
  let id: number;
  beforeAll(async () => {
    app = await startApp({
      prepare: async (db) => {
        const s = seedSmall(db);
        const an = s.cadres.find((c) => c.fullName === 'Trần Văn An')!;
        id = an.id;
        await testApi(db).call('cadres.update', { id: an.id, version: an.version, changes: { fullName: NAME, homeTown: HOME } });
      },
    });
    await waitForRows(app.page);
  });
  afterAll(async () => app?.close());

  it('the stored value is exactly what was typed', () => {
    expect(app.db.sqlite.prepare('select full_name as n, home_town as h from cadres where id = ?').get(id)).toEqual({ n: NAME, h: HOME });
  });

  it('the grid shows the markup literally and creates no element from it', async () => {
    const { page } = app;
    await expect.poll(() => cellText(page, id, 'fullName')).toBe(NAME);
    await expect.poll(() => cellText(page, id, 'homeTown')).toBe(HOME);
    expect(await page.locator('[data-testid="cadre-grid"] .ag-row img, [data-testid="cadre-grid"] .ag-row b, [data-testid="cadre-grid"] .ag-row script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('the detail panel shows it literally too, and nothing ran', async () => {
    const { page } = app;
    await showColumn(page, 'unit');
    await cell(page, id, 'unit').dblclick();
    const panel = page.getByRole('complementary', { name: 'Hồ sơ chi tiết' });
    await expect.poll(() => panel.getByRole('heading', { level: 2 }).textContent()).toBe(NAME);
    // The panel has markup of its own; none may come from the typed text.
    expect(await panel.locator('img[src="x"], script').count()).toBe(0);
    expect(await panel.locator('b', { hasText: 'in đậm' }).count()).toBe(0);
    expect(await panel.getByRole('form', { name: 'Thông tin chung' }).getByLabel('Quê quán', { exact: true }).inputValue()).toBe(HOME);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});
