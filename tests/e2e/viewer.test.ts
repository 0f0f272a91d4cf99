import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { showColumn, startApp, waitForRows, type App } from './harness';
import { testApi } from '../helpers/db';
import { createUser, setupAdmin } from '../../db/services/security/users';
import { SYSTEM_CONTEXT } from '../../db/context';

// A viewer ("Chỉ xem") reads and prints: on every screen no button or menu that adds, edits, deletes, imports,
// restores, enrols, starts or ends a rotation or issues a report, and grid cells do not open for editing.
// A clerk signed in on the same data sees those controls.

/** Visible buttons whose words mean a change to the data (print, export, open, filter and close are not). */
const WRITE_WORDS = /^\+|^(Thêm|Xoá|Sửa|Khôi phục|Nhập từ Excel|Hoàn tác|Làm lại|Ghi danh|Bắt đầu|Kết thúc|Ban hành|Tạo báo cáo|Tạo bản nháp|Lưu|Điều chuyển|Sao lưu ngay|Chuyển|Huỷ đợt|Tính lại số liệu|Mở \/ bắt đầu|Bỏ huỷ|Cách tính|Khôi phục…)/;
const NOT_WRITES = new Set(['Lưu PDF']);

async function visibleWriteControls(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() =>
    [...document.querySelectorAll('button, [role="button"], a.button')]
      .filter((b) => (b as HTMLElement).offsetParent !== null && !(b as HTMLButtonElement).closest('nav'))
      .map((b) => (b.textContent ?? '').replace(/\s+/g, ' ').trim()),
  );
  const writeSelects = await page.evaluate(() =>
    [...document.querySelectorAll('select[aria-label^="Trạng thái quy hoạch"], select[aria-label^="Trạng thái mới"], select[aria-label="Khoá học để ghi danh"]')]
      .filter((s) => (s as HTMLElement).offsetParent !== null)
      .map((s) => `select: ${s.getAttribute('aria-label')}`),
  );
  return [...texts.filter((t) => WRITE_WORDS.test(t) && !NOT_WRITES.has(t)), ...writeSelects];
}

/** Enter on a grid cell opens no editor (the first data cell of a column that is editable for clerks). */
async function cellOpensEditor(page: Page, scope: string, colId: string): Promise<boolean> {
  await showColumn(page, colId, scope);
  const target = page.locator(`${scope} .ag-row[row-index="0"] .ag-cell[col-id="${colId}"]`).first();
  await target.click();
  await target.press('Enter');
  await page.waitForTimeout(250);
  // Tick-box cells render a checkbox whether or not they are editable: only an editor counts.
  const open =
    (await target.locator('input:not([type="checkbox"]), textarea, select').count()) > 0 ||
    (await page.locator(`${scope} .ag-cell-inline-editing, .ag-popup-editor`).count()) > 0;
  await target.press('Escape');
  return open;
}

const go = async (page: Page, hash: string) => {
  await page.evaluate((h) => (location.hash = h), hash);
  await page.waitForTimeout(300);
};

async function signIn(page: Page, username: string) {
  const card = page.getByRole('region', { name: 'Đăng nhập' });
  await card.getByLabel('Tên đăng nhập').fill(username);
  await card.getByLabel('Mật khẩu').fill('mat-khau-1');
  await card.getByRole('button', { name: 'Đăng nhập' }).click();
  await waitForRows(page);
}

async function signOut(page: Page) {
  await page.getByTestId('signed-in-as').getByRole('button', { name: 'Đăng xuất' }).click();
  await expect.poll(() => page.getByRole('region', { name: 'Đăng nhập' }).isVisible()).toBe(true);
}

/** Every screen and tab a viewer can reach, with what is found there. */
async function tour(page: Page): Promise<{ where: string; controls: string[] }[]> {
  const seen: { where: string; controls: string[] }[] = [];
  const look = async (where: string) => {
    await page.waitForTimeout(400);
    seen.push({ where, controls: await visibleWriteControls(page) });
  };
  const tab = async (name: string) => {
    await page.getByRole('tab', { name, exact: true }).click();
    await page.waitForTimeout(300);
  };

  await go(page, '#/can-bo');
  await waitForRows(page);
  await look('Cán bộ');
  const first = page.locator('[data-testid="cadre-grid"] .ag-row[row-index="0"] .ag-cell[col-id="fullName"]');
  await first.dblclick();
  const panel = page.getByRole('complementary', { name: 'Hồ sơ chi tiết' });
  await expect.poll(() => panel.isVisible()).toBe(true);
  for (const t of ['Thông tin chung', 'Trình độ', 'Quá trình công tác', 'Đào tạo, luân chuyển', 'Nhật ký']) {
    await panel.getByRole('tab', { name: t, exact: true }).click();
    await look(`Cán bộ › hồ sơ › ${t}`);
  }
  await panel.getByRole('button', { name: 'Đóng hồ sơ chi tiết' }).click();

  await go(page, '#/dao-tao');
  await waitForRows(page, '[data-testid="plan-grid"]');
  await look('Đào tạo › kế hoạch');
  for (const t of ['Cần đào tạo để đạt chỉ tiêu', 'Cam kết phục vụ, bồi hoàn', 'Quy định áp dụng']) {
    await tab(t);
    await look(`Đào tạo › ${t}`);
  }

  await go(page, '#/luan-chuyen');
  await waitForRows(page, '[data-testid="rotation-grid"]');
  await look('Luân chuyển › danh sách');
  // A rotation opened from the list shows no start, end or undo.
  await page.locator('[data-testid="rotation-grid"] .ag-row[row-index="0"] .ag-cell[col-id="status"]').dblclick();
  await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
  await look('Luân chuyển › một đợt');
  await page.getByRole('dialog').getByRole('button', { name: 'Đóng' }).last().click();
  for (const t of ['Biểu đồ thời gian', 'Sắp kết thúc', 'Nhân sự đơn vị', 'Quy hoạch', 'Quy định']) {
    await tab(t);
    await look(`Luân chuyển › ${t}`);
  }

  await go(page, '#/chi-tieu');
  await look('Chỉ tiêu › bảng');
  for (const t of ['Nhập số liệu', 'Báo cáo quý', 'Nghị quyết, chỉ tiêu, tiêu chuẩn']) {
    await tab(t);
    await look(`Chỉ tiêu › ${t}`);
  }
  await go(page, '#/danh-muc');
  await look('Danh mục › cơ cấu');
  await tab('Danh mục mã');
  await look('Danh mục › mã');
  await go(page, '#/nhat-ky');
  await look('Nhật ký');
  await go(page, '#/cai-dat');
  await look('Cài đặt › tài khoản');
  await tab('Sao lưu và khôi phục');
  await look('Cài đặt › sao lưu');
  return seen;
}

