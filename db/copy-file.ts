// Copies a file in a worker thread, as a stream of 1 MiB reads and writes opened with every sharing flag (libuv's
// default, also on Windows, where CopyFile refuses a file SQLite has open for writing). In this thread the copy
// moves one chunk per turn of the event loop; during an import's commit, which lets the loop turn only between
// slices of its writes, copying a 300 MB database that way took seconds longer than the writes themselves. When no
// worker can be started, the copy runs in this thread.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';

const CHUNK = 1 << 20;

/** The worker's whole program: plain JavaScript, so it runs from a packaged app and from the sources alike. */
const COPY_PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { pipeline } = require('node:stream/promises');
pipeline(fs.createReadStream(workerData.from, { highWaterMark: workerData.chunk }), fs.createWriteStream(workerData.to)).then(
  () => parentPort.postMessage({ ok: true }),
  (e) => parentPort.postMessage({ ok: false, message: String((e && e.message) || e), code: e && e.code }),
);
`;

const copyHere = (from: string, to: string) => pipeline(fs.createReadStream(from, { highWaterMark: CHUNK }), fs.createWriteStream(to));

/** Set by tests: copy in this thread, as when no worker can be started. */
export const fileCopying = { inThreadOnly: false };

/** Copies `from` to `to` (created or replaced); the error of a failed copy carries the file system's code. */
export async function copyFileOffThread(from: string, to: string): Promise<void> {
  if (fileCopying.inThreadOnly) return copyHere(from, to);
  let worker: Worker;
  try {
    worker = new Worker(COPY_PROGRAM, { eval: true, workerData: { from, to, chunk: CHUNK } });
  } catch {
    return copyHere(from, to);
  }
  const outcome = await new Promise<{ ok: true } | { ok: false; message: string; code?: string } | 'no-worker'>((resolve) => {
    worker.once('message', resolve);
    // The worker itself failed (could not start, ran out of memory): not the copy's answer.
    worker.once('error', () => resolve('no-worker'));
    worker.once('exit', () => resolve('no-worker'));
  });
  void worker.terminate();
  if (outcome === 'no-worker') return copyHere(from, to);
  if (!outcome.ok) throw Object.assign(new Error(outcome.message), { code: outcome.code });
}
