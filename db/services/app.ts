import type { AppDb } from '../open';
import type { CallContext } from '../context';
import type { CallName } from '../../shared/api/contract';
import type { Handler } from '../handlers';
import { ETHNICITY_CODE_ORDER } from '../../shared/domain/codes';
import { writeAudit } from './audit';
import { generateFullSample } from '../sample/full';
import pkg from '../../package.json';

export function readSettings(db: AppDb): Record<string, unknown> {
  const rows = db.sqlite.prepare('select key, value from settings').all() as { key: string; value: string }[];
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
}

function writeSetting(db: AppDb, key: string, value: unknown, ctx: CallContext): Record<string, unknown> {
  db.sqlite.transaction(() => {
    const before = db.sqlite.prepare('select value from settings where key = ?').get(key) as { value: string } | undefined;
    db.sqlite
      .prepare(`insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`)
      .run(key, JSON.stringify(value ?? null));
    writeAudit(db, ctx, [{ action: 'update', entity: 'setting', entityId: 0, field: key, oldValue: before?.value ?? null, newValue: value }]);
  }).immediate();
  return readSettings(db);
}

const count = (db: AppDb, table: string) => (db.sqlite.prepare(`select count(*) as n from ${table} where deleted_at is null`).get() as { n: number }).n;

type AppCalls = 'app.info' | 'app.seedSample' | 'settings.get' | 'settings.set';

export const appHandlers: { [K in AppCalls & CallName]: Handler<K> } = {
  'app.info': (db, _input, ctx) => {
    const cadreCount = count(db, 'cadres');
    const unitCount = count(db, 'units');
    return {
      appVersion: pkg.version,
      databaseFile: db.file,
      isEmpty: cadreCount === 0 && unitCount === 0,
      cadreCount,
      unitCount,
      ethnicityCodeOrder: ETHNICITY_CODE_ORDER,
      actor: ctx.actor,
      role: ctx.role,
    };
  },
  'app.seedSample': (db, input, ctx) => generateFullSample(db, { cadres: input.cadres, seed: input.seed, actor: ctx.actor, ctx }),
  'settings.get': (db) => readSettings(db),
  'settings.set': (db, input, ctx) => writeSetting(db, input.key, input.value, ctx),
};
