import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../api';
import type { ImportProgress } from '../../../../shared/api/imports';

// Runs one long import step (analyze, preview, commit) while polling its progress, so the window shows a moving
// bar and a Cancel button; the work itself happens in the main process / web host.

const newJobId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `job-${Date.now()}-${Math.random().toString(36).slice(2)}`;

export function useImportJob() {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const jobRef = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  const stopPolling = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  };
  useEffect(() => stopPolling, []);

  const run = useCallback(async <T,>(label: string, step: (jobId: string) => Promise<T>): Promise<T> => {
    const jobId = newJobId();
    jobRef.current = jobId;
    setProgress({ phase: 'starting', label, done: 0, total: 0, finished: false });
    let polling = false;
    timer.current = setInterval(async () => {
      if (polling) return;
      polling = true;
      try {
        const p = await call('imports.progress', { jobId });
        if (jobRef.current === jobId && p.phase !== 'unknown') setProgress({ ...p, label: p.label || label });
      } catch {
        // A missed poll is harmless; the next one catches up.
      } finally {
        polling = false;
      }
    }, 250);
    try {
      return await step(jobId);
    } finally {
      stopPolling();
      if (jobRef.current === jobId) {
        jobRef.current = null;
        setProgress(null);
      }
    }
  }, []);

  const cancel = useCallback(async () => {
    const jobId = jobRef.current;
    if (!jobId) return;
    setProgress((p) => (p ? { ...p, label: 'Đang huỷ…' } : p));
    await call('imports.cancel', { jobId }).catch(() => undefined);
  }, []);

  return { progress, run, cancel, busy: progress !== null };
}

/** Reads a chosen file as base64 without blocking (FileReader works off the main thread). */
export function readFileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onerror = () => reject(new Error('Không đọc được tệp đã chọn.'));
    r.onload = () => {
      const s = String(r.result ?? '');
      resolve(s.slice(s.indexOf(',') + 1));
    };
    r.readAsDataURL(file);
  });
}
