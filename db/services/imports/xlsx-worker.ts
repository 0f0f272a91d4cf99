// The worker thread that reads .xlsx files (see read-in-worker.ts): exceljs's parsing is most of an import's time at
// scale, and here it runs beside the main thread, which checks the rows already read meanwhile. One file at a time;
// the thread waits for the next one until the main thread lets it go.
import { parentPort } from 'node:worker_threads';
import { readXlsx } from './xlsx-read';
import type { ReadRequest, WorkerMessage } from './read-in-worker';

const post = (m: WorkerMessage) => parentPort!.postMessage(m);

parentPort!.on('message', ({ bytes, fileName }: ReadRequest) => {
  readXlsx(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    fileName,
    {
      onRows: (sheet, name, rows) => post({ kind: 'rows', sheet, name, rows }),
      onProgress: (fraction, rowsRead) => post({ kind: 'progress', fraction, rowsRead }),
    },
    false,
  ).then(
    (sheets) => post({ kind: 'done', sheets: sheets.map((s) => s.name) }),
    (e: unknown) => post({ kind: 'failed', message: e instanceof Error ? e.message : String(e), expected: e instanceof Error && e.name === 'AppFailure' }),
  );
});
