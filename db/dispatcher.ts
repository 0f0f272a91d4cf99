import { contract, isCallName, type CallName } from '../shared/api/contract';
import { AppFailure, fieldErrorsFromZod, type Envelope } from '../shared/api/envelope';
import type { AppDb } from './open';
import { roleAllows, type CallContext } from './context';
import { handlers } from './handlers';

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
    if (!roleAllows(ctx.role, def.access)) {
      return { ok: false, error: { kind: 'forbidden', message: 'Tài khoản của bạn không có quyền thực hiện thao tác này.', fieldErrors: {} } };
    }
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) {
      const fieldErrors = fieldErrorsFromZod(parsed.error);
      const first = Object.values(fieldErrors)[0] ?? 'Dữ liệu không hợp lệ.';
      return { ok: false, error: { kind: 'validation', message: first, fieldErrors } };
    }
    try {
      const handler = handlers[name] as (db: AppDb, input: unknown, ctx: CallContext) => unknown;
      const value = await handler(db, parsed.data, ctx);
      if (opts.validateOutput) {
        const out = def.output.safeParse(value);
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
    }
  };
}

function isBusy(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && String((e as { code: unknown }).code).startsWith('SQLITE_BUSY');
}

export type { CallName };
