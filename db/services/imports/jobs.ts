// Progress of the long import steps, kept in memory by a job id the renderer chose, so the renderer can poll
// while the step is still running (the step yields to the event loop between chunks) and ask it to stop.

import { fail } from '../../../shared/api/envelope';
import type { ImportProgress } from '../../../shared/api/imports';

interface Job extends ImportProgress {
  cancelled: boolean;
  touched: number;
}

const jobs = new Map<string, Job>();
const KEEP_MS = 10 * 60_000;

export const PHASE_LABELS: Record<string, string> = {
  reading: 'Đang đọc tệp',
  analysing: 'Đang tìm dòng tiêu đề',
  staging: 'Đang chép dữ liệu vào vùng tạm',
  previewing: 'Đang kiểm tra từng dòng',
  committing: 'Đang ghi vào cơ sở dữ liệu',
  done: 'Xong',
  failed: 'Không thành công',
  cancelled: 'Đã huỷ',
  unknown: 'Không có công việc này',
};

function prune(): void {
  const now = Date.now();
  for (const [k, j] of jobs) if (j.finished && now - j.touched > KEEP_MS) jobs.delete(k);
}

export function startJob(jobId: string, phase: string, total = 0): void {
  prune();
  const prior = jobs.get(jobId);
  // A cancel that arrived before the step started still counts.
  jobs.set(jobId, { phase, label: PHASE_LABELS[phase] ?? phase, done: 0, total, finished: false, cancelled: prior?.cancelled && !prior.finished ? true : false, touched: Date.now() });
}

export function report(jobId: string, phase: string, done: number, total: number): void {
  const j = jobs.get(jobId);
  if (!j) return;
  Object.assign(j, { phase, label: PHASE_LABELS[phase] ?? phase, done, total, touched: Date.now() });
}

export function finishJob(jobId: string, phase: 'done' | 'failed' | 'cancelled'): void {
  const j = jobs.get(jobId);
  if (!j) return;
  Object.assign(j, { phase, label: PHASE_LABELS[phase], finished: true, touched: Date.now() });
}

export const CANCELLED_MESSAGE = 'Đã huỷ theo yêu cầu; chưa có dữ liệu nào được ghi.';

export function checkCancelled(jobId: string): void {
  if (jobs.get(jobId)?.cancelled) throw fail.validation(CANCELLED_MESSAGE);
}

export function isCancelled(jobId: string): boolean {
  return !!jobs.get(jobId)?.cancelled;
}

export function cancelJob(jobId: string): boolean {
  const j = jobs.get(jobId);
  if (!j) {
    jobs.set(jobId, { phase: 'cancelled', label: PHASE_LABELS.cancelled, done: 0, total: 0, finished: false, cancelled: true, touched: Date.now() });
    return true;
  }
  if (j.finished) return false;
  j.cancelled = true;
  return true;
}

export function progressOf(jobId: string): ImportProgress {
  const j = jobs.get(jobId);
  if (!j) return { phase: 'unknown', label: PHASE_LABELS.unknown, done: 0, total: 0, finished: true };
  const { cancelled: _c, touched: _t, ...p } = j;
  return p;
}

/** Runs a step under a job: marks it done, failed or cancelled at the end. */
export async function runJob<T>(jobId: string, phase: string, step: () => Promise<T>): Promise<T> {
  startJob(jobId, phase);
  try {
    const out = await step();
    finishJob(jobId, 'done');
    return out;
  } catch (e) {
    finishJob(jobId, isCancelled(jobId) ? 'cancelled' : 'failed');
    throw e;
  }
}

