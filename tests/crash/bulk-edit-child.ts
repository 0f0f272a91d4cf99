// Child process for the crash-safety test: edits every cadre in one bulk call per round, forever, printing
// "committed <round>" after each commit returns. The parent kills it with SIGKILL at random moments.
import { openDatabase } from '../../db/open';
import { createDispatcher } from '../../db/dispatcher';

async function main() {
  const [file, migrationsFolder, runTag] = process.argv.slice(2);
  const db = await openDatabase({ file, migrationsFolder });
  const dispatch = createDispatcher(db);
  const ctx = { actor: `crash-${runTag}`, role: 'admin' as const };
  process.stdout.write('ready\n');
  for (let round = 1; ; round++) {
    const rows = db.sqlite.prepare('select id, version from cadres where deleted_at is null').all() as { id: number; version: number }[];
    const items = rows.map((r) => ({ id: r.id, version: r.version, changes: { homeTown: `${runTag}-${round}` } }));
    const env = await dispatch('cadres.bulkUpdate', { items, kind: 'edit', description: `${runTag}-${round}` }, ctx);
    if (!env.ok) {
      process.stdout.write(`error ${env.error.message}\n`);
      process.exit(2);
    }
    process.stdout.write(`committed ${round}\n`);
  }
}
void main();
