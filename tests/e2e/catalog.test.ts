import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cell, startApp, waitForRows, type App } from './harness';
import { seedSmall } from '../helpers/fixtures';
import { createUnit } from '../../db/services/units';
import { SYSTEM_CONTEXT } from '../../db/context';

const treeItem = (page: Page, name: string) => page.locator('[data-testid="unit-tree"] [role="treeitem"]').filter({ has: page.locator('.unit-name', { hasText: new RegExp(`^${name.replace(/[()]/g, '\\$&')}$`) }) });
const unitRow = (app: App, name: string) =>
  app.db.sqlite.prepare('select id, parent_id as parentId, valid_to as validTo, successor_id as successorId, version from units where name = ?').get(name) as
    | { id: number; parentId: number | null; validTo: string | null; successorId: number | null; version: number }
    | undefined;

describe('Danh mục in the browser', () => {
  let app: App;
  let ids: { province: number; commune: number; newCommune: number };
  beforeAll(async () => {
    app = await startApp({
      prepare: (db) => {
        const s = seedSmall(db);
        const newCommune = createUnit(db, { name: 'Xã Lai Hòa (mới)', kind: 'chinh_quyen', level: 'xa', validFrom: '2025-07-01', ethnicContact: true }, SYSTEM_CONTEXT);
        ids = { province: s.province.id, commune: s.commune.id, newCommune: newCommune.id };
      },
    });
    await app.page.getByRole('link', { name: 'Danh mục' }).click();
    await app.page.waitForSelector('[data-testid="unit-tree"] [role="treeitem"]');
  });
  afterAll(async () => app?.close());

  it('shows the tree with the people in each unit', async () => {
    const { page } = app;
    // seedSmall: 4 people in Ban Tổ chức (under Tỉnh ủy), 2 in UBND xã Lai Hòa.
    await expect.poll(() => treeItem(page, 'UBND xã Lai Hòa').locator('.headcount').textContent()).toBe('2');
    expect(await treeItem(page, 'Tỉnh ủy Sóc Trăng').locator('.headcount').textContent()).toBe('0 / 4');
    expect(await treeItem(page, 'Ban Tổ chức Tỉnh ủy').getAttribute('aria-level')).toBe('2');
    // The search ignores diacritics and keeps the parent for context.
    await page.getByLabel('Tìm đơn vị').fill('ban to chuc');
    await expect.poll(() => page.locator('[data-testid="unit-tree"] [role="treeitem"]').count()).toBe(2);
    await page.getByLabel('Tìm đơn vị').fill('');
  });

  it('adds a unit under another', async () => {
    const { page } = app;
    await treeItem(page, 'Tỉnh ủy Sóc Trăng').click();
    await page.getByRole('button', { name: '+ Thêm đơn vị' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm đơn vị' });
    await dialog.getByLabel('Tên đơn vị *').fill('Ban Tuyên giáo Tỉnh ủy');
    await dialog.getByLabel('Ngày thành lập').fill('01/02/2010');
    // Kind and level start from the parent's.
    expect(await dialog.getByLabel('Loại đơn vị *').inputValue()).toBe('dang');
    await dialog.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await expect.poll(() => treeItem(page, 'Ban Tuyên giáo Tỉnh ủy').isVisible()).toBe(true);
    expect(await treeItem(page, 'Ban Tuyên giáo Tỉnh ủy').getAttribute('aria-level')).toBe('2');
    expect(await treeItem(page, 'Ban Tuyên giáo Tỉnh ủy').getAttribute('aria-selected')).toBe('true');
    expect(unitRow(app, 'Ban Tuyên giáo Tỉnh ủy')?.parentId).toBe(ids.province);
  });

  it('renames the selected unit', async () => {
    const { page } = app;
    const detail = page.getByTestId('unit-detail');
    await detail.getByLabel('Tên đơn vị *').fill('Ban Tuyên giáo và Dân vận Tỉnh ủy');
    await detail.getByLabel('Tên viết tắt').fill('BTGDV');
    await detail.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(() => treeItem(page, 'Ban Tuyên giáo và Dân vận Tỉnh ủy').isVisible()).toBe(true);
    const saved = app.db.sqlite.prepare('select short_name as s, version as v from units where name = ?').get('Ban Tuyên giáo và Dân vận Tỉnh ủy') as { s: string; v: number };
    expect(saved).toEqual({ s: 'BTGDV', v: 2 });
    // Put it first among its siblings.
    const siblings = () => page.locator('[data-testid="unit-tree"] [role="treeitem"][aria-level="2"] .unit-name').allTextContents();
    expect(await siblings()).toEqual(['Ban Tổ chức Tỉnh ủy', 'Ban Tuyên giáo và Dân vận Tỉnh ủy']);
    await detail.getByLabel('Thứ tự trong đơn vị cấp trên').fill('0');
    await detail.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(siblings).toEqual(['Ban Tuyên giáo và Dân vận Tỉnh ủy', 'Ban Tổ chức Tỉnh ủy']);
    // An empty name is refused in the form, nothing saved.
    await detail.getByLabel('Tên đơn vị *').fill('  ');
    await detail.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(() => detail.getByText('Tên đơn vị không được để trống.').isVisible()).toBe(true);
    await detail.getByRole('button', { name: 'Bỏ thay đổi' }).click();
  });

  it('reloads with a clear message when the unit was changed elsewhere', async () => {
    const { page } = app;
    const u = unitRow(app, 'Ban Tuyên giáo và Dân vận Tỉnh ủy')!;
    app.db.sqlite.prepare('update units set note = ?, version = version + 1 where id = ?').run('Sửa ở máy khác', u.id);
    const detail = page.getByTestId('unit-detail');
    await detail.getByLabel('Tên viết tắt').fill('BTG');
    await detail.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'vừa được sửa ở nơi khác' }).isVisible()).toBe(true);
    // The form now shows what is stored.
    await expect.poll(() => detail.getByLabel('Ghi chú').inputValue()).toBe('Sửa ở máy khác');
    expect(await detail.getByLabel('Tên viết tắt').inputValue()).toBe('BTGDV');
  });

  it('moves a unit under another parent from a date', async () => {
    const { page } = app;
    await treeItem(page, 'Ban Tuyên giáo và Dân vận Tỉnh ủy').click();
    await page.getByTestId('unit-detail').getByRole('button', { name: 'Chuyển đơn vị' }).click();
    const dialog = page.getByRole('dialog', { name: 'Chuyển đơn vị: Ban Tuyên giáo và Dân vận Tỉnh ủy' });
    // Its own subtree and its current parent are not offered.
    const offered = await dialog.getByLabel('Đơn vị cấp trên mới *').locator('option').allTextContents();
    expect(offered.map((o) => o.trim())).toEqual(['— chọn —', '(Đơn vị cấp cao nhất)', 'Ban Tổ chức Tỉnh ủy', 'UBND xã Lai Hòa', 'Xã Lai Hòa (mới)']);
    await dialog.getByLabel('Đơn vị cấp trên mới *').selectOption({ label: '(Đơn vị cấp cao nhất)' });
    await dialog.getByLabel('Ngày hiệu lực *').fill('01/03/2024');
    await dialog.getByRole('button', { name: 'Chuyển đơn vị' }).click();
    await expect.poll(() => treeItem(page, 'Ban Tuyên giáo và Dân vận Tỉnh ủy').getAttribute('aria-level')).toBe('1');
    const u = unitRow(app, 'Ban Tuyên giáo và Dân vận Tỉnh ủy')!;
    expect(u.parentId).toBeNull();
    const history = app.db.sqlite.prepare('select parent_id as p, from_date as f, to_date as t from unit_parents where unit_id = ? order by id').all(u.id);
    expect(history).toEqual([
      { p: ids.province, f: '2010-02-01', t: '2024-02-29' },
      { p: null, f: '2024-03-01', t: null },
    ]);
    // The form shows the same dated history, and the change in words.
    const parents = page.getByTestId('unit-parents');
    await expect.poll(() => parents.locator('tbody tr').allTextContents()).toEqual(['Tỉnh ủy Sóc Trăng01/02/201029/02/2024', '(cấp cao nhất)01/03/2024nay']);
    expect(await page.getByTestId('unit-changes').locator('tbody tr').first().textContent()).toContain('Đơn vị cấp trên: Tỉnh ủy Sóc Trăng → (cấp cao nhất)');
  });

  it('closes a unit with a successor, moves its people, and shows it greyed', async () => {
    const { page } = app;
    await treeItem(page, 'UBND xã Lai Hòa').click();
    await page.getByTestId('unit-detail').getByRole('button', { name: 'Kết thúc hoạt động' }).click();
    const dialog = page.getByRole('dialog', { name: 'Kết thúc hoạt động: UBND xã Lai Hòa' });
    await dialog.getByLabel('Ngày cuối cùng hoạt động *').fill('30/06/2025');
    await dialog.getByLabel('Đơn vị kế thừa', { exact: true }).selectOption({ label: 'Xã Lai Hòa (mới)' });
    expect(await dialog.getByRole('checkbox').isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Kết thúc hoạt động' }).click();

    const closed = treeItem(page, 'UBND xã Lai Hòa');
    await expect.poll(() => closed.getAttribute('class')).toContain('unit-closed');
    expect(await closed.locator('.unit-end').textContent()).toBe('— kết thúc 30/06/2025 → Xã Lai Hòa (mới)');
    expect(await page.getByLabel('Hiện đơn vị đã kết thúc').isChecked()).toBe(true);
    await expect.poll(() => treeItem(page, 'Xã Lai Hòa (mới)').locator('.headcount').textContent()).toBe('2');
    expect(unitRow(app, 'UBND xã Lai Hòa')).toMatchObject({ validTo: '2025-06-30', successorId: ids.newCommune });
    const moved = app.db.sqlite.prepare("select count(*) as n from assignments where unit_id = ? and from_date = '2025-07-01' and to_date is null").get(ids.newCommune) as { n: number };
    expect(moved.n).toBe(2);

    // Hidden again when closed units are not asked for.
    await page.getByLabel('Hiện đơn vị đã kết thúc').uncheck();
    await expect.poll(() => closed.count()).toBe(0);

    // Reopen, after confirming.
    await page.getByLabel('Hiện đơn vị đã kết thúc').check();
    await closed.click();
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('unit-detail').getByRole('button', { name: 'Mở lại' }).click();
    await expect.poll(async () => (await closed.getAttribute('class')) ?? '').not.toContain('unit-closed');
    expect(unitRow(app, 'UBND xã Lai Hòa')).toMatchObject({ validTo: null, successorId: null });
  });

  it('edits an ethnicity name in Danh mục mã', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Danh mục mã' }).click();
    await waitForRows(page, '[data-testid="code-grid"]');
    expect(await page.getByTestId('code-note').textContent()).toContain('Tổng cục Thống kê');
    const khmer = app.db.sqlite.prepare("select id from code_lists where list = 'ethnicity' and key = 'khmer'").get() as { id: number };
    const name = cell(page, khmer.id, 'name', '[data-testid="code-grid"]');
    expect(await name.textContent()).toBe('Khơ-me');
    await name.dblclick();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Khmer');
    await page.keyboard.press('Enter');
    await expect.poll(() => (app.db.sqlite.prepare('select name from code_lists where id = ?').get(khmer.id) as { name: string }).name).toBe('Khmer');
    await expect.poll(() => name.textContent()).toBe('Khmer');

    // Levels say which ones count as postgraduate.
    await page.getByRole('button', { name: /^Trình độ chuyên môn/ }).click();
    await expect.poll(() => page.getByTestId('code-note').textContent()).toContain('sau đại học');
    const note = await page.getByTestId('code-note').textContent();
    for (const level of ['Bác sĩ nội trú', 'Chuyên khoa I', 'Thạc sĩ', 'Chuyên khoa II', 'Tiến sĩ', 'Tiến sĩ khoa học']) expect(note).toContain(level);
    expect(note).not.toContain('Đại học,');

    // Marking a level as postgraduate is data: tick it and the note (and the rules) follow.
    const daiHoc = app.db.sqlite.prepare("select id from code_lists where list = 'level.chuyen_mon' and key = 'dai_hoc'").get() as { id: number };
    await cell(page, daiHoc.id, 'attrs.postgraduate', '[data-testid="code-grid"]').locator('input[type="checkbox"]').click();
    await expect.poll(() => (app.db.sqlite.prepare('select attrs from code_lists where id = ?').get(daiHoc.id) as { attrs: string }).attrs).toBe('{"postgraduate":true}');
    await expect.poll(() => page.getByTestId('code-note').textContent()).toContain('Đại học, Bác sĩ nội trú');
  });
});

