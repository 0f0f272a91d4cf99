import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cell, displayedRowCount, startApp, waitForRows, type App } from './harness';
import { seedSmall } from '../helpers/fixtures';
import { SYSTEM_CONTEXT } from '../../db/context';
import { createUnit } from '../../db/services/units';
import { createCadre } from '../../db/services/cadres';
import { CadreFieldsSchema } from '../../shared/api/cadres';

// The training workflow in the browser: a plan and a course made in the grids, ten cadres picked with a
// filter and enrolled (one age warning acknowledged), three completed; their highest professional level in
// the cadre grid and the "who needs training" list follow.

const PLAN = '[data-testid="plan-grid"]';
const COURSE = '[data-testid="course-grid"]';
const ENROL = '[data-testid="enrolment-grid"]';

// Ten civil servants of Sở Nội vụ; the last is 51 on the course start (01/10/2023), over the first-postgraduate age limit 40.
const HOME_AFFAIRS = [
  ['Võ Thanh Tâm', '1988-01-10'], ['Đặng Thị Mai', '1990-05-02'], ['Huỳnh Văn Phúc', '1987-11-23'], ['Trương Ngọc Hân', '1992-03-08'],
  ['Lý Minh Khang', '1989-07-19'], ['Đỗ Thị Thu Trang', '1991-09-30'], ['Ngô Quang Vinh', '1986-12-12'], ['Tô Thị Kim Ngân', '1993-02-14'],
  ['Dương Văn Lộc', '1985-06-06'], ['Châu Văn Sơn', '1972-04-01'],
] as const;

const stored = (app: App, sql: string, ...params: unknown[]) => app.db.sqlite.prepare(sql).all(...params) as any[];

async function paste(page: Page, text: string) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('ControlOrMeta+v');
}

async function gapCount(page: Page): Promise<number> {
  const text = await page.getByTestId('gap-count-1b').textContent();
  return Number(text);
}

