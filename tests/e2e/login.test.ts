import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cell, showColumn, startApp, waitForRows, type App } from './harness';
import { seedSmall } from '../helpers/fixtures';
import { sessionsFor } from '../../db/services/security/sessions';

// A fresh installation: no account yet, so the app asks for the first administrator; the administrator creates a
// clerk and a viewer; the viewer sees read-only grids and a write forced through the API is refused by the host.

describe('accounts and roles in the browser', () => {
  let app: App;
  let anId: number;
  beforeAll(async () => {
    app = await startApp({
      context: null,
      prepare: (db) => {
        anId = seedSmall(db).cadres.find((c) => c.fullName === 'Trần Văn An')!.id;
      },
    });
  });
  afterAll(async () => app?.close());

  const signIn = async (page: Page, username: string, password: string) => {
    const card = page.getByRole('region', { name: 'Đăng nhập' });
    await card.getByLabel('Tên đăng nhập').fill(username);
    await card.getByLabel('Mật khẩu').fill(password);
    await card.getByRole('button', { name: 'Đăng nhập' }).click();
  };
  const signOut = async (page: Page) => {
    await page.getByTestId('signed-in-as').getByRole('button', { name: 'Đăng xuất' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Đăng nhập' }).isVisible()).toBe(true);
  };

  it('creates the first administrator, refusing a short password', async () => {
    const { page } = app;
    const setup = page.getByRole('region', { name: 'Tạo tài khoản quản trị' });
    await expect.poll(() => setup.isVisible()).toBe(true);
    // Nothing is reachable without signing in.
    expect(await page.locator('[data-testid="cadre-grid"]').count()).toBe(0);
    await setup.getByLabel('Tên đăng nhập *').fill('quantri');
    await setup.getByLabel('Họ và tên *').fill('Nguyễn Văn Quản');
    await setup.getByLabel('Mật khẩu *', { exact: true }).fill('ngan');
    await setup.getByLabel('Nhập lại mật khẩu *').fill('ngan');
    await setup.getByRole('button', { name: 'Tạo tài khoản và bắt đầu' }).click();
    await expect.poll(() => setup.getByText('Mật khẩu cần ít nhất 8 ký tự.').isVisible()).toBe(true);
    await setup.getByLabel('Mật khẩu *', { exact: true }).fill('Quan-tri-2025');
    await setup.getByLabel('Nhập lại mật khẩu *').fill('Quan-tri-2025');
    // Encryption (on by default) has its own browser test (encryption.test.ts); this one stays on accounts.
    await setup.getByLabel('Mã hoá dữ liệu (khuyên dùng)').uncheck();
    await setup.getByRole('button', { name: 'Tạo tài khoản và bắt đầu' }).click();
    await waitForRows(page);
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain('Nguyễn Văn Quản');
    const row = app.db.sqlite.prepare('select username, role, password_hash as h from users').get() as { username: string; role: string; h: string };
    expect([row.username, row.role, row.h.startsWith('scrypt$')]).toEqual(['quantri', 'admin', true]);
  });

  it('the administrator creates a clerk and a viewer', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Cài đặt' }).click();
    const table = page.getByTestId('users-table');
    await expect.poll(() => table.isVisible()).toBe(true);
    for (const [username, fullName, role] of [
      ['nghiepvu', 'Trần Thị Bình', 'Cán bộ nghiệp vụ'],
      ['chixem', 'Lê Văn Xem', 'Chỉ xem'],
    ]) {
      await page.getByRole('button', { name: 'Thêm người dùng' }).click();
      const dialog = page.getByRole('dialog', { name: 'Thêm người dùng' });
      await dialog.getByLabel('Tên đăng nhập *').fill(username);
      await dialog.getByLabel('Họ và tên *').fill(fullName);
      await dialog.getByLabel('Vai trò *').selectOption({ label: role });
      await dialog.getByLabel('Mật khẩu *', { exact: true }).fill('mat-khau-1');
      await dialog.getByLabel('Nhập lại mật khẩu *').fill('mat-khau-1');
      await dialog.getByRole('button', { name: 'Tạo tài khoản' }).click();
      await expect.poll(() => table.locator(`tr[data-username="${username}"]`).isVisible()).toBe(true);
    }
    expect(app.db.sqlite.prepare('select username, role from users order by id').all()).toEqual([
      { username: 'quantri', role: 'admin' },
      { username: 'nghiepvu', role: 'clerk' },
      { username: 'chixem', role: 'viewer' },
    ]);
    // The audit trail names the administrator who created them.
    const actors = app.db.sqlite.prepare("select distinct actor from audit_log where entity = 'user'").all();
    expect(actors).toEqual([{ actor: 'quantri' }]);
  });

  it('a wrong password is refused with a message', async () => {
    const { page } = app;
    await signOut(page);
    await signIn(page, 'chixem', 'sai-mat-khau');
    await expect.poll(() => page.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').isVisible()).toBe(true);
  });

  it('the viewer sees read-only grids, and a write forced through the API is refused and changes nothing', async () => {
    const { page } = app;
    await signIn(page, 'chixem', 'mat-khau-1');
    await page.getByRole('link', { name: 'Cán bộ' }).click();
    await waitForRows(page);
    expect(await page.locator('.shell.role-viewer').count()).toBe(1);
    await expect.poll(() => page.getByText('Tài khoản chỉ xem').isVisible()).toBe(true);
    // Enter on a cell opens no editor.
    await showColumn(page, 'homeTown');
    const target = cell(page, anId, 'homeTown');
    await target.click();
    await target.press('Enter');
    await page.waitForTimeout(300);
    expect(await target.locator('input, textarea, select').count()).toBe(0);

    const before = app.db.sqlite.prepare('select full_name as n, version as v from cadres where id = ?').get(anId) as { n: string; v: number };
    const result = await page.evaluate(
      async ([id, version]) => {
        const res = await fetch('/api/cadres.update', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Api-Token': sessionStorage.getItem('qlcb.token') ?? '', 'X-Session-Token': sessionStorage.getItem('qlcb.session') ?? '' },
          body: JSON.stringify({ id, version, changes: { fullName: 'Bị sửa trái phép' } }),
        });
        return res.json();
      },
      [anId, before.v] as const,
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(app.db.sqlite.prepare('select full_name as n, version as v from cadres where id = ?').get(anId)).toEqual(before);

    // The same call without a session at all is refused as unauthenticated.
    const anonymous = await page.evaluate(async () => {
      const res = await fetch('/api/cadres.list', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Api-Token': sessionStorage.getItem('qlcb.token') ?? '' }, body: '{}' });
      return res.json();
    });
    expect(anonymous).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
  });

  it('the clerk can edit a cell', async () => {
    const { page } = app;
    await signOut(page);
    await signIn(page, 'nghiepvu', 'mat-khau-1');
    await waitForRows(page);
    await showColumn(page, 'homeTown');
    const target = cell(page, anId, 'homeTown');
    await target.click();
    await target.press('Enter');
    const input = target.locator('input').first();
    await input.waitFor({ state: 'visible' });
    await input.fill('Mỹ Tú, Sóc Trăng');
    await input.press('Enter');
    await expect.poll(() => (app.db.sqlite.prepare('select home_town as h from cadres where id = ?').get(anId) as { h: string }).h).toBe('Mỹ Tú, Sóc Trăng');
    const audit = app.db.sqlite.prepare("select actor from audit_log where entity = 'cadre' and field = 'homeTown' order by id desc limit 1").get();
    expect(audit).toEqual({ actor: 'nghiepvu' });
  });

  it('a clerk has no user administration, and a session ended by the host brings the sign-in screen back', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Cài đặt' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Tài khoản của tôi' }).isVisible()).toBe(true);
    expect(await page.getByRole('tab', { name: 'Người dùng' }).count()).toBe(0);
    // The administrator disables the clerk elsewhere: the host drops the clerk's sessions at once.
    const clerk = app.db.sqlite.prepare("select id from users where username = 'nghiepvu'").get() as { id: number };
    sessionsFor(app.db).revokeUser(clerk.id);
    await page.getByRole('link', { name: 'Cán bộ' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Đăng nhập' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Phiên đăng nhập đã kết thúc. Hãy đăng nhập lại.').isVisible()).toBe(true);
  });
});