describe('Danh mục mã: paste from Excel', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp({ prepare: (db) => void seedSmall(db) });
    await app.page.getByRole('link', { name: 'Danh mục' }).click();
    await app.page.getByRole('tab', { name: 'Danh mục mã' }).click();
    await app.page.getByRole('button', { name: /^Tôn giáo/ }).click();
    await waitForRows(app.page, '[data-testid="code-grid"]');
  });
  afterAll(async () => app?.close());

  it('pastes two rows of code and name in one batch and undoes it with Ctrl+Z', async () => {
    const { page } = app;
    const row = (key: string) => app.db.sqlite.prepare("select id, code, name from code_lists where list = 'religion' and key = ?").get(key) as { id: number; code: string | null; name: string };
    const khong = row('khong');
    // Religions in rank order: Không, Phật giáo, ...; the block starts at the first row's "Mã chính thức".
    await cell(page, khong.id, 'code', '[data-testid="code-grid"]').click();
    await page.evaluate((text) => navigator.clipboard.writeText(text), 'TG00\tKhông theo tôn giáo\r\nTG01\tĐạo Phật\r\n');
    await page.keyboard.press('ControlOrMeta+v');
    await expect.poll(() => row('phat_giao').name).toBe('Đạo Phật');
    expect([row('khong'), row('phat_giao')].map((r) => [r.code, r.name])).toEqual([['TG00', 'Không theo tôn giáo'], ['TG01', 'Đạo Phật']]);
    const batches = app.db.sqlite.prepare("select description from change_batches where kind = 'paste'").all();
    expect(batches).toEqual([{ description: 'Dán vào danh mục: 2 mục' }]);

    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => row('phat_giao').name).toBe('Phật giáo');
    expect([row('khong'), row('phat_giao')].map((r) => [r.code, r.name])).toEqual([[null, 'Không'], [null, 'Phật giáo']]);
  });
});

