import crypto from 'node:crypto';
import type { AppDb } from '../../open';

// Sessions live only in the host's memory (Electron main process or web host): a restart signs everyone out,
// and a copied database file holds no usable session. Tokens are 32 random bytes; the map is keyed by their
// SHA-256 so a lookup never compares the secret itself.

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;

interface Session {
  userId: number;
  lastSeen: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  constructor(private readonly idleMs = SESSION_IDLE_MS, private readonly now: () => number = Date.now) {}

  create(userId: number): string {
    const token = crypto.randomBytes(32).toString('base64url');
    this.sessions.set(digest(token), { userId, lastSeen: this.now() });
    return token;
  }

  /** The user of a live session (and marks it used), or null if unknown or idle for too long. */
  resolve(token: string | null | undefined): number | null {
    if (!token || typeof token !== 'string' || token.length > 200) return null;
    const key = digest(token);
    const s = this.sessions.get(key);
    if (!s) return null;
    const t = this.now();
    if (t - s.lastSeen > this.idleMs) {
      this.sessions.delete(key);
      return null;
    }
    s.lastSeen = t;
    return s.userId;
  }

  revoke(token: string | null | undefined): void {
    if (token) this.sessions.delete(digest(token));
  }

  /** Ends every session of a user (disabled account, password reset), except optionally the caller's own. */
  revokeUser(userId: number, keepToken?: string | null): void {
    const keep = keepToken ? digest(keepToken) : null;
    for (const [key, s] of this.sessions) if (s.userId === userId && key !== keep) this.sessions.delete(key);
  }

  get size(): number {
    return this.sessions.size;
  }
}

function digest(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

const stores = new WeakMap<AppDb, SessionStore>();

/** The session store of the host that opened this database (one per open database, in memory only). */
export function sessionsFor(db: AppDb): SessionStore {
  let s = stores.get(db);
  if (!s) stores.set(db, (s = new SessionStore()));
  return s;
}

/** Tests replace the store to control the clock. */
export function setSessionStore(db: AppDb, store: SessionStore): void {
  stores.set(db, store);
}
