import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cell, cellText, columnTexts, displayedRowCount, editCell, showColumn, startApp, waitForRows, type App } from './harness';
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
    await editCell(page, id, 'homeTown', 'Mỹ Xuyên, Sóc Trăng');
    await expect.poll(() => cellText(page, id, 'homeTown')).toBe('Mỹ Xuyên, Sóc Trăng');
    const saved = app.db.sqlite.prepare('select home_town as h from cadres where id = ?').get(id) as { h: string };
    expect(saved.h).toBe('Mỹ Xuyên, Sóc Trăng');
  });

  it('refuses an invalid date with its reason and keeps the old value', async () => {
    const { page } = app;
    const id = ids['Nguyễn Thị Hồng'];
    await editCell(page, id, 'birthDate', '31/02/1985');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'không có ngày 31' }).isVisible()).toBe(true);
    await expect.poll(() => cell(page, id, 'birthDate').getAttribute('class')).toContain('cell-invalid');
    // The refused text stays in the cell to be corrected (not the cached stored value: the grid keeps a value cache).
    expect(await cellText(page, id, 'birthDate')).toBe('31/02/1985');
    const saved = app.db.sqlite.prepare('select birth_date as b from cadres where id = ?').get(id) as { b: string };
    expect(saved.b).toBe('1985-04-12');
  });

  it('asks for its rows as the app starts, before the session check has answered', async () => {
    const { page } = app;
    const calls: string[] = [];
    const onRequest = (r: { url(): string }) => {
      const m = /\/api\/([^/?]+)$/.exec(r.url());
      if (m) calls.push(decodeURIComponent(m[1]));
    };
    page.on('request', onRequest);
    await page.reload();
    await waitForRows(page);
    page.off('request', onRequest);
    // Sent with the first script, not after the session check and the grid's set-up. (The test build runs React's
    // development checks, which mount every effect twice, so the screen's own call comes twice here: not counted.)
    expect(calls.indexOf('cadres.listTable')).toBeGreaterThanOrEqual(0);
    expect(calls.indexOf('cadres.listTable')).toBeLessThan(calls.indexOf('auth.status'));
    // Its first rows before them, so they are the host's first answer of the two.
    expect(calls.indexOf('cadres.listHead')).toBeGreaterThanOrEqual(0);
    expect(calls.indexOf('cadres.listHead')).toBeLessThan(calls.indexOf('cadres.listTable'));
    expect(calls.indexOf('codes.list')).toBeLessThan(calls.indexOf('auth.status'));
    expect(await columnTexts(page, 'fullName')).toContain('Trần Văn An');
  });

  it('opens on its first rows while the whole list is on its way, and keeps a cell saved meanwhile', async () => {
    const { page } = app;
    // The whole list is read by the host at once but its answer held back until released (as 22 MB take their time
    // to arrive); the first rows (cadres.listHead) come as usual.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    await page.route('**/api/cadres.listTable', async (route) => {
      const response = await route.fetch();
      await released;
      await route.fulfill({ response });
    });
    try {
      await page.reload();
      await page.waitForSelector('[data-testid="cadre-grid"][data-partial] .ag-row[row-id]', { timeout: 30_000 });
      expect(await page.getByTestId('row-count').textContent()).toContain('Đang tải toàn bộ danh sách');
      expect(await columnTexts(page, 'fullName')).toEqual(['Trần Văn An', 'Lê Minh Ánh', 'Phạm Quốc Bảo', 'Lâm Văn Đức', 'Nguyễn Thị Hồng', 'Thạch Thị Sa Rinh']);
      // Adding, deleting and importing wait for the whole list.
      expect(await page.getByRole('button', { name: '+ Thêm cán bộ' }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Nhập từ Excel' }).isDisabled()).toBe(true);
      // A cell edited now is saved, and the older copy the whole list brings does not replace it.
      const id = ids['Lê Minh Ánh'];
      await editCell(page, id, 'homeTown', 'Vĩnh Châu');
      await expect.poll(() => (app.db.sqlite.prepare('select home_town from cadres where id = ?').pluck().get(id) as string | null)).toBe('Vĩnh Châu');
    } finally {
      release();
    }
    await waitForRows(page);
    await page.unroute('**/api/cadres.listTable');
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('Hiển thị 6 / 6 hồ sơ');
    expect(await cellText(page, ids['Lê Minh Ánh'], 'homeTown')).toBe('Vĩnh Châu');
    expect(await page.getByRole('button', { name: '+ Thêm cán bộ' }).isDisabled()).toBe(false);
    // The row kept is the saved one, with its new version: a second edit is not refused as made on an old copy.
    await editCell(page, ids['Lê Minh Ánh'], 'homeTown', 'Vĩnh Châu, Sóc Trăng');
    await expect.poll(() => (app.db.sqlite.prepare('select home_town from cadres where id = ?').pluck().get(ids['Lê Minh Ánh']) as string | null)).toBe('Vĩnh Châu, Sóc Trăng');
    expect(await page.getByRole('dialog').count()).toBe(0);
    // The tests after this one start from a grid scrolled back to its first columns.
    await page.reload();
    await waitForRows(page);
  });

  it('finds people without diacritics', async () => {
    const { page } = app;
    await page.getByLabel('Tìm kiếm cán bộ').fill('nguyen thi hong');
    await expect.poll(() => displayedRowCount(page)).toBe(1);
    await page.getByLabel('Tìm kiếm cán bộ').fill('');
    await expect.poll(() => displayedRowCount(page)).toBe(6);
  });

  it('selects all the rows shown, never the ones a search hides', async () => {
    const { page } = app;
    const selectShown = page.getByRole('checkbox', { name: 'Chọn tất cả các dòng đang hiển thị' });
    const chosen = () => page.locator('.statusbar').getByText(/^Đã chọn/).allTextContents();
    await page.getByLabel('Tìm kiếm cán bộ').fill('van');
    await expect.poll(() => displayedRowCount(page)).toBe(2);
    await selectShown.click();
    await expect.poll(chosen).toEqual(['Đã chọn 2']);
    // Two of six: the four the search hides are not selected.
    // All shown are ticked; a wider search shows more: the box is then half-ticked, and ticking it takes the rest.
    await page.getByLabel('Tìm kiếm cán bộ').fill('');
    await expect.poll(() => displayedRowCount(page)).toBe(6);
    await expect.poll(() => selectShown.evaluate((el: HTMLInputElement) => [el.checked, el.indeterminate])).toEqual([false, true]);
    await selectShown.click();
    await expect.poll(chosen).toEqual(['Đã chọn 6']);
    // Space on the focused header cell toggles it too (all were ticked: clears them).
    await page.locator('[data-testid="cadre-grid"] .ag-header-cell:has(input.select-shown)').focus();
    await page.keyboard.press(' ');
    await expect.poll(chosen).toEqual([]);
    await expect.poll(() => selectShown.isChecked()).toBe(false);
  });

  it('filters the unit column by a unit and everything below it', async () => {
    const { page } = app;
    await page.locator('[data-testid="cadre-grid"] .ag-header-cell[col-id="unit"] .ag-header-cell-filter-button').click();
    await page.getByLabel('Đơn vị (gồm các đơn vị trực thuộc)').selectOption({ label: 'Tỉnh ủy Sóc Trăng' });
    // The province body has no people itself; its subtree (Ban Tổ chức) has four.
    await expect.poll(() => displayedRowCount(page)).toBe(4);
    await page.getByLabel('Đơn vị (gồm các đơn vị trực thuộc)').selectOption({ label: 'Tất cả' });
    await expect.poll(() => displayedRowCount(page)).toBe(6);
    await page.keyboard.press('Escape');
  });
});

