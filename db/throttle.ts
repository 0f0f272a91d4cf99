// Guessing the data secret costs time wherever it can be tried: the unlock screen (db/startup.ts) and, for a
// signed-in administrator, the "current data secret" of Settings › Bảo mật dữ liệu (db/services/vault.ts).

/** After this many wrong attempts in a row, each further one waits (30 s, doubling, at most 15 min). */
export const FREE_ATTEMPTS = 5;
const MAX_WAIT_MS = 15 * 60_000;

export class Throttle {
  private failures = 0;
  private waitUntil = 0;

  /** Seconds still to wait before the next attempt (0: it may be tried now). */
  waitSeconds(): number {
    return Math.max(0, Math.ceil((this.waitUntil - Date.now()) / 1000));
  }

  /** The message refusing an attempt made too early, or null. */
  refusal(): string | null {
    const wait = this.waitSeconds();
    return wait > 0 ? `Đã nhập sai nhiều lần. Hãy chờ ${wait} giây rồi thử lại.` : null;
  }

  failed(): void {
    this.failures += 1;
    if (this.failures >= FREE_ATTEMPTS) this.waitUntil = Date.now() + Math.min(MAX_WAIT_MS, 30_000 * 2 ** (this.failures - FREE_ATTEMPTS));
  }

  succeeded(): void {
    this.failures = 0;
    this.waitUntil = 0;
  }
}
