import { contract, isCallName, type CallName } from '../shared/api/contract';
import { AppFailure, fieldErrorsFromZod, type Envelope } from '../shared/api/envelope';
import { isRawJson, parseRawJson } from '../shared/api/raw-json';
import type { AppDb } from './open';
import { ANONYMOUS_CONTEXT, isAnonymous, roleAllows, type CallContext } from './context';
import { handlers } from './handlers';
import { writeGateOf } from './write-gate';
import { callEnded, callStarted } from './warm-up';
import { PUBLIC_CALLS } from '../shared/api/security';
import { sessionsFor } from './services/security/sessions';
import { userById } from './services/security/users';

export interface DispatcherOptions {
  /** Check every output against the contract too (tests turn this on; at 50,000 rows it costs real time). */
  validateOutput?: boolean;
  /** Where unexpected errors are reported (the user only sees a generic message). */
  logError?: (name: string, error: unknown) => void;
}

export type Dispatch = (name: string, input: unknown, ctx: CallContext) => Promise<Envelope<unknown>>;

/**
 * The single entry point both hosts use: checks the call exists, the caller's role, validates the input
 * with the contract, runs the service and wraps the result (or the failure) in the envelope.
 * Nothing thrown by a service escapes as an exception.
 */
export function createDispatcher(db: AppDb, opts: DispatcherOptions = {}): Dispatch {
  return async (name, input, ctx) => {
    if (!isCallName(name)) {
      return { ok: false, error: { kind: 'not_found', message: `Không có chức năng "${String(name).slice(0, 80)}".`, fieldErrors: {} } };
    }
    const def = contract[name];
    // Before signing in only the public auth calls answer (a host normally refuses earlier; this is the backstop).
    if (isAnonymous(ctx) && !(PUBLIC_CALLS as readonly string[]).includes(name)) {
      return { ok: false, error: { kind: 'unauthenticated', message: 'Hãy đăng nhập trước.', fieldErrors: {} } };
    }
    if (!roleAllows(ctx.role, def.access)) {
      return { ok: false, error: { kind: 'forbidden', message: 'Tài khoản của bạn không có quyền thực hiện thao tác này.', fieldErrors: {} } };
    }
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) {
      const fieldErrors = fieldErrorsFromZod(parsed.error);
      const first = Object.values(fieldErrors)[0] ?? 'Dữ liệu không hợp lệ.';
      return { ok: false, error: { kind: 'validation', message: first, fieldErrors } };
    }
    // A long sliced write (an import's commit) holds its transaction open between slices: writes wait for it.
    if (def.access !== 'read') await writeGateOf(db).whenOpen();
    callStarted(db);
    try {
      const handler = handlers[name] as (db: AppDb, input: unknown, ctx: CallContext) => unknown;
      const value = await handler(db, parsed.data, ctx);
      if (opts.validateOutput) {
        const out = def.output.safeParse(isRawJson(value) ? parseRawJson(value) : value);
        if (!out.success) throw new Error(`Output of ${name} does not match the contract: ${out.error.message}`);
      }
      return { ok: true, value };
    } catch (e) {
      if (e instanceof AppFailure) return { ok: false, error: e.toError() };
      if (isBusy(e)) {
        return { ok: false, error: { kind: 'conflict', message: 'Cơ sở dữ liệu đang bận (một cửa sổ khác đang ghi). Hãy thử lại sau giây lát; chưa có gì thay đổi.', fieldErrors: {} } };
      }
      opts.logError?.(name, e);
      return { ok: false, error: { kind: 'internal', message: 'Đã xảy ra lỗi không mong muốn; thao tác chưa được thực hiện và dữ liệu không thay đổi.', fieldErrors: {} } };
    } finally {
      callEnded(db);
    }
  };
}

function isBusy(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && String((e as { code: unknown }).code).startsWith('SQLITE_BUSY');
}

export type { CallName };

export interface SessionDispatcherOptions extends DispatcherOptions {
  /**
   * Calls that come without a session run as this user ("already signed in"): the browser tests' harness and
   * scripts. Hosts for real users leave it out, so every call but the public auth ones needs a session.
   */
  presetContext?: CallContext | null;
}

/** What the hosts call: the session token that came with the request (header or the window's own), not a context. */
export type SessionDispatch = (name: string, input: unknown, sessionToken: string | null | undefined) => Promise<Envelope<unknown>>;

const PUBLIC: ReadonlySet<string> = new Set(PUBLIC_CALLS);

/**
 * Resolves the session of every call to the signed-in user (read from the database each time, so a disabled
 * account or a changed role takes effect at once), refuses calls without one, then dispatches as that user:
 * the audit rows name them and their role decides what they may call.
 */
export function createSessionDispatcher(db: AppDb, opts: SessionDispatcherOptions = {}): SessionDispatch {
  const dispatch = createDispatcher(db, opts);
  return async (name, input, sessionToken) => {
    let ctx: CallContext | null = null;
    const userId = sessionsFor(db).resolve(sessionToken);
    if (userId !== null) {
      const user = userById(db, userId);
      if (user?.active) ctx = { actor: user.username, role: user.role, userId: user.id, sessionToken };
      else sessionsFor(db).revokeUser(userId);
    }
    ctx ??= opts.presetContext ?? null;
    if (!ctx) {
      if (!PUBLIC.has(name)) {
        return { ok: false, error: { kind: 'unauthenticated', message: 'Phiên đăng nhập đã kết thúc. Hãy đăng nhập lại; thao tác vừa rồi chưa được thực hiện.', fieldErrors: {} } };
      }
      ctx = ANONYMOUS_CONTEXT;
    }
    return dispatch(name, input, ctx);
  };
}