describe('adding, pasting, undoing and conflicting edits', () => {
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
  const stored = (id: number) =>
    app.db.sqlite.prepare('select id_number as idNumber, home_town as homeTown, religion, recruitment_date as recruitmentDate, version from cadres where id = ?').get(id) as any;

  it('adds a cadre through the form', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '+ Thêm cán bộ' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm cán bộ' });
    await dialog.getByLabel('Họ và tên *').fill('Sơn Thị Mỹ Linh');
    await dialog.getByLabel('Giới tính *').selectOption({ label: 'Nữ' });
    await dialog.getByLabel('Ngày sinh').fill('12/10/1992');
    await dialog.getByLabel('Dân tộc').selectOption({ label: 'Khơ-me' });
    await dialog.getByLabel('Đơn vị công tác').selectOption({ label: 'UBND xã Lai Hòa' });
    await dialog.getByLabel('Chức vụ').fill('Công chức Văn phòng - Thống kê');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => columnTexts(page, 'fullName')).toContain('Sơn Thị Mỹ Linh');
    const row = app.db.sqlite.prepare(`select c.birth_date as b, c.ethnicity as e, a.post_title as p from cadres c join assignments a on a.cadre_id = c.id where c.full_name = 'Sơn Thị Mỹ Linh'`).get() as any;
    expect(row).toEqual({ b: '1992-10-12', e: 'khmer', p: 'Công chức Văn phòng - Thống kê' });
  });

  it('pastes a 3x4 block copied from Excel in one transaction and undoes it with Ctrl+Z', async () => {
    const { page } = app;
    // Displayed order (by given name): An, Ánh, Bảo ... — the block lands on those three rows.
    const targets = ['Trần Văn An', 'Lê Minh Ánh', 'Phạm Quốc Bảo'].map((n) => ids[n]);
    const before = targets.map(stored);
    await showColumn(page, 'idNumber');
    await cell(page, targets[0], 'idNumber').click();
    const block = '094085001111\tMỹ Tú\tPhật giáo\t01/08/2005\r\n094085002222\tKế Sách\tKhông\t15/09/2010\r\n094085003333\tTrần Đề\tCông giáo\t1/1/2012\r\n';
    await page.evaluate((text) => navigator.clipboard.writeText(text), block);
    await page.keyboard.press('ControlOrMeta+v');
    await expect.poll(() => stored(targets[2]).recruitmentDate).toBe('2012-01-01');
    expect(targets.map(stored).map(({ version: _v, ...r }) => r)).toEqual([
      { idNumber: '094085001111', homeTown: 'Mỹ Tú', religion: 'phat_giao', recruitmentDate: '2005-08-01' },
      { idNumber: '094085002222', homeTown: 'Kế Sách', religion: 'khong', recruitmentDate: '2010-09-15' },
      { idNumber: '094085003333', homeTown: 'Trần Đề', religion: 'cong_giao', recruitmentDate: '2012-01-01' },
    ]);
    const batches = app.db.sqlite.prepare(`select id from change_batches where kind = 'paste'`).all();
    expect(batches).toHaveLength(1);
    await expect.poll(() => cellText(page, targets[1], 'homeTown')).toBe('Kế Sách');

    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => stored(targets[2]).recruitmentDate).toBe(before[2].recruitmentDate);
    expect(targets.map(stored).map(({ version: _v, ...r }) => r)).toEqual(before.map(({ version: _v, ...r }: any) => r));
    await expect.poll(() => cellText(page, targets[1], 'homeTown')).toBe('');
  });

  it('undoes a paste with Ctrl+Z pressed before the answer to the paste has arrived', async () => {
    const { page } = app;
    const id = ids['Phạm Quốc Bảo'];
    const before = stored(id).homeTown;
    // Hold back the answer to the paste: the data is saved but the page does not know it yet.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/cadres.bulkUpdate', async (route) => {
      const answer = await route.fetch();
      await held;
      await route.fulfill({ response: answer });
    });
    await showColumn(page, 'homeTown');
    await cell(page, id, 'homeTown').click();
    await page.evaluate((text) => navigator.clipboard.writeText(text), 'Long Phú\r\n');
    await page.keyboard.press('ControlOrMeta+v');
    await expect.poll(() => stored(id).homeTown).toBe('Long Phú');
    await page.keyboard.press('ControlOrMeta+z');
    release();
    await expect.poll(() => stored(id).homeTown).toBe(before);
    await expect.poll(() => cellText(page, id, 'homeTown')).toBe(before ?? '');
    await page.unroute('**/api/cadres.bulkUpdate');
  });

  it('marks the cells of a paste that cannot be read and saves the others', async () => {
    const { page } = app;
    const id = ids['Lâm Văn Đức'];
    await showColumn(page, 'idNumber');
    await cell(page, id, 'idNumber').click();
    await page.evaluate((text) => navigator.clipboard.writeText(text), '12AB\tVĩnh Châu\r\n');
    await page.keyboard.press('ControlOrMeta+v');
    await expect.poll(() => stored(id).homeTown).toBe('Vĩnh Châu');
    expect(stored(id).idNumber).toBeNull();
    await expect.poll(() => cell(page, id, 'idNumber').getAttribute('class')).toContain('cell-invalid');
  });

  it('saves a refused value typed again once the reason is gone', async () => {
    const { page } = app;
    const a = ids['Trần Văn An'];
    const b = ids['Lâm Văn Đức'];
    const taken = '094085009999';
    app.db.sqlite.prepare('update cadres set id_number = ? where id = ?').run(taken, a);
    // Refused: another record has this ID number.
    await editCell(page, b, 'idNumber', taken);
    await expect.poll(() => cell(page, b, 'idNumber').getAttribute('class')).toContain('cell-invalid');
    expect(stored(b).idNumber).toBeNull();
    // The other record gives the number up (elsewhere); the same text typed again now saves.
    app.db.sqlite.prepare('update cadres set id_number = null where id = ?').run(a);
    await editCell(page, b, 'idNumber', taken);
    await expect.poll(() => stored(b).idNumber).toBe(taken);
    await expect.poll(() => cell(page, b, 'idNumber').getAttribute('class')).not.toContain('cell-invalid');
  });

  it('refuses a stale edit from a second tab and shows both values', async () => {
    const { page } = app;
    const id = ids['Nguyễn Thị Hồng'];
    const tab2 = await app.newTab();
    await waitForRows(tab2);
    await editCell(page, id, 'homeTown', 'Ngã Năm');
    await expect.poll(() => stored(id).homeTown).toBe('Ngã Năm');

    await editCell(tab2, id, 'homeTown', 'Thạnh Trị');
    const dialog = tab2.getByRole('dialog', { name: 'Hồ sơ vừa được sửa ở nơi khác' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.locator('.conflict-mine').first().textContent()).toBe('Thạnh Trị');
    expect(await dialog.locator('.conflict-theirs').first().textContent()).toBe('Ngã Năm');
    expect(stored(id).homeTown).toBe('Ngã Năm');
    await dialog.getByRole('button', { name: 'Giữ giá trị hiện tại' }).click();
    await expect.poll(() => cellText(tab2, id, 'homeTown')).toBe('Ngã Năm');
    await tab2.close();
  });
});
