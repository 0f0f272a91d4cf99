import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cell, columnTexts, startApp, waitForRows, type App } from './harness';
import { seedSmall } from '../helpers/fixtures';
import { SYSTEM_CONTEXT } from '../../db/context';
import { createPlanning } from '../../db/services/rotations/planning';
import { createRotation } from '../../db/services/rotations/rotations';
import { startRotation } from '../../db/services/rotations/lifecycle';
import { ensureRotationSeeds } from '../../db/services/rotations/seeds';

// Dates are chosen relative to today so "ending soon" and "overdue" mean the same whenever the test runs.
const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const vn = (d: Date) => `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
const today = new Date();
const shift = (days: number, months = 0) => new Date(today.getFullYear(), today.getMonth() + months, today.getDate() + days);

const GRID = '[data-testid="rotation-grid"]';

describe('rotations in the browser', () => {
  let app: App;
  let ids: Record<string, number>;
  let communeId: number;
  let overdueId: number;
  beforeAll(async () => {
    app = await startApp({
      prepare: (db) => {
        ensureRotationSeeds(db);
        const s = seedSmall(db);
        communeId = s.commune.id;
        ids = Object.fromEntries(s.cadres.map((c) => [c.fullName, c.id]));
        const year = today.getFullYear();
        for (const name of ['Trần Văn An', 'Phạm Quốc Bảo']) {
          createPlanning(db, { cadreId: ids[name], level: 'tinh', periodFrom: year - 4, periodTo: year + 4, status: 'hieu_luc', positionCode: 'pho_huyen' }, SYSTEM_CONTEXT);
        }
        // Bảo: started three years ago, planned end ten days ago, never ended -> overdue.
        const r = createRotation(db, { cadreId: ids['Phạm Quốc Bảo'], type: 'luan_chuyen', toUnitId: s.province.id, toPostTitle: 'Phó Chánh Văn phòng', plannedStart: iso(shift(0, -37)), plannedEnd: iso(shift(-10)) }, SYSTEM_CONTEXT);
        startRotation(db, { id: r.id, version: r.version, actualStart: iso(shift(0, -37)) }, SYSTEM_CONTEXT);
        overdueId = r.id;
      },
    });
    await app.page.evaluate(() => (location.hash = '#/luan-chuyen'));
    await waitForRows(app.page, GRID);
  });
  afterAll(async () => app?.close());

  it('schedules a 24-month rotation: the 36-month rule warns, and a reason overrides it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '+ Thêm đợt luân chuyển' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm đợt luân chuyển' });
    await dialog.getByLabel('Cán bộ *').fill('Trần Văn An');
    await dialog.getByLabel('Đơn vị nơi đến *').selectOption({ label: 'UBND xã Lai Hòa' });
    await dialog.getByLabel('Chức vụ nơi đến', { exact: true }).fill('Phó Bí thư Đảng ủy xã');
    await dialog.getByLabel('Bắt đầu dự kiến *').fill(vn(today));
    // today .. today + 24 months - 1 day, end inclusive: 24 full months
    await dialog.getByLabel('Kết thúc dự kiến *').fill(vn(shift(-1, 24)));
    await dialog.getByLabel('Số quyết định', { exact: true }).fill('1520-QĐ/TU');
    const warnings = dialog.getByRole('group', { name: 'Cảnh báo quy định' });
    await expect.poll(() => warnings.textContent(), { timeout: 10_000 }).toContain('65-QĐ/TW: thời gian luân chuyển 24 tháng, dưới mức tối thiểu 36 tháng');

    // Saving without a reason is refused and says why.
    await dialog.getByRole('button', { name: 'Lưu (vượt quy định)' }).click();
    await expect.poll(() => dialog.getByRole('alert').filter({ hasText: 'hãy ghi lý do' }).isVisible()).toBe(true);
    expect(app.db.sqlite.prepare('select count(*) as n from rotations').get()).toEqual({ n: 1 });

    await dialog.getByLabel('Lý do vượt quy định').fill('Kiện toàn gấp theo Kết luận của Ban Thường vụ');
    await dialog.getByRole('button', { name: 'Lưu (vượt quy định)' }).click();
    const opened = page.getByRole('dialog', { name: 'Đợt luân chuyển: Trần Văn An' });
    await expect.poll(() => opened.isVisible()).toBe(true);
    await expect.poll(() => opened.textContent()).toContain('Lý do vượt quy định: Kiện toàn gấp theo Kết luận của Ban Thường vụ');
    const saved = app.db.sqlite.prepare('select override_reason as r, overridden_warnings as w, status from rotations where cadre_id = ?').get(ids['Trần Văn An']) as { r: string; w: string; status: string };
    expect(saved.r).toBe('Kiện toàn gấp theo Kết luận của Ban Thường vụ');
    expect(JSON.parse(saved.w).map((w: { rule: string }) => w.rule)).toEqual(['min_months']);
    expect(saved.status).toBe('planned');
  });

  it('starts it, and the cadre appears in the destination unit', async () => {
    const { page } = app;
    const opened = page.getByRole('dialog', { name: 'Đợt luân chuyển: Trần Văn An' });
    await opened.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
    await expect.poll(() => opened.getByTestId('rotation-status').textContent()).toBe('Đang luân chuyển');
    const a = app.db.sqlite.prepare(`select unit_id as u, from_date as f, source from assignments where cadre_id = ? and deleted_at is null and to_date is null`).get(ids['Trần Văn An']);
    expect(a).toEqual({ u: communeId, f: iso(today), source: 'rotation' });
    await opened.getByRole('button', { name: 'Đóng', exact: true }).first().click();

    // The roster of the commune on today includes him.
    await page.getByRole('tab', { name: 'Nhân sự đơn vị' }).click();
    await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'UBND xã Lai Hòa' });
    await expect.poll(() => page.getByTestId('roster-present').textContent()).toContain('Trần Văn An');

    // So does the cadre grid filtered by that unit.
    await page.evaluate(() => (location.hash = '#/can-bo'));
    await waitForRows(page);
    await page.getByLabel('Lọc theo đơn vị').selectOption({ label: 'UBND xã Lai Hòa' });
    await expect.poll(async () => (await columnTexts(page, 'fullName')).sort()).toEqual(['Lâm Văn Đức', 'Thạch Thị Sa Rinh', 'Trần Văn An'].sort());
    await page.getByLabel('Lọc theo đơn vị').selectOption({ label: 'Ban Tổ chức Tỉnh ủy' });
    await expect.poll(() => columnTexts(page, 'fullName')).not.toContain('Trần Văn An');
  });

  it('shows it in "Sắp kết thúc" once its planned end comes near, and lists the overdue one', async () => {
    const { page } = app;
    await page.evaluate(() => (location.hash = '#/luan-chuyen'));
    await waitForRows(page, GRID);
    await page.getByRole('tab', { name: 'Sắp kết thúc' }).click();
    await expect.poll(() => page.getByTestId('ending-overdue').textContent()).toContain('Phạm Quốc Bảo');
    await expect.poll(() => page.getByTestId('ending-overdue').textContent()).toContain('10 ngày');
    expect(await page.getByTestId('ending-soon').textContent()).not.toContain('Trần Văn An');

    // The plan changes: the rotation now ends in 60 days. Edit the planned end in the grid.
    await page.getByRole('tab', { name: 'Danh sách' }).click();
    await waitForRows(page, GRID);
    const rid = (app.db.sqlite.prepare('select id from rotations where cadre_id = ?').get(ids['Trần Văn An']) as { id: number }).id;
    await cell(page, rid, 'plannedEnd', GRID).dblclick();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(vn(shift(60)));
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, rid, 'plannedEnd', GRID).textContent()).toBe(vn(shift(60)));
    expect((app.db.sqlite.prepare('select planned_end as e from rotations where id = ?').get(rid) as { e: string }).e).toBe(iso(shift(60)));

    await page.getByRole('tab', { name: 'Sắp kết thúc' }).click();
    await expect.poll(() => page.getByTestId('ending-soon').textContent()).toContain('Trần Văn An');
    await expect.poll(() => page.getByTestId('ending-soon').textContent()).toContain('60 ngày');
    // With a 30-day horizon it is not "soon" yet.
    await page.getByLabel('Số ngày').fill('30');
    await expect.poll(() => page.getByTestId('ending-soon').textContent()).not.toContain('Trần Văn An');
  });

  it('refuses an invalid date on the cell with its reason and keeps the value', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Danh sách' }).click();
    await waitForRows(page, GRID);
    await cell(page, overdueId, 'plannedEnd', GRID).dblclick();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('31/02/2026');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, overdueId, 'plannedEnd', GRID).getAttribute('class')).toContain('cell-invalid');
    expect((app.db.sqlite.prepare('select planned_end as e from rotations where id = ?').get(overdueId) as { e: string }).e).toBe(iso(shift(-10)));
  });

  it('pastes decision details onto two rows in one transaction and undoes them with Ctrl+Z', async () => {
    const { page } = app;
    const stored = (rid: number) => app.db.sqlite.prepare('select decision_no as n, decision_date as d, decision_body as b from rotations where id = ?').get(rid);
    const an = (app.db.sqlite.prepare('select id from rotations where cadre_id = ?').get(ids['Trần Văn An']) as { id: number }).id;
    // Rows are sorted by planned start, newest first: An's rotation (today), then Bảo's (three years ago).
    await cell(page, an, 'decisionNo', GRID).click();
    await page.evaluate((t) => navigator.clipboard.writeText(t), '1600-QĐ/TU\t05/01/2026\tBan Thường vụ Tỉnh ủy\r\n845-QĐ/TU\t12/10/2023\tBan Thường vụ Tỉnh ủy\r\n');
    await page.keyboard.press('ControlOrMeta+v');
    await expect.poll(() => stored(overdueId)).toEqual({ n: '845-QĐ/TU', d: '2023-10-12', b: 'Ban Thường vụ Tỉnh ủy' });
    expect(stored(an)).toEqual({ n: '1600-QĐ/TU', d: '2026-01-05', b: 'Ban Thường vụ Tỉnh ủy' });
    expect(app.db.sqlite.prepare(`select count(*) as n from change_batches where kind = 'paste'`).get()).toEqual({ n: 1 });
    await expect.poll(() => cell(page, overdueId, 'decisionDate', GRID).textContent()).toBe('12/10/2023');

    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => stored(overdueId)).toEqual({ n: null, d: null, b: null });
    expect(stored(an)).toEqual({ n: '1520-QĐ/TU', d: null, b: null });
  });

  it('refuses a grid edit that breaks the 36-month rule until a reason is typed in its column', async () => {
    const { page } = app;
    const plannedEnd = () => (app.db.sqlite.prepare('select planned_end as e from rotations where id = ?').get(overdueId) as { e: string }).e;
    // Bảo started 37 months ago; ending 13 months ago instead makes it 24 months long.
    const shorter = shift(-1, -13);
    const edit = async (colId: string, text: string) => {
      await cell(page, overdueId, colId, GRID).dblclick();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    };
    await edit('plannedEnd', vn(shorter));
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Lý do vượt quy định' }).isVisible()).toBe(true);
    await expect.poll(() => cell(page, overdueId, 'plannedEnd', GRID).getAttribute('class')).toContain('cell-invalid');
    expect(plannedEnd()).toBe(iso(shift(-10)));

    await edit('overrideReason', 'Kết thúc sớm theo yêu cầu của địa phương');
    await expect.poll(() => cell(page, overdueId, 'overrideReason', GRID).textContent()).toBe('Kết thúc sớm theo yêu cầu của địa phương');
    // (A day earlier: AG Grid does not call the setter when the text typed equals the text shown.)
    const shorter2 = shift(-2, -13);
    await edit('plannedEnd', vn(shorter2));
    await expect.poll(() => plannedEnd()).toBe(iso(shorter2));
    // From 37 months ago to 13 months ago less 2 days (end inclusive): 23 full months.
    await expect.poll(() => cell(page, overdueId, 'warnings', GRID).textContent()).toContain('23 tháng');
    expect(await cell(page, overdueId, 'warnings', GRID).getAttribute('class')).toContain('rot-cell-overridden');
  });

  it('shows a cadre\'s rotation history beside the grid (the section the cadre panel mounts)', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Danh sách' }).click();
    await waitForRows(page, GRID);
    await cell(page, overdueId, 'cadreName', GRID).click();
    await page.getByRole('button', { name: 'Lịch sử luân chuyển của cán bộ' }).click();
    const panel = page.getByRole('complementary', { name: 'Lịch sử luân chuyển của Phạm Quốc Bảo' });
    await expect.poll(() => panel.textContent()).toContain('Luân chuyển đến Phó Chánh Văn phòng, Tỉnh ủy Sóc Trăng');
    expect(await panel.textContent()).toContain('Đang luân chuyển');
    expect(await panel.textContent()).toContain('lý do: Kết thúc sớm theo yêu cầu của địa phương');
    await panel.getByRole('button', { name: 'Đóng lịch sử luân chuyển' }).click();
  });

  it('draws the timeline with today marked; a click on a bar opens the rotation', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Biểu đồ thời gian' }).click();
    const svg = page.getByTestId('rotation-timeline');
    await expect.poll(() => svg.isVisible()).toBe(true);
    expect(await page.getByTestId('timeline-today').count()).toBe(1);
    expect(await svg.locator('.rot-bar[data-status="in_progress"]').count()).toBe(2);
    await svg.locator(`.rot-bar[data-rotation-id="${overdueId}"]`).click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Đợt luân chuyển: Phạm Quốc Bảo' }).isVisible()).toBe(true);
  });
});
