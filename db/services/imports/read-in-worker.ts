// Reads an .xlsx file in a worker thread (xlsx-worker.ts), handing its rows over as they are read: the main thread
// stays free to answer calls and to check the first rows while the last are still being parsed (on a 2-core office
// PC the two go side by side). When no worker can be started (the worker file is missing from a build, or the
// platform refuses), the file is read in this thread instead: slower, same rows.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { fail } from '../../../shared/api/envelope';
import type { RawRow } from './parse';
import { readXlsx, unreadableXlsx, type ReadHooks, type SheetData } from './xlsx-read';

export interface ReadRequest {
  bytes: Uint8Array;
  fileName: string;
}

export type WorkerMessage =
  | { kind: 'rows'; sheet: number; name: string; rows: RawRow[] }
  | { kind: 'progress'; fraction: number; rowsRead: number }
  | { kind: 'done'; sheets: string[] }
  /** `expected`: the reader's own message for the clerk (a damaged file), else an internal error's text. */
  | { kind: 'failed'; message: string; expected: boolean };

/**
 * `disabled`: read in this thread as if no worker could be started (tests check the fallback with it);
 * `lastInWorker`: whether the last file was read by a worker (tests check that one was).
 */
export const xlsxReading = { disabled: false, lastInWorker: false };

/** The worker's script: the built one beside the bundled main process, else the source (run through tsx). */
function workerScript(): string | null {
  for (const name of ['xlsx-worker.js', 'xlsx-worker.ts']) {
    const file = path.join(__dirname, name);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

/**
 * The source worker (tests, the web host) is TypeScript: it is loaded with tsx's CommonJS hook alone. The flags a
 * process started by tsx would pass on (its ESM loader through --import) make Node load the worker's entry as an
 * ES module, and that loader does not take effect in a worker thread on Node 20: ".ts" would be refused.
 */
function execArgvFor(script: string): string[] | undefined {
  return script.endsWith('.ts') ? ['--require', require.resolve('tsx/cjs')] : undefined;
}

/**
 * Starting a worker costs about a third of a second (a new V8 isolate loading exceljs): one finished worker waits
 * for the next file a while, then goes, so its memory is not held for the whole session.
 */
const IDLE_MS = 5 * 60_000;
let idle: { worker: Worker; timer: NodeJS.Timeout; onGone: () => void } | null = null;

function takeWorker(script: string): Worker {
  if (!idle) return new Worker(script, { execArgv: execArgvFor(script) });
  const { worker, timer, onGone } = idle;
  idle = null;
  clearTimeout(timer);
  worker.off('error', onGone).off('exit', onGone);
  worker.ref();
  return worker;
}

/** Keeps a worker that finished its file for the next one (one at most; not keeping the process alive). */
function keepWorker(worker: Worker): void {
  if (idle) {
    void worker.terminate();
    return;
  }
  const onGone = () => {
    if (idle?.worker !== worker) return;
    clearTimeout(idle.timer);
    idle = null;
  };
  const timer = setTimeout(() => {
    onGone();
    void worker.terminate();
  }, IDLE_MS);
  timer.unref();
  worker.unref();
  worker.on('error', onGone).on('exit', onGone);
  idle = { worker, timer, onGone };
}

export async function readXlsxInWorker(bytes: Buffer, fileName: string, hooks: ReadHooks): Promise<SheetData[]> {
  xlsxReading.lastInWorker = false;
  const script = xlsxReading.disabled ? null : workerScript();
  if (!script) return readXlsx(bytes, fileName, hooks);
  let delivered = false;
  try {
    return await new Promise<SheetData[]>((resolve, reject) => {
      const sheets: SheetData[] = [];
      let settled = false;
      const worker = takeWorker(script);
      /** A worker that finished its file is kept for the next; one stopped half way (cancel, failure) is not. */
      const settle = (f: () => void, reusable = false) => {
        if (settled) return;
        settled = true;
        // Only this read's own listeners go: removing all of a Worker's listeners stops its messages for good.
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (reusable) keepWorker(worker);
        else void worker.terminate();
        f();
      };
      const onMessage = (m: WorkerMessage) => {
        if (settled) return;
        try {
          hooks.checkCancelled?.();
          if (m.kind === 'rows') {
            delivered = true;
            const sheet = (sheets[m.sheet] ??= { name: m.name, rows: [] });
            for (const r of m.rows) sheet.rows.push(r);
            hooks.onRows?.(m.sheet, m.name, m.rows);
          } else if (m.kind === 'progress') hooks.onProgress?.(m.fraction, m.rowsRead);
          else if (m.kind === 'done') {
            hooks.onProgress?.(1, sheets.reduce((n, s) => n + (s?.rows.length ?? 0), 0));
            xlsxReading.lastInWorker = true;
            settle(() => resolve(m.sheets.map((name, i) => sheets[i] ?? { name, rows: [] })), true);
          } else settle(() => reject(m.expected ? fail.validation(m.message) : new WorkerFailure(m.message)), true);
        } catch (e) {
          settle(() => reject(e));
        }
      };
      const onError = (e: Error) => settle(() => reject(new WorkerFailure(e.message)));
      const onExit = (code: number) => settle(() => reject(new WorkerFailure(`the reading thread stopped (code ${code})`)));
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage({ bytes, fileName } satisfies ReadRequest);
    });
  } catch (e) {
    if (!(e instanceof WorkerFailure)) throw e;
    // Rows already handed on cannot be taken back: the file is refused as unreadable, as in this thread.
    if (delivered) throw unreadableXlsx(fileName);
    return readXlsx(bytes, fileName, hooks);
  }
}

/** The worker could not start or stopped; not the file's fault. */
class WorkerFailure extends Error {}
