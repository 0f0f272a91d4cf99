import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { startApp, type App } from './harness';
import { seedSmall } from '../helpers/fixtures';
import { SYSTEM_CONTEXT } from '../../db/context';
import { createQualification } from '../../db/services/cadre-history';
import { appHandlers } from '../../db/services/app';

// The quarterly report from the clerk's side: create it for Quý I/2025, edit a narrative section, fill in the
// number and date, issue it, and print it to an A4 PDF whose text is checked with pdftotext.
//
// Indicator 1b by hand: on 31/03/2025 the province-level cadres outside education and health units are the four
// at the Ban Tổ chức (Hồng, An, Ánh, Bảo); only Hồng holds a master's degree (2015) -> 1/4 = 25%.

const SETTINGS: Record<string, unknown> = {
  'report.superiorBody': 'ĐẢNG BỘ TỈNH SÓC TRĂNG',
  'report.issuingBody': 'TỈNH ỦY SÓC TRĂNG',
  'report.place': 'Sóc Trăng',
  'report.docSymbol': 'BC/TU',
  'report.signerCapacity': 'T/M BAN THƯỜNG VỤ',
  'report.signerTitle': 'PHÓ BÍ THƯ THƯỜNG TRỰC',
  'report.signerName': 'Lâm Văn Mẫn',
  'report.recipients': ['- Ban Tổ chức Trung ương,', '- Thường trực Tỉnh ủy,', '- Lưu Văn phòng Tỉnh ủy.'],
};

const OUT = path.resolve(__dirname, '../../.vitest-tmp/reports-e2e');

