import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject, afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../build/web-host';
import { fileKind } from '../../db/open';
import { CHROMIUM, cell, startApp, waitForRows, type App } from './harness';
import { seedSmall } from '../helpers/fixtures';
import { MIGRATIONS } from '../helpers/db';

// Encryption at rest in the browser, as on the web host (no OS key store): the first run creates the
// administrator with encryption on and shows the recovery key once; every restart then shows "Mở khoá dữ liệu";
// a wrong secret is refused in words; the secret opens the data; a forgotten secret is replaced after the
// recovery key, before anything else.

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SECRET = 'Bí-mật-dữ-liệu-2025';
const NEW_SECRET = 'Mật-khẩu-dữ-liệu-mới-2026';

describe('encryption at rest in the browser', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qlcb-e2e-enc-'));
  const dbFile = path.join(tmp, 'quan-ly-can-bo.sqlite');
  let browser: Browser;
  let host: WebHost | null = null;
  let context: BrowserContext | null = null;
  let recoveryKey = '';

  /** A restart: the old tab and host go, a new host opens the same file, a new tab opens the app. */
  const start = async () => {
    await context?.close();
    await host?.close();
    host = await startWebHost({ dbFile, staticDir: inject('webDir'), migrationsFolder: MIGRATIONS, quiet: true, wrapParams: { N: 2 ** 12, r: 8, p: 1 } });
    context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('[page error]', e.message));
    await page.goto(host.launchUrl);
    return page;
  };
  const unlockCard = (page: Page) => page.getByRole('region', { name: 'Mở khoá dữ liệu' });
  const signIn = async (page: Page) => {
    const card = page.getByRole('region', { name: 'Đăng nhập' });
    await expect.poll(() => card.isVisible()).toBe(true);
    await card.getByLabel('Tên đăng nhập').fill('quantri');
    await card.getByLabel('Mật khẩu').fill('Quan-tri-2025');
    await card.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain('Nguyễn Văn Quản');
  };

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  afterAll(async () => {
    await browser?.close().catch(() => {});
    await host?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('first run: the administrator is created with encryption on, and the recovery key is shown once', async () => {
    const page = await start();
    const setup = page.getByRole('region', { name: 'Tạo tài khoản quản trị' });
    await expect.poll(() => setup.isVisible()).toBe(true);
    expect(await setup.getByLabel('Mã hoá dữ liệu (khuyên dùng)').isChecked()).toBe(true);
    await setup.getByLabel('Tên đăng nhập *').fill('quantri');
    await setup.getByLabel('Họ và tên *').fill('Nguyễn Văn Quản');
    await setup.getByLabel('Mật khẩu *', { exact: true }).fill('Quan-tri-2025');
    await setup.getByLabel('Nhập lại mật khẩu *', { exact: true }).fill('Quan-tri-2025');
    await setup.getByLabel(/^Mật khẩu dữ liệu \*/).fill('ngắn');
    await setup.getByLabel('Nhập lại mật khẩu dữ liệu *').fill('ngắn');
    await setup.getByRole('button', { name: 'Tạo tài khoản và bắt đầu' }).click();
    await expect.poll(() => setup.getByText('Mật khẩu dữ liệu cần ít nhất 10 ký tự.').isVisible()).toBe(true);
    // Nothing was created by the refused form.
    expect(host!.db.sqlite.prepare('select count(*) from users').pluck().get()).toBe(0);
    await setup.getByLabel(/^Mật khẩu dữ liệu \*/).fill(SECRET);
    await setup.getByLabel('Nhập lại mật khẩu dữ liệu *').fill(SECRET);
    await setup.getByRole('button', { name: 'Tạo tài khoản và bắt đầu' }).click();

    const panel = page.getByTestId('recovery-panel');
    await expect.poll(() => panel.isVisible(), { timeout: 30_000 }).toBe(true);
    recoveryKey = (await page.getByTestId('recovery-key').locator('span').allTextContents()).join('-');
    expect(recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    const go = panel.getByRole('button', { name: 'Bắt đầu dùng ứng dụng' });
    expect(await go.isDisabled()).toBe(true);
    expect(await panel.getByRole('button', { name: 'In khoá khôi phục' }).isVisible()).toBe(true);
    await panel.getByLabel(/Tôi đã ghi lại/).check();
    await go.click();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain('Nguyễn Văn Quản');
    // Shown once: nowhere on the page any more.
    expect(await page.getByTestId('recovery-key').count()).toBe(0);
    expect(fileKind(dbFile)).toBe('encrypted');
    expect(fs.readFileSync(dbFile).includes(Buffer.from('Nguyễn Văn Quản'))).toBe(false);
  });

  it('after a restart the data is locked: a wrong secret is refused, the right one opens it, then sign-in', async () => {
    const page = await start();
    expect(host!.dataHost.database).toBeNull();
    const card = unlockCard(page);
    await expect.poll(() => card.isVisible()).toBe(true);
    await card.getByLabel('Mật khẩu dữ liệu').fill('Quan-tri-2025');
    await card.getByRole('button', { name: 'Mở khoá' }).click();
    await expect.poll(() => card.getByRole('alert').textContent()).toContain('Mật khẩu dữ liệu không đúng');
    expect(await card.getByRole('alert').textContent()).toContain('không phải mật khẩu đăng nhập');
    expect(host!.dataHost.database).toBeNull();
    await card.getByLabel('Mật khẩu dữ liệu').fill(SECRET);
    await card.getByRole('button', { name: 'Mở khoá' }).click();
    await signIn(page);
  });

  it('a forgotten secret: the recovery key opens the data and a new secret must be set before anything else', async () => {
    const page = await start();
    const card = unlockCard(page);
    await expect.poll(() => card.isVisible()).toBe(true);
    await card.getByRole('button', { name: 'Quên mật khẩu dữ liệu? Dùng khoá khôi phục' }).click();
    await card.getByLabel('Khoá khôi phục').fill('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789');
    await card.getByRole('button', { name: 'Mở khoá' }).click();
    await expect.poll(() => card.getByRole('alert').textContent()).toContain('Khoá khôi phục không đúng');
    // Typed carelessly: lower case, spaces instead of dashes.
    await card.getByLabel('Khoá khôi phục').fill(recoveryKey.toLowerCase().replace(/-/g, ' '));
    await card.getByRole('button', { name: 'Mở khoá' }).click();

    const reset = page.getByRole('region', { name: 'Đặt mật khẩu dữ liệu mới' });
    await expect.poll(() => reset.isVisible()).toBe(true);
    // Until then the host answers nothing else.
    expect(host!.dataHost.database).toBeNull();
    await reset.getByLabel('Mật khẩu dữ liệu mới', { exact: true }).fill(NEW_SECRET);
    await reset.getByLabel('Nhập lại mật khẩu dữ liệu mới').fill('khác hẳn mật khẩu');
    await reset.getByRole('button', { name: 'Lưu mật khẩu dữ liệu mới' }).click();
    await expect.poll(() => reset.getByText('Hai lần nhập mật khẩu dữ liệu không khớp.').isVisible()).toBe(true);
    await reset.getByLabel('Nhập lại mật khẩu dữ liệu mới').fill(NEW_SECRET);
    await reset.getByRole('button', { name: 'Lưu mật khẩu dữ liệu mới' }).click();
    await signIn(page);

    // The next start takes the new secret, not the forgotten one.
    const next = await start();
    const again = unlockCard(next);
    await expect.poll(() => again.isVisible()).toBe(true);
    await again.getByLabel('Mật khẩu dữ liệu').fill(SECRET);
    await again.getByRole('button', { name: 'Mở khoá' }).click();
    await expect.poll(() => again.getByRole('alert').textContent()).toContain('Mật khẩu dữ liệu không đúng');
    await again.getByLabel('Mật khẩu dữ liệu').fill(NEW_SECRET);
    await again.getByRole('button', { name: 'Mở khoá' }).click();
    await signIn(next);
  });
});

describe('turning encryption on for data from an earlier version', () => {
  let app: App;
  let anId = 0;
  beforeAll(async () => {
    app = await startApp({ prepare: (db) => void (anId = seedSmall(db).cadres.find((c) => c.fullName === 'Trần Văn An')!.id) });
  });
  afterAll(async () => app?.close());

  it('Settings › Bảo mật dữ liệu encrypts the plaintext database, shows the recovery key once, and work goes on', async () => {
    const { page } = app;
    const file = app.db.file;
    expect(fileKind(file)).toBe('plain');
    await page.getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('tab', { name: 'Bảo mật dữ liệu' }).click();
    await expect.poll(() => page.getByTestId('encryption-status').textContent()).toContain('chưa được mã hoá');
    const form = page.getByRole('form', { name: 'Bật mã hoá dữ liệu' });
    await form.getByLabel(/^Mật khẩu dữ liệu/).fill(SECRET);
    await form.getByLabel('Nhập lại mật khẩu dữ liệu').fill(SECRET + 'x');
    await form.getByRole('button', { name: 'Mã hoá dữ liệu' }).click();
    await expect.poll(() => form.getByText('Hai lần nhập mật khẩu dữ liệu không khớp.').isVisible()).toBe(true);
    expect(fileKind(file)).toBe('plain');
    await form.getByLabel('Nhập lại mật khẩu dữ liệu').fill(SECRET);
    await form.getByRole('button', { name: 'Mã hoá dữ liệu' }).click();
    const panel = page.getByTestId('recovery-panel');
    // Two scrypt wraps at full cost, a backup and the encrypted copy: a few seconds on a busy machine.
    await expect.poll(() => panel.isVisible(), { timeout: 60_000 }).toBe(true);
    expect(fileKind(file)).toBe('encrypted');
    await panel.getByLabel(/Tôi đã ghi lại/).check();
    await panel.getByRole('button', { name: 'Xong' }).click();
    await expect.poll(() => page.getByTestId('encryption-status').textContent()).toContain('Dữ liệu đang được mã hoá');
    // The app keeps working on the encrypted file (its connection was swapped), and the data is all there.
    await page.getByRole('link', { name: 'Cán bộ' }).first().click();
    await waitForRows(page);
    await expect.poll(() => cell(page, anId, 'fullName').textContent()).toBe('Trần Văn An');
    expect(fs.readFileSync(file).includes(Buffer.from('Trần Văn An'))).toBe(false);
  });
});
