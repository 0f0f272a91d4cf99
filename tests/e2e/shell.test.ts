import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { seedSmall } from '../helpers/fixtures';
import { ROUTES } from '../../renderer/src/routes';

describe('the main window', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp({ prepare: (db) => void seedSmall(db), hash: '/nhat-ky' });
  });
  afterAll(async () => app?.close());

  it('opens the area named in the address on first load, and keeps the token out of the address bar', async () => {
    await expect.poll(() => app.page.locator('h1.view-title').textContent()).toBe('Nhật ký thay đổi');
    await expect.poll(() => app.page.url()).not.toContain('token=');
    expect(app.page.url()).toContain('#/nhat-ky');
  });

  it('navigates to every area from the sidebar', async () => {
    for (const r of ROUTES) {
      await app.page.getByRole('navigation').getByRole('link', { name: r.label, exact: true }).click();
      await expect.poll(() => app.page.locator('h1.view-title').textContent()).toBe(r.label);
    }
  });
});
