import path from 'node:path';
import { openDatabase, type AppDb } from '../../db/open';
import { createDispatcher } from '../../db/dispatcher';
import { SYSTEM_CONTEXT, type CallContext } from '../../db/context';
import type { CallInput, CallName, CallOutput } from '../../shared/api/contract';
import type { AppError } from '../../shared/api/envelope';
import { isRawJson, parseRawJson } from '../../shared/api/raw-json';

export const MIGRATIONS = path.resolve(__dirname, '../../db/migrations');

/** A fresh in-memory database with the real migrations applied. */
export function openTestDb(file = ':memory:'): Promise<AppDb> {
  return openDatabase({ file, migrationsFolder: MIGRATIONS });
}

/** A typed caller through the real dispatcher (input validation, roles, envelope), checking outputs too. */
export function testApi(db: AppDb, ctx: CallContext = SYSTEM_CONTEXT) {
  const dispatch = createDispatcher(db, { validateOutput: true, logError: (n, e) => console.error(n, e) });
  return {
    async call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
      const env = await dispatch(name, input, ctx);
      if (!env.ok) throw Object.assign(new Error(`${name}: ${env.error.message}`), { appError: env.error });
      // What the renderer gets: a value the host sends as JSON bytes arrives parsed.
      return (isRawJson(env.value) ? parseRawJson(env.value) : env.value) as CallOutput<K>;
    },
    async fail<K extends CallName>(name: K, input: unknown): Promise<AppError> {
      const env = await dispatch(name, input, ctx);
      if (env.ok) throw new Error(`${name} was expected to fail but succeeded`);
      return env.error;
    },
    dispatch,
  };
}
