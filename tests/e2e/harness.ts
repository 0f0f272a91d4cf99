import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../build/web-host';
import type { AppDb } from '../../db/open';
import type { CallContext } from '../../db/context';
import { MIGRATIONS } from '../helpers/db';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface App {
  host: WebHost;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  db: AppDb;
  /** Opens another tab on the same app (same token), e.g. to test concurrent edits. */
  newTab(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts the web host on a fresh database file (prepared by `prepare` before the browser opens) and a headless
 * Chromium with a fresh profile, and opens the app.
 */
export async function startApp(
  opts: {
    prepare?: (db: AppDb) => void | Promise<void>;
    hash?: string;
    viewport?: { width: number; height: number };
    /** Already signed in as this user (the default); null: the app asks to sign in (or to create the first administrator). */
    context?: CallContext | null;
  } = {},
): Promise<App> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qlcb-e2e-'));
  const host = await startWebHost({ dbFile: path.join(tmp, 'test.sqlite'), staticDir: inject('webDir'), migrationsFolder: MIGRATIONS, quiet: true, context: opts.context === null ? undefined : (opts.context ?? { actor: 'kiểm thử', role: 'admin' }) });
  await opts.prepare?.(host.db);
  // Playwright gives every launch a fresh, empty profile of its own.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1600, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
  const open = async () => {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('[page error]', e.message));
    await page.goto(`${host.launchUrl}${opts.hash ? `&${opts.hash}` : ''}`);
    return page;
  };
  const page = await open();
  return {
    host,
    browser,
    context,
    page,
    db: host.db,
    newTab: open,
    async close() {
      await browser.close().catch(() => {});
      await host.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until the AG Grid inside `scope` shows at least one row, and, for the cadre grid, until its whole list has
 * arrived (it opens on its first rows, marked data-partial, while the rest is on its way).
 */
export async function waitForRows(page: Page, scope = '[data-testid="cadre-grid"]') {
  await page.waitForSelector(`${scope}:not([data-partial]) .ag-row[row-id]`, { timeout: 30_000 });
}

/**
 * Scrolls a grid sideways until the column is in view, as a clerk does with the scroll bar. The cadre grid draws only
 * the columns in view (column virtualisation, which its first paint at 50,000 rows needs), so a cell of a column off
 * to the right is not in the page until then: every test that reads or clicks such a cell calls this first
 * (editCell and columnTexts do it themselves). Fails if the grid has no such column.
 */
export async function showColumn(page: Page, colId: string, scope = '[data-testid="cadre-grid"]'): Promise<void> {
  const outcome = await page.evaluate(
    async ([scopeSel, col]) => {
      const root = document.querySelector(scopeSel);
      const viewport = root?.querySelector<HTMLElement>('.ag-grid-viewport');
      if (!root || !viewport) return 'no grid';
      const frames = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
      const header = () => root.querySelector<HTMLElement>(`.ag-header-cell[col-id="${CSS.escape(col)}"]`);
      /** The part of the viewport the scrolling columns show (right of the pinned ones). */
      const visible = () => {
        const v = viewport.getBoundingClientRect();
        const pinned = root.querySelector('.ag-header .ag-grid-pinned-left-cells');
        return { left: pinned ? Math.max(v.left, pinned.getBoundingClientRect().right) : v.left, right: v.left + viewport.clientWidth };
      };
      const inView = (el: HTMLElement) => {
        if (el.closest('.ag-grid-pinned-left-cells, .ag-grid-pinned-right-cells')) return true;
        const r = el.getBoundingClientRect();
        const s = visible();
        return r.left >= s.left - 1 && r.right <= s.right + 1;
      };
      // Not drawn: sweep from the left edge, a part of a screen at a time, until the grid draws its header.
      if (!header()) {
        const step = Math.max(100, (visible().right - visible().left) * 0.8);
        viewport.scrollLeft = 0;
        await frames();
        while (!header() && viewport.scrollLeft + viewport.clientWidth < viewport.scrollWidth - 1) {
          viewport.scrollLeft += step;
          await frames();
        }
      }
      const h = header();
      if (!h) return 'no column';
      if (!inView(h)) {
        const r = h.getBoundingClientRect();
        const s = visible();
        viewport.scrollLeft += r.left < s.left || r.width > s.right - s.left ? r.left - s.left : r.right - s.right;
        await frames();
      }
      return 'ok';
    },
    [scope, colId] as const,
  );
  if (outcome !== 'ok') throw new Error(`showColumn(${colId}) in ${scope}: ${outcome}`);
}

/** Texts of one column in displayed order (AG Grid 36 puts pinned and centre cells in one row element). */
export async function columnTexts(page: Page, colId: string, scope = '[data-testid="cadre-grid"]'): Promise<string[]> {
  await showColumn(page, colId, scope);
  return page.evaluate(
    ([scopeSel, col]) =>
      [...document.querySelectorAll(`${scopeSel} .ag-row[row-index]`)]
        .sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index')))
        .map((r) => r.querySelector(`.ag-cell[col-id="${col}"]`)?.textContent ?? ''),
    [scope, colId] as const,
  );
}

/** Number of rows the grid displays (after filters), as the status bar reports it. */
export async function displayedRowCount(page: Page, scope = '[data-testid="cadre-grid"]'): Promise<number> {
  return page.locator(`${scope} .ag-row[row-index]`).count();
}

/** The text of a cell, found by the row's id and the column id (a column off screen: showColumn first). */
export function cell(page: Page, rowId: number | string, colId: string, scope = '[data-testid="cadre-grid"]') {
  return page.locator(`${scope} .ag-row[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`).first();
}

/** The text of a cell, its column scrolled into view first (for expect.poll: the view may have moved since). */
export async function cellText(page: Page, rowId: number | string, colId: string, scope = '[data-testid="cadre-grid"]'): Promise<string | null> {
  await showColumn(page, colId, scope);
  return cell(page, rowId, colId, scope).textContent();
}

/**
 * Types a value into a cell as a clerk does: select the cell, Enter to edit, type, Enter to commit.
 * Waits for the editor before typing so a slow machine cannot split the text between grid and editor.
 */
export async function editCell(page: Page, rowId: number | string, colId: string, text: string, scope = '[data-testid="cadre-grid"]') {
  await showColumn(page, colId, scope);
  const target = cell(page, rowId, colId, scope);
  await target.click();
  await target.press('Enter');
  const input = target.locator('input, textarea, select').first();
  await input.waitFor({ state: 'visible' });
  if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption({ label: text });
  else await input.fill(text);
  await input.press('Enter');
}