describe('what a viewer and a clerk see', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp({
      context: null,
      prepare: async (db) => {
        await testApi(db).call('app.seedSample', { cadres: 80, seed: 5 });
        await setupAdmin(db, { username: 'quantri', fullName: 'Quản Trị', password: 'mat-khau-1', passwordConfirm: 'mat-khau-1' });
        for (const [username, role] of [['chixem', 'viewer'], ['nghiepvu', 'clerk']] as const) {
          await createUser(db, { username, fullName: username, role, password: 'mat-khau-1', passwordConfirm: 'mat-khau-1' }, { ...SYSTEM_CONTEXT, actor: 'quantri' });
        }
        // A draft report, so the report editor has something a clerk could change.
        await testApi(db).call('reports.create', { year: 2025, quarter: 2 });
      },
    });
  });
  afterAll(async () => app?.close());

  it('a viewer finds no write control on any screen, and grid cells do not open', async () => {
    const { page } = app;
    await signIn(page, 'chixem');
    expect(await page.locator('.shell.role-viewer').count()).toBe(1);
    const seen = await tour(page);
    expect(seen.length).toBeGreaterThan(20);
    expect(seen.filter((s) => s.controls.length > 0)).toEqual([]);

    // Cells of grids a clerk edits: the cadre list, a training plan, a rotation, an entered statistic.
    await go(page, '#/can-bo');
    await waitForRows(page);
    expect(await cellOpensEditor(page, '[data-testid="cadre-grid"]', 'homeTown')).toBe(false);
    await go(page, '#/dao-tao');
    await waitForRows(page, '[data-testid="plan-grid"]');
    expect(await cellOpensEditor(page, '[data-testid="plan-grid"]', 'name')).toBe(false);
    await go(page, '#/luan-chuyen');
    await waitForRows(page, '[data-testid="rotation-grid"]');
    expect(await cellOpensEditor(page, '[data-testid="rotation-grid"]', 'note')).toBe(false);
    await go(page, '#/chi-tieu');
    await page.getByRole('tab', { name: 'Nhập số liệu', exact: true }).click();
    await waitForRows(page, '[data-testid="entry-grid"]');
    expect(await cellOpensEditor(page, '[data-testid="entry-grid"]', 'value')).toBe(false);
    // Printing and exporting stay.
    await go(page, '#/can-bo');
    await waitForRows(page);
    expect(await page.getByRole('button', { name: 'Xuất Excel' }).first().isVisible()).toBe(true);
    await signOut(page);
  });

  it('a clerk sees the write controls and grid cells open for editing', async () => {
    const { page } = app;
    await signIn(page, 'nghiepvu');
    const seen = await tour(page);
    const all = seen.flatMap((s) => s.controls);
    for (const c of ['+ Thêm cán bộ', 'Nhập từ Excel', '+ Thêm kế hoạch', 'Ghi danh…', '+ Thêm đợt luân chuyển', '+ Thêm vào quy hoạch', 'Tạo báo cáo', '+ Thêm chỉ tiêu', 'Sao lưu ngay']) {
      expect(all, c).toContain(c);
    }
    await go(page, '#/can-bo');
    await waitForRows(page);
    expect(await cellOpensEditor(page, '[data-testid="cadre-grid"]', 'homeTown')).toBe(true);
    await go(page, '#/luan-chuyen');
    await waitForRows(page, '[data-testid="rotation-grid"]');
    expect(await cellOpensEditor(page, '[data-testid="rotation-grid"]', 'note')).toBe(true);

    // The sign-ins and sign-outs are in the audit log, worded in Vietnamese and naming the user.
    await go(page, '#/nhat-ky');
    await waitForRows(page, '[data-testid="audit-grid"]');
    await page.getByLabel('Người sửa').selectOption('chixem');
    const actions = () => page.locator('[data-testid="audit-grid"] .ag-row .ag-cell[col-id="action"]').allTextContents();
    await expect.poll(actions).toEqual(['Đăng xuất', 'Đăng nhập']);
    expect(await page.locator('[data-testid="audit-grid"] .ag-row .ag-cell[col-id="entity"]').allTextContents()).toEqual(['Tài khoản', 'Tài khoản']);
    expect(await page.locator('[data-testid="audit-grid"] .ag-row .ag-cell[col-id="record"]').allTextContents()).toEqual(['chixem', 'chixem']);
    await signOut(page);
  });
});