describe('Danh mục for a viewer', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp({ context: { actor: 'người xem', role: 'viewer' }, prepare: (db) => void seedSmall(db) });
    await app.page.getByRole('link', { name: 'Danh mục' }).click();
    await app.page.waitForSelector('[data-testid="unit-tree"] [role="treeitem"]');
  });
  afterAll(async () => app?.close());

  it('shows the organisation and code lists without ways to change them', async () => {
    const { page } = app;
    await treeItem(page, 'UBND xã Lai Hòa').click();
    const detail = page.getByTestId('unit-detail');
    await expect.poll(() => detail.getByLabel('Tên đơn vị *').inputValue()).toBe('UBND xã Lai Hòa');
    expect(await detail.getByLabel('Tên đơn vị *').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '+ Thêm đơn vị' }).count()).toBe(0);
    expect(await detail.getByRole('button', { name: 'Kết thúc hoạt động' }).count()).toBe(0);
    expect(await detail.getByRole('button', { name: 'Lưu thay đổi' }).count()).toBe(0);

    await page.getByRole('tab', { name: 'Danh mục mã' }).click();
    await waitForRows(page, '[data-testid="code-grid"]');
    expect(await page.getByRole('group', { name: 'Thêm mục vào danh mục' }).count()).toBe(0);
    const kinh = app.db.sqlite.prepare("select id from code_lists where list = 'ethnicity' and key = 'kinh'").get() as { id: number };
    await cell(page, kinh.id, 'name', '[data-testid="code-grid"]').dblclick();
    expect(await page.locator('[data-testid="code-grid"] .ag-cell-inline-editing').count()).toBe(0);
  });
});