describe('training plans in the browser', () => {
  let app: App;
  const homeAffairs: number[] = [];
  beforeAll(async () => {
    app = await startApp({
      prepare: (db) => {
        const s = seedSmall(db);
        const unit = createUnit(db, { name: 'Sở Nội vụ', kind: 'chinh_quyen', level: 'tinh', parentId: null, validFrom: '2000-01-01', ethnicContact: false }, SYSTEM_CONTEXT);
        for (const [fullName, birthDate] of HOME_AFFAIRS) {
          const c = createCadre(db, { fields: CadreFieldsSchema.parse({ fullName, sex: 'nam', birthDate, ethnicity: 'kinh', category: 'cong_chuc' }), flags: [], assignment: { unitId: unit.id, fromDate: '2015-01-01', postTitle: 'Chuyên viên' } }, SYSTEM_CONTEXT);
          homeAffairs.push(c.id);
        }
        void s;
      },
    });
    await waitForRows(app.page);
    await app.page.evaluate(() => (window.location.hash = '#/dao-tao'));
  });
  afterAll(async () => app?.close());

  it('creates a plan and a course in the grids', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '+ Thêm kế hoạch' }).click();
    await expect.poll(() => stored(app, 'select id from training_plans').length).toBe(1);
    await expect.poll(() => page.locator(`${PLAN} .ag-cell-inline-editing`).count()).toBe(1);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Kế hoạch đào tạo sau đại học 2023-2025');
    await page.keyboard.press('Enter');
    await expect.poll(() => stored(app, 'select name from training_plans')[0].name).toBe('Kế hoạch đào tạo sau đại học 2023-2025');

    await page.getByRole('button', { name: '+ Thêm khoá học' }).click();
    await expect.poll(() => stored(app, 'select id from training_courses').length).toBe(1);
    const courseId = stored(app, 'select id from training_courses')[0].id;
    await expect.poll(() => page.locator(`${COURSE} .ag-cell-inline-editing`).count()).toBe(1);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Thạc sĩ Quản lý công khoá 2023');
    await page.keyboard.press('Enter');
    await expect.poll(() => stored(app, 'select name from training_courses')[0].name).toBe('Thạc sĩ Quản lý công khoá 2023');

    // One row pasted from Excel: kind, qualification, institution, location, mode, dates, seats.
    await cell(page, courseId, 'kind', COURSE).click();
    await paste(page, 'Thạc sĩ\tChuyên môn: Thạc sĩ\tHọc viện Hành chính Quốc gia\tTrong tỉnh\tVừa làm vừa học\t01/10/2023\t31/03/2025\t12\r\n');
    await expect.poll(() => stored(app, 'select end_date as e from training_courses')[0].e).toBe('2025-03-31');
    // A bad date is refused with its reason and nothing is lost.
    await cell(page, courseId, 'endDate', COURSE).dblclick();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('31/02/2025');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, courseId, 'endDate', COURSE).getAttribute('class')).toContain('cell-invalid');
    expect(stored(app, 'select end_date as e from training_courses')[0].e).toBe('2025-03-31');
    await cell(page, courseId, 'endDate', COURSE).dblclick();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('31/03/2025');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, courseId, 'endDate', COURSE).getAttribute('class')).not.toContain('cell-invalid');

    await cell(page, courseId, 'budgetVnd', COURSE).click();
    await paste(page, '600.000.000');
    await cell(page, courseId, 'fundingSource', COURSE).click();
    await paste(page, 'Ngân sách tỉnh');
    await expect.poll(() => stored(app, 'select budget_vnd as b, funding_source as f from training_courses')[0]).toEqual({ b: 600_000_000, f: 'provincial' });
    const c = stored(app, 'select kind, qual_category as qc, qual_level_key as ql, institution, location, mode, start_date as s, planned_seats as seats from training_courses')[0];
    expect(c).toEqual({ kind: 'thac_si', qc: 'chuyen_mon', ql: 'thac_si', institution: 'Học viện Hành chính Quốc gia', location: 'in_province', mode: 'in_service', s: '2023-10-01', seats: 12 });
  });

  it('enrols ten cadres picked with a unit filter, acknowledging the age warning', async () => {
    const { page } = app;
    // The gap list before: 4 people of Ban Tổ chức + 10 of Sở Nội vụ, none postgraduate.
    await page.getByRole('tab', { name: 'Cần đào tạo để đạt chỉ tiêu' }).click();
    await expect.poll(() => gapCount(page)).toBe(14);
    await page.getByRole('tab', { name: 'Kế hoạch, khoá học, học viên' }).click();

    await page.getByRole('button', { name: 'Ghi danh…' }).click();
    await waitForRows(page, '[data-testid="enrol-picker"]');
    await page.getByLabel('Lọc ghi danh theo đơn vị').selectOption({ label: 'Sở Nội vụ' });
    await expect.poll(() => displayedRowCount(page, '[data-testid="enrol-picker"]')).toBe(10);
    await page.locator('[data-testid="enrol-picker"] .ag-header-cell[col-id="ag-Grid-SelectionColumn"] input').click();
    await page.getByRole('button', { name: 'Tiếp tục (10 người)' }).click();
    const confirm = page.getByTestId('enrol-confirm');
    await expect.poll(() => confirm.getByText('Châu Văn Sơn: 51 tuổi').isVisible()).toBe(true);
    const submit = page.getByRole('button', { name: 'Ghi danh 10 người' });
    expect(await submit.isDisabled()).toBe(true);
    await confirm.getByText('Tôi đã xem các cảnh báo').click();
    await submit.click();
    await expect.poll(() => stored(app, 'select cadre_id as id from training_enrolments order by cadre_id').map((r) => r.id)).toEqual([...homeAffairs].sort((a, b) => a - b));
    await waitForRows(page, ENROL);
    await expect.poll(() => displayedRowCount(page, ENROL)).toBe(10);
    const ack = stored(app, 'select acknowledged_warnings as w from training_enrolments where cadre_id = ?', homeAffairs[9])[0].w;
    expect(ack).toContain('quá 40 tuổi');
  });

  it('completes three; their qualifications and the target gap list follow', async () => {
    const { page } = app;
    const enrolments = stored(app, 'select id, cadre_id as cadreId from training_enrolments order by cadre_id');
    const three = enrolments.slice(0, 3);
    for (const e of three) await page.locator(`${ENROL} .ag-row[row-id="${e.id}"] input[type="checkbox"]`).first().check();
    await page.getByLabel('Trạng thái mới cho học viên đã chọn').selectOption({ label: 'Hoàn thành' });
    await page.getByRole('button', { name: 'Chuyển 3 người đã chọn' }).click();
    await expect.poll(() => stored(app, `select count(*) as n from training_enrolments where status = 'completed'`)[0].n).toBe(3);
    // Undo takes the three completions back, qualifications with them; redo (Ctrl+Y) brings them again.
    await page.locator('section[aria-label="Học viên"]').getByRole('button', { name: 'Hoàn tác' }).click();
    await expect.poll(() => stored(app, `select count(*) as n from training_enrolments where status = 'completed'`)[0].n).toBe(0);
    expect(stored(app, `select count(*) as n from qualifications where source = 'training' and deleted_at is null`)[0].n).toBe(0);
    await cell(page, three[0].id, 'result', ENROL).click();
    await page.keyboard.press('ControlOrMeta+y');
    await expect.poll(() => stored(app, `select count(*) as n from training_enrolments where status = 'completed'`)[0].n).toBe(3);
    const quals = stored(app, `select cadre_id as cadreId, level_key as l, award_date as d from qualifications where source = 'training' and deleted_at is null order by cadre_id`);
    expect(quals).toEqual(three.map((e) => ({ cadreId: e.cadreId, l: 'thac_si', d: '2025-03-31' })));
    // Plan vs actual on the course row.
    const courseId = stored(app, 'select id from training_courses')[0].id;
    await expect.poll(() => cell(page, courseId, 'completed', COURSE).textContent()).toBe('3');

    // The training history with the service commitment: 18 months x 2 (Nghị định 101/2017) from 01/04/2025.
    await cell(page, three[0].id, 'cadreName', ENROL).dblclick();
    const history = page.getByRole('dialog').getByLabel('Đào tạo, bồi dưỡng');
    await expect.poll(() => history.getByTestId('cadre-training-table').locator('tbody tr').first().locator('td').allTextContents()).toEqual(
      expect.arrayContaining(['Thạc sĩ Quản lý công khoá 2023', 'Hoàn thành']),
    );
    const commitment = await history.getByTestId('cadre-commitment-table').locator('tbody tr').first().locator('td').allTextContents();
    expect(commitment.slice(0, 4)).toEqual(['Thạc sĩ Quản lý công khoá 2023', '31/03/2028', 'Nghị định 101/2017/NĐ-CP', 'Đang thực hiện cam kết']);
    await page.getByRole('dialog').getByRole('button', { name: 'Đóng' }).click();

    await page.getByRole('tab', { name: 'Cần đào tạo để đạt chỉ tiêu' }).click();
    await expect.poll(() => gapCount(page)).toBe(11);
    await expect.poll(() => page.getByTestId('gap-row-count').textContent()).toBe('11 người chưa đạt');

    await page.evaluate(() => (window.location.hash = '#/can-bo'));
    await waitForRows(page);
    for (const e of three) await expect.poll(() => cell(page, e.cadreId, 'professional').textContent()).toBe('Thạc sĩ');
    expect(await cell(page, enrolments[3].cadreId, 'professional').textContent()).toBe('');
  });
});