describe('quarterly report in the browser', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp({
      prepare: (db) => {
        const s = seedSmall(db);
        const hong = s.cadres.find((c) => c.fullName === 'Nguyễn Thị Hồng')!;
        createQualification(db, { cadreId: hong.id, category: 'chuyen_mon', levelKey: 'thac_si', awardDate: '2015-06-01' }, SYSTEM_CONTEXT);
        for (const [key, value] of Object.entries(SETTINGS)) appHandlers['settings.set'](db, { key, value }, SYSTEM_CONTEXT);
        // One rotation under way since 2024 and one started in the quarter: only the second is a row of table 5.
        const rotation = db.sqlite.prepare(
          `insert into rotations (cadre_id, type, from_unit_id, to_unit_id, planned_start, actual_start, status) values (?, 'luan_chuyen', ?, ?, ?, ?, 'in_progress')`,
        );
        const [first, second] = s.cadres;
        rotation.run(first.id, s.board.id, s.commune.id, '2024-06-01', '2024-06-01');
        rotation.run(second.id, s.board.id, s.commune.id, '2025-02-10', '2025-02-10');
      },
    });
    fs.mkdirSync(OUT, { recursive: true });
  });
  afterAll(async () => app?.close());

  it('creates, edits, issues and prints a report', async () => {
    const { page } = app;
    await page.getByRole('navigation').getByRole('link', { name: 'Chỉ tiêu và báo cáo' }).click();
    await page.getByRole('tab', { name: 'Báo cáo quý' }).click();
    const createForm = page.getByRole('form', { name: 'Tạo báo cáo quý' });
    await createForm.getByLabel('Năm').fill('2025');
    await createForm.getByLabel('Quý').selectOption('1');
    // The editor opens on the report as the create call returned it: its figures are not asked for a second time.
    const calls: string[] = [];
    const onRequest = (r: { url(): string }) => {
      const m = /\/api\/([^?]+)/.exec(r.url());
      if (m) calls.push(decodeURIComponent(m[1]));
    };
    page.on('request', onRequest);
    await createForm.getByRole('button', { name: 'Tạo báo cáo' }).click();
    const editor = page.getByTestId('report-editor');
    await expect.poll(() => editor.isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.locator('.report-preview tr[data-code="1b"]').count()).toBe(1);
    page.off('request', onRequest);
    expect(calls.filter((c) => c.startsWith('reports.'))).toEqual(['reports.create']);

    // The preview already shows the header from the settings and the figures.
    const preview = page.locator('.report-preview [data-testid="report-document"]');
    await expect.poll(() => preview.locator('.doc-issuer').textContent()).toBe('TỈNH ỦY SÓC TRĂNG');
    await expect.poll(() => preview.locator('tr[data-code="1b"] td').nth(4).textContent()).toBe('25%1/4');

    // Table 5 lists the quarter's changes; the rotation still under way from 2024 is counted, not listed again.
    const rotationRows = preview.getByTestId('report-rotation-table').locator('tbody tr');
    await expect.poll(() => rotationRows.count()).toBe(1);
    expect(await rotationRows.first().locator('td').nth(5).textContent()).toBe('Bắt đầu trong quý, Đang luân chuyển');
    expect(await preview.getByTestId('report-rotation-ongoing-note').textContent()).toMatch(/^1 cán bộ luân chuyển, điều động từ các quý trước/);

    // A number of the structure table opens the people behind it: the three women of seedSmall.
    await preview.locator('.doc-structure').first().locator('tr', { hasText: 'Nữ' }).locator('button.doc-cell-link').first().click();
    const members = page.getByRole('dialog', { name: /^Nữ — Tổng số/ });
    await expect.poll(() => members.locator('tbody tr').count()).toBe(3);
    expect(await members.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(['Lê Minh Ánh', 'Nguyễn Thị Hồng', 'Thạch Thị Sa Rinh']);
    await members.locator('footer button', { hasText: 'Đóng' }).click();

    // Issuing without a number and a date is refused, with the reason next to the field; nothing is lost.
    await editor.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await page.getByRole('dialog', { name: 'Ban hành báo cáo' }).getByRole('button', { name: 'Ban hành' }).click();
    await expect.poll(() => editor.getByRole('alert').filter({ hasText: 'Cần nhập số văn bản trước khi ban hành.' }).isVisible()).toBe(true);
    expect(await editor.locator('.report-status').textContent()).toBe('Dự thảo');

    // Edit a narrative section, fill in the number and the date, save.
    const limitation = 'Một số cơ quan còn chậm cập nhật văn bằng, chứng chỉ của cán bộ vào hệ thống.';
    await page.getByLabel('Hạn chế').fill(limitation);
    await page.getByLabel('Số', { exact: true }).fill('12');
    await page.getByLabel('Ngày ban hành').fill('31/03/2025');
    await editor.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.poll(() => page.getByText('Đã lưu báo cáo.').isVisible()).toBe(true);
    const saved = app.db.sqlite.prepare('select narrative_limitations as l, doc_number as n, issue_date as d, status from reports').get() as Record<string, string>;
    expect(saved).toEqual({ l: limitation, n: '12', d: '2025-03-31', status: 'draft' });

    // Issue it (with confirmation).
    await editor.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await page.getByRole('dialog', { name: 'Ban hành báo cáo' }).getByRole('button', { name: 'Ban hành' }).click();
    await expect.poll(() => editor.locator('.report-status').textContent()).toBe('Đã ban hành');
    await expect.poll(() => page.getByLabel('Hạn chế').isDisabled()).toBe(true);
    const issued = app.db.sqlite.prepare('select status, snapshot from reports').get() as { status: string; snapshot: string };
    expect(issued.status).toBe('issued');
    expect(JSON.parse(issued.snapshot).narrative.limitations).toBe(limitation);

    // Print view to an A4 PDF, as "Lưu PDF" does in Electron (printToPDF with the CSS page size).
    const pdfFile = path.join(OUT, 'bao-cao.pdf');
    await page.pdf({ path: pdfFile, format: 'A4', preferCSSPageSize: true, printBackground: true });
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('TỈNH ỦY SÓC TRĂNG');
    expect(text).toContain('ĐẢNG BỘ TỈNH SÓC TRĂNG');
    expect(text).toContain('Số 12-BC/TU');
    expect(text).toContain('Sóc Trăng, ngày 31 tháng 3 năm 2025');
    expect(text).toMatch(/1b\s.*25%/);
    expect(text).toContain('1/4');
    expect(text).toContain(limitation.slice(0, 40));
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('Lâm Văn Mẫn');
    // Only the document is printed: none of the app's chrome.
    expect(text).not.toContain('Danh sách báo cáo');
    expect(text).not.toContain('Quản lý cán bộ');

    // A4 portrait pages; page numbers from page 2 only.
    const info = execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(1);
    const pageText = (n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(pageText(2).trim().split('\n')[0].trim()).toBe('2');
    expect(pageText(1).trim().split('\n')[0]).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    // Tables continue across pages with their header row repeated.
    const withHeader = Array.from({ length: pages }, (_, i) => pageText(i + 1)).filter((t) => /STT\s+Chỉ tiêu/.test(t)).length;
    expect(withHeader).toBeGreaterThanOrEqual(2);

    // A look at page 1 (for the person checking the layout).
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', pdfFile, path.join(OUT, 'page')]);
    await page.screenshot({ path: path.join(OUT, 'editor.png') });
  });

  it('keeps the issued report as it was after the records change', async () => {
    const { page } = app;
    // A new master's degree after issuing would lift 1b to 50% if the report were recomputed.
    const an = app.db.sqlite.prepare(`select id from cadres where full_name = 'Trần Văn An'`).get() as { id: number };
    createQualification(app.db, { cadreId: an.id, category: 'chuyen_mon', levelKey: 'thac_si', awardDate: '2020-01-01' }, SYSTEM_CONTEXT);
    await page.getByRole('button', { name: '← Danh sách báo cáo' }).click();
    await page.getByRole('table', { name: 'Danh sách báo cáo quý' }).getByRole('button', { name: 'Quý I năm 2025' }).click();
    const preview = page.locator('.report-preview [data-testid="report-document"]');
    await expect.poll(() => preview.locator('tr[data-code="1b"] td').nth(4).textContent()).toBe('25%1/4');
    // Its Excel file carries the frozen figure too.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
    expect(download.suggestedFilename()).toBe('bao-cao-quy-1-2025-ban-hanh.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const sheet = wb.getWorksheet('Chỉ tiêu')!;
    let b1: unknown[] = [];
    sheet.eachRow((r) => {
      if (r.getCell(1).value === '1b') b1 = [r.getCell(6).value, r.getCell(7).value, r.getCell(8).value];
    });
    expect(b1).toEqual([25, 1, 4]);
    // A new draft from it recomputes: 2/4.
    await page.getByRole('button', { name: 'Tạo bản nháp mới từ báo cáo này' }).click();
    await expect.poll(() => page.getByTestId('report-editor').locator('.report-status').textContent()).toBe('Dự thảo');
    await expect.poll(() => preview.locator('tr[data-code="1b"] td').nth(4).textContent()).toBe('50%2/4');
  });

  it('never loses typed text when leaving the editor', async () => {
    const { page } = app;
    const draftId = (app.db.sqlite.prepare(`select id from reports where status = 'draft' order by id desc`).get() as { id: number }).id;
    const tasks = () => (app.db.sqlite.prepare('select narrative_next_tasks as t from reports where id = ?').get(draftId) as { t: string }).t;
    await page.getByLabel('Nhiệm vụ quý tới').fill('Hoàn thành nhập văn bằng trước 15/7.');
    await page.getByRole('button', { name: '← Danh sách báo cáo' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thay đổi chưa lưu' });
    await dialog.getByRole('button', { name: 'Lưu rồi quay lại' }).click();
    await expect.poll(() => page.getByTestId('reports-list').isVisible()).toBe(true);
    expect(tasks()).toBe('Hoàn thành nhập văn bằng trước 15/7.');

    // Switching to another tab of the screen saves the draft on the way out.
    await page.locator(`tr[data-report-id="${draftId}"]`).click();
    await page.getByLabel('Nhiệm vụ quý tới').fill('Rà soát quy hoạch cán bộ nữ.');
    await page.getByRole('tab', { name: 'Bảng chỉ tiêu' }).click();
    await expect.poll(tasks).toBe('Rà soát quy hoạch cán bộ nữ.');
  });

  it('comes back to the tab last used after a visit to another area', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Báo cáo quý' }).click();
    await expect.poll(() => page.getByTestId('reports-list').isVisible()).toBe(true);
    await page.getByRole('navigation').getByRole('link', { name: 'Cán bộ' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Chỉ tiêu và báo cáo' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Báo cáo quý' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('reports-list').isVisible()).toBe(true);
    // A new window starts on the dashboard.
    const other = await app.newTab();
    await other.getByRole('navigation').getByRole('link', { name: 'Chỉ tiêu và báo cáo' }).click();
    await expect.poll(() => other.getByRole('tab', { name: 'Bảng chỉ tiêu' }).getAttribute('aria-selected')).toBe('true');
    await other.close();
  });

  it('moving on from the dashboard to the report tab leaves no dashboard computation queued behind', async () => {
    // A new window lands on the dashboard, which asks for its date and then the quarter before. The answers are held
    // back until the clerk has moved to the report tab: the quarter before is then no longer asked for (the host
    // computes one request at a time, and the report the clerk creates next would wait behind it).
    const other = await app.newTab();
    const asked: string[] = [];
    let answered = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await other.route('**/api/indicators.compute', async (route) => {
      asked.push((JSON.parse(route.request().postData() ?? '{}') as { onDate?: string }).onDate ?? '?');
      const answer = await route.fetch();
      await held;
      await route.fulfill({ response: answer });
      answered += 1;
    });
    await other.getByRole('navigation').getByRole('link', { name: 'Chỉ tiêu và báo cáo' }).click();
    await expect.poll(() => asked.length).toBeGreaterThan(0);
    const shown = asked[0];
    await other.getByRole('tab', { name: 'Báo cáo quý' }).click();
    await expect.poll(() => other.getByTestId('reports-list').isVisible()).toBe(true);
    release();
    await expect.poll(() => answered).toBe(asked.length);
    // The answers have reached the page; a request they would start goes out within a few tasks.
    await other.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    expect(new Set(asked)).toEqual(new Set([shown]));

    // Staying on the dashboard, the quarter before is asked for too (after the date shown) and the table appears.
    await other.getByRole('tab', { name: 'Bảng chỉ tiêu' }).click();
    await expect.poll(() => new Set(asked).size).toBe(2);
    expect(asked.find((d) => d !== shown)! < shown).toBe(true);
    await expect.poll(() => other.locator('.ag-row[row-id]').count()).toBeGreaterThan(0);
    await other.unroute('**/api/indicators.compute');
    await other.close();
  });
});
