import type { AppDb } from './open';

// A long write that must stay ONE transaction but should not freeze the process (an import's commit of
// 50,000 rows) runs its transaction in slices, yielding to the event loop between them so progress polls are
// answered. While it holds the gate, other write calls wait at the dispatcher instead of landing inside that
// open transaction (better-sqlite3 would nest them as savepoints, and a rollback would take them along).

class WriteGate {
  private held: Promise<void> | null = null;

  /** Resolves when no long write holds the gate. */
  async whenOpen(): Promise<void> {
    while (this.held) await this.held;
  }

  /** Takes the gate (after any current holder); call the returned function to give it back. */
  async hold(): Promise<() => void> {
    await this.whenOpen();
    let release!: () => void;
    this.held = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.held = null;
      release();
    };
  }
}

const gates = new WeakMap<AppDb, WriteGate>();

export function writeGateOf(db: AppDb): WriteGate {
  let g = gates.get(db);
  if (!g) gates.set(db, (g = new WriteGate()));
  return g;
}

/**
 * Runs `step` inside one IMMEDIATE transaction that it may interrupt with `await` (between slices of work);
 * commits when it resolves, rolls back when it throws. Other write calls wait meanwhile, from before `beforeBegin`.
 */
export async function inSlicedTransaction<T>(db: AppDb, step: () => Promise<T>, opts: { beforeBegin?: () => void | Promise<void> } = {}): Promise<T> {
  const release = await writeGateOf(db).hold();
  try {
    // Work that needs no write of this process in between (e.g. a checkpoint before a backup), yet no transaction.
    await opts.beforeBegin?.();
    db.sqlite.exec('BEGIN IMMEDIATE');
    try {
      const out = await step();
      db.sqlite.exec('COMMIT');
      return out;
    } catch (e) {
      if (db.sqlite.inTransaction) db.sqlite.exec('ROLLBACK');
      throw e;
    }
  } finally {
    release();
  }
}
