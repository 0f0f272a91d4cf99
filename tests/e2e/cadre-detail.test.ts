import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cell, cellText, showColumn, startApp, waitForRows, type App } from './harness';
import { seedSmall } from '../helpers/fixtures';
import { testApi } from '../helpers/db';

// The cadre detail panel from the cadre list: record form, qualifications, transfer, audit trail.
// Expected values come from the small fixture: Trần Văn An works at "Ban Tổ chức Tỉnh ủy" (under "Tỉnh ủy Sóc
// Trăng") as "Chuyên viên" since 01/01/2015, with no qualification.

const shot = async (app: App, name: string) => {
  if (process.env.QLCB_SHOTS) await app.page.screenshot({ path: `.vitest-tmp/cadre-detail-${name}.png` });
};

describe('cadre detail panel in the browser', () => {
  let app: App;
  let anId: number;
  let communeId: number;
  beforeAll(async () => {
    app = await startApp({
      prepare: (db) => {
        const s = seedSmall(db);
        anId = s.cadres.find((c) => c.fullName === 'Trần Văn An')!.id;
        communeId = s.commune.id;
        db.sqlite.prepare("insert into cadre_flags (cadre_id, flag, from_date) values (?, 'lanh_dao_phong', '2020-01-01')").run(anId);
        // A diploma recorded by the training module when a course was completed.
        db.sqlite
          .prepare("insert into qualifications (cadre_id, category, level_key, award_date, source, source_ref) values (?, 'ly_luan_chinh_tri', 'cao_cap', '2020-12-15', 'training', 1)")
          .run(anId);
      },
    });
    await waitForRows(app.page);
  });
  afterAll(async () => app?.close());

  const panel = () => app.page.getByRole('complementary', { name: 'Hồ sơ chi tiết' });
  const tab = (name: string) => panel().getByRole('tab', { name });
  const row = (id: number) => app.page.locator(`[data-testid="cadre-grid"] .ag-row[row-id="${id}"]`);

  it('opens by double click on a row', async () => {
    await showColumn(app.page, 'unit');
    await cell(app.page, anId, 'unit').dblclick();
    await expect.poll(() => panel().getByRole('heading', { level: 2 }).textContent()).toBe('Trần Văn An');
    await expect.poll(() => panel().getByTestId('detail-subtitle').textContent()).toContain('Tỉnh ủy Sóc Trăng › Ban Tổ chức Tỉnh ủy');
  });

  it('saves the record form, shows a refused field next to it and keeps what was typed', async () => {
    const form = panel().getByRole('form', { name: 'Thông tin chung' });
    await form.getByLabel('Quê quán', { exact: true }).fill('Long Phú, Sóc Trăng');
    await form.getByLabel('Số CCCD', { exact: true }).fill('12345');
    await form.getByRole('button', { name: 'Lưu', exact: true }).click();
    // The service refuses the ID number; its reason shows under that field and nothing typed is lost.
    await expect.poll(() => form.getByText('Số CCCD gồm 12 chữ số (CMND cũ 9 chữ số).', { exact: true }).isVisible()).toBe(true);
    expect(await form.getByLabel('Quê quán', { exact: true }).inputValue()).toBe('Long Phú, Sóc Trăng');
    expect((app.db.sqlite.prepare('select home_town as h from cadres where id = ?').get(anId) as { h: string | null }).h).toBeNull();
    await shot(app, 'refused');

    await form.getByLabel('Số CCCD', { exact: true }).fill('094079000123');
    await form.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.poll(() => cellText(app.page, anId, 'homeTown')).toBe('Long Phú, Sóc Trăng');
    await expect.poll(() => cellText(app.page, anId, 'idNumber')).toBe('094079000123');
    const saved = app.db.sqlite.prepare('select home_town as h, id_number as n from cadres where id = ?').get(anId);
    expect(saved).toEqual({ h: 'Long Phú, Sóc Trăng', n: '094079000123' });
  });

  it('shows a conflict with what changed meanwhile and can overwrite without losing the other change', async () => {
    const form = panel().getByRole('form', { name: 'Thông tin chung' });
    await form.getByLabel('Nơi sinh', { exact: true }).fill('Kế Sách, Sóc Trăng');
    // Someone else saves the address meanwhile.
    const other = testApi(app.db, { actor: 'người khác', role: 'clerk' });
    const { version } = app.db.sqlite.prepare('select version from cadres where id = ?').get(anId) as { version: number };
    await other.call('cadres.update', { id: anId, version, changes: { address: 'Phường 1, TP Sóc Trăng' } });

    await form.getByRole('button', { name: 'Lưu', exact: true }).click();
    const box = form.locator('.conflict-box');
    await expect.poll(() => box.isVisible()).toBe(true);
    const lines = await box.locator('tbody tr').allTextContents();
    expect(lines).toEqual(['Nơi sinh(trống)Kế Sách, Sóc Trăng(trống)', 'Nơi ở hiện nay(trống)(không sửa)Phường 1, TP Sóc Trăng']);
    expect(await form.getByLabel('Nơi sinh', { exact: true }).inputValue()).toBe('Kế Sách, Sóc Trăng');
    await shot(app, 'conflict');

    await box.getByRole('button', { name: 'Ghi đè bằng giá trị của tôi' }).click();
    await expect.poll(() => box.count()).toBe(0);
    await expect.poll(() => form.getByLabel('Nơi ở hiện nay', { exact: true }).inputValue()).toBe('Phường 1, TP Sóc Trăng');
    const saved = app.db.sqlite.prepare('select birth_place as b, address as a from cadres where id = ?').get(anId);
    expect(saved).toEqual({ b: 'Kế Sách, Sóc Trăng', a: 'Phường 1, TP Sóc Trăng' });
  });

  it('reads the record again when coming back from the list, where it was just edited', async () => {
    const { page } = app;
    await showColumn(page, 'homeTown');
    await cell(page, anId, 'homeTown').dblclick();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Mỹ Xuyên, Sóc Trăng');
    // Tab keeps the focus on this person's row (Enter would move to the next person, and the panel with it).
    await page.keyboard.press('Tab');
    await expect.poll(() => app.db.sqlite.prepare('select home_town from cadres where id = ?').pluck().get(anId)).toBe('Mỹ Xuyên, Sóc Trăng');
    const form = panel().getByRole('form', { name: 'Thông tin chung' });
    await form.getByLabel('Ghi chú', { exact: true }).click();
    await expect.poll(() => form.getByLabel('Quê quán', { exact: true }).inputValue()).toBe('Mỹ Xuyên, Sóc Trăng');
    // Saving a change now uses the fresh version: no conflict.
    await form.getByLabel('Ghi chú', { exact: true }).fill('Đã đối chiếu hồ sơ gốc');
    await form.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.poll(() => app.db.sqlite.prepare('select note from cadres where id = ?').pluck().get(anId)).toBe('Đã đối chiếu hồ sơ gốc');
    expect(await form.locator('.conflict-box').count()).toBe(0);
  });

  it('adds a qualification and the list shows the new highest level', async () => {
    await tab('Trình độ').click();
    expect(await cellText(app.page, anId, 'professional')).toBe('');
    await panel().getByRole('button', { name: '+ Thêm văn bằng' }).click();
    const form = panel().getByRole('form', { name: 'Thêm văn bằng, chứng chỉ' });
    await form.getByLabel('Loại *', { exact: true }).selectOption({ label: 'Chuyên môn' });
    await form.getByLabel('Trình độ *', { exact: true }).selectOption({ label: 'Thạc sĩ' });
    await form.getByLabel('Chuyên ngành', { exact: true }).fill('Quản lý công');
    await form.getByLabel('Ngày cấp', { exact: true }).fill('06/2012');
    await form.getByRole('button', { name: 'Thêm văn bằng' }).click();
    await expect.poll(() => cellText(app.page, anId, 'professional')).toBe('Thạc sĩ');
    await expect.poll(() => panel().getByTestId('highest-chuyen_mon').textContent()).toBe('Thạc sĩ – Quản lý công');
    const grid = '[data-testid="qualification-grid"]';
    await expect.poll(() => app.page.locator(`${grid} .ag-row[row-id]`).count()).toBe(2);
    const rowId = String(app.db.sqlite.prepare("select id from qualifications where level_key = 'thac_si'").pluck().get());
    expect(await cell(app.page, rowId!, 'levelKey', grid).textContent()).toBe('Thạc sĩ');
    expect(await cell(app.page, rowId!, 'awardDate', grid).textContent()).toBe('06/2012');
    await shot(app, 'qualifications');
  });

  it('edits a qualification in its grid and refuses a level of another category', async () => {
    const grid = '[data-testid="qualification-grid"]';
    const rowId = String(app.db.sqlite.prepare("select id from qualifications where level_key = 'thac_si'").pluck().get());
    await cell(app.page, rowId, 'institution', grid).dblclick();
    await app.page.keyboard.type('Học viện Hành chính Quốc gia');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => cell(app.page, rowId, 'institution', grid).textContent()).toBe('Học viện Hành chính Quốc gia');
    expect((app.db.sqlite.prepare('select institution as i from qualifications where id = ?').get(Number(rowId)) as { i: string }).i).toBe('Học viện Hành chính Quốc gia');

    // "Cao cấp" is a political-theory level, not a professional one: the cell is marked, nothing saved.
    await cell(app.page, rowId, 'levelKey', grid).click();
    await app.page.evaluate(() => navigator.clipboard.writeText('Cao cấp'));
    await app.page.keyboard.press('ControlOrMeta+v');
    await expect.poll(() => cell(app.page, rowId, 'levelKey', grid).getAttribute('class')).toContain('cell-invalid');
    expect((app.db.sqlite.prepare('select level_key as l from qualifications where id = ?').get(Number(rowId)) as { l: string }).l).toBe('thac_si');
    await app.page.keyboard.press('Escape');
  });

  it('deletes and restores a qualification, and refuses to delete one from training', async () => {
    const { page } = app;
    const grid = '[data-testid="qualification-grid"]';
    const masterId = String(app.db.sqlite.prepare("select id from qualifications where level_key = 'thac_si'").pluck().get());
    const trainingId = String(app.db.sqlite.prepare("select id from qualifications where source = 'training'").pluck().get());
    expect(await cell(page, trainingId, 'source', grid).textContent()).toBe('Từ khoá đào tạo');

    await cell(page, masterId, 'certificateNo', grid).click();
    page.once('dialog', (d) => void d.accept());
    await panel().getByRole('button', { name: 'Xoá văn bằng đang chọn' }).click();
    await expect.poll(() => cellText(page, anId, 'professional')).toBe('');
    await expect.poll(() => page.locator(`${grid} .ag-row[row-id="${masterId}"]`).count()).toBe(0);
    expect(await panel().getByTestId('highest-chuyen_mon').count()).toBe(0);

    await panel().getByLabel('Hiện văn bằng đã xoá (1)').check();
    await expect.poll(() => cell(page, masterId, 'source', grid).textContent()).toBe('Nhập tay · đã xoá');
    await cell(page, masterId, 'certificateNo', grid).click();
    await panel().getByRole('button', { name: 'Khôi phục văn bằng đang chọn' }).click();
    await expect.poll(() => cellText(page, anId, 'professional')).toBe('Thạc sĩ');
    await expect.poll(() => cell(page, masterId, 'source', grid).textContent()).toBe('Nhập tay');

    await cell(page, trainingId, 'certificateNo', grid).click();
    page.once('dialog', (d) => void d.accept());
    await panel().getByRole('button', { name: 'Xoá văn bằng đang chọn' }).click();
    await expect.poll(() => panel().getByRole('alert').filter({ hasText: 'khoá đào tạo' }).first().isVisible()).toBe(true);
    expect(app.db.sqlite.prepare('select deleted_at from qualifications where id = ?').pluck().get(Number(trainingId))).toBeNull();
  });

  it('transfers the cadre and the list shows the new unit', async () => {
    await tab('Quá trình công tác').click();
    await panel().getByRole('button', { name: 'Điều chuyển', exact: true }).click();
    const form = panel().getByRole('form', { name: 'Điều chuyển' });
    await form.getByLabel('Từ ngày *', { exact: true }).fill('01/07/2024');
    await form.getByLabel('Đơn vị mới (đang hoạt động vào ngày trên) *', { exact: true }).selectOption({ label: 'UBND xã Lai Hòa' });
    await form.getByLabel('Chức vụ', { exact: true }).fill('Phó Chủ tịch UBND xã');
    await form.getByRole('button', { name: 'Điều chuyển' }).click();
    await expect.poll(() => cellText(app.page, anId, 'unit')).toBe('UBND xã Lai Hòa');
    await expect.poll(() => cellText(app.page, anId, 'post')).toBe('Phó Chủ tịch UBND xã');
    const table = panel().getByTestId('assignment-table');
    await expect.poll(() => table.locator('tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/^01\/07\/2024nayUBND xã Lai Hòa.*Phó Chủ tịch UBND xã/),
      expect.stringMatching(/^01\/01\/201530\/06\/2024Tỉnh ủy Sóc Trăng › Ban Tổ chức Tỉnh ủy.*Chuyên viên/),
    ]);
    const stored = app.db.sqlite.prepare('select unit_id as u, from_date as f, to_date as t from assignments where cadre_id = ? order by from_date').all(anId);
    expect(stored).toEqual([
      { u: expect.any(Number), f: '2015-01-01', t: '2024-06-30' },
      { u: communeId, f: '2024-07-01', t: null },
    ]);
    await shot(app, 'assignments');
  });

  it('refuses an overlapping period with the reason', async () => {
    const table = panel().getByTestId('assignment-table');
    await table.getByRole('button', { name: 'Sửa quá trình từ 01/01/2015' }).click();
    const form = panel().getByRole('form', { name: 'Sửa quá trình công tác' });
    await form.getByLabel('Đến ngày (để trống nếu đang công tác)', { exact: true }).fill('31/12/2024');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => form.getByRole('alert').filter({ hasText: 'Trùng thời gian' }).first().isVisible()).toBe(true);
    await form.getByRole('button', { name: 'Huỷ' }).click();
    expect((app.db.sqlite.prepare("select to_date as t from assignments where cadre_id = ? and from_date = '2015-01-01'").get(anId) as { t: string }).t).toBe('2024-06-30');
  });

  it('corrects the dates of a role', async () => {
    const { page } = app;
    await showColumn(page, 'flag.lanh_dao_phong');
    expect(await cell(page, anId, 'flag.lanh_dao_phong').locator('input').isChecked()).toBe(true);
    const table = panel().getByTestId('flag-table');
    expect(await table.locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(/^Lãnh đạo cấp phòng và tương đương01\/01\/2020nay/)]);
    await table.getByRole('button', { name: 'Sửa ngày vai trò Lãnh đạo cấp phòng và tương đương' }).click();
    const form = panel().getByRole('form', { name: 'Sửa vai trò Lãnh đạo cấp phòng và tương đương' });
    await form.getByLabel('Đến ngày', { exact: true }).fill('30/06/2024');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => table.locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(/^Lãnh đạo cấp phòng và tương đương01\/01\/202030\/06\/2024/)]);
    // The role ended before today: the list's role column follows.
    await expect
      .poll(async () => {
        await showColumn(page, 'flag.lanh_dao_phong');
        return cell(page, anId, 'flag.lanh_dao_phong').locator('input').isChecked();
      })
      .toBe(false);
    expect(app.db.sqlite.prepare('select to_date from cadre_flags where cadre_id = ?').pluck().get(anId)).toBe('2024-06-30');
  });

  it('lists these changes in the audit trail', async () => {
    await tab('Nhật ký').click();
    const table = panel().getByTestId('audit-table');
    await expect.poll(() => table.isVisible()).toBe(true);
    const lines = (await table.locator('tbody tr').allTextContents()).join('\n');
    expect(lines).toContain('kiểm thửSửa cán bộ: Quê quánLong Phú, Sóc Trăng');
    expect(lines).toContain('kiểm thửSửa cán bộ: Số CCCD094079000123');
    expect(lines).toContain('người khácSửa cán bộ: Nơi ở hiện nayPhường 1, TP Sóc Trăng');
    expect(lines).toContain('kiểm thửSửa cán bộ: Nơi sinhKế Sách, Sóc Trăng');
    expect(lines).toContain('Thêm trình độLoại trình độ: Chuyên môn; Trình độ: Thạc sĩ; Chuyên ngành: Quản lý công; Ngày cấp bằng: 06/2012');
    expect(lines).toContain('Sửa trình độ: Cơ sở đào tạo (Chuyên môn: Thạc sĩ)Học viện Hành chính Quốc gia');
    expect(lines).toContain('Sửa quá trình công tác: Đến ngày (tại Ban Tổ chức Tỉnh ủy, từ 01/01/2015)30/06/2024');
    expect(lines).toContain('Thêm quá trình công tácĐơn vị: UBND xã Lai Hòa; Chức vụ: Phó Chủ tịch UBND xã; Từ ngày: 01/07/2024');
    expect(lines).toContain('Sửa vai trò: Đến ngày (Lãnh đạo cấp phòng và tương đương)30/06/2024');
    expect(lines).toContain('Xoá trình độ');
    expect(lines).toContain('Khôi phục trình độ');
    await shot(app, 'audit');
  });

  it('records a new employment status with its date', async () => {
    const { page } = app;
    const anhId = Number(app.db.sqlite.prepare("select id from cadres where full_name = 'Lê Minh Ánh'").pluck().get());
    await showColumn(page, 'age');
    await cell(page, anhId, 'age').dblclick();
    await expect.poll(() => panel().getByRole('heading', { level: 2 }).textContent()).toBe('Lê Minh Ánh');
    await tab('Thông tin chung').click();
    await panel().getByRole('button', { name: 'Ghi nhận trạng thái mới' }).click();
    const form = panel().getByRole('form', { name: 'Ghi nhận trạng thái mới' });
    await form.getByLabel('Trạng thái mới *', { exact: true }).selectOption({ label: 'Chuyển công tác' });
    await form.getByLabel('Ngày hiệu lực *', { exact: true }).fill('01/10/2025');
    await form.getByLabel('Ghi chú (số quyết định...)', { exact: true }).fill('QĐ 123/QĐ-UBND');
    await form.getByRole('button', { name: 'Ghi nhận trạng thái' }).click();
    await expect.poll(() => panel().getByTestId('current-status').textContent()).toBe('Chuyển công tác');
    // The list shows people at work by default: she leaves it; with "Tất cả" her status shows.
    await expect.poll(() => row(anhId).count()).toBe(0);
    await page.getByLabel('Lọc theo trạng thái').selectOption({ label: 'Tất cả' });
    await expect.poll(() => cellText(page, anhId, 'status')).toBe('Chuyển công tác');
    const events = app.db.sqlite.prepare('select status, effective_date as d, note from cadre_status_events where cadre_id = ?').all(anhId);
    expect(events).toEqual([{ status: 'chuyen_cong_tac', d: '2025-10-01', note: 'QĐ 123/QĐ-UBND' }]);
  });

  it('shows a deleted cadre read-only with a notice', async () => {
    const { page } = app;
    await panel().getByRole('button', { name: 'Đóng hồ sơ chi tiết' }).click();
    // The tick-box column is the grid's first (AG Grid's own selection column), off screen after the status column.
    await showColumn(page, 'ag-Grid-SelectionColumn');
    await page.locator(`[data-testid="cadre-grid"] .ag-row[row-id="${anId}"] .ag-selection-checkbox input`).first().check();
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('toolbar', { name: 'Thao tác với danh sách cán bộ' }).getByRole('button', { name: 'Xoá', exact: true }).click();
    await expect.poll(() => row(anId).count()).toBe(0);
    await page.getByLabel('Hiện hồ sơ đã xoá').check();
    await expect.poll(() => row(anId).count()).toBe(1);
    await showColumn(page, 'age');
    await cell(page, anId, 'age').dblclick();
    await expect.poll(() => panel().getByText('Hồ sơ này đã bị xoá').isVisible()).toBe(true);
    await tab('Thông tin chung').click();
    expect(await panel().getByLabel('Quê quán', { exact: true }).isDisabled()).toBe(true);
    expect(await panel().getByRole('button', { name: 'Lưu', exact: true }).count()).toBe(0);
    await tab('Quá trình công tác').click();
    expect(await panel().getByRole('button', { name: 'Điều chuyển' }).count()).toBe(0);
    // Its history is still there to read.
    await expect.poll(() => panel().getByTestId('assignment-table').locator('tbody tr').count()).toBe(2);
    await shot(app, 'deleted');
  });
});
