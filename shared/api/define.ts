import { z } from 'zod';

// Zod's own Vietnamese messages are the fallback for generic type errors; domain fields carry their own.
z.config(z.locales.vi());

/**
 * Who may make a call. Enforced by the dispatcher in the main process / web host, never only by hiding buttons.
 * read: anyone signed in; write: clerks and administrators; admin: administrators only.
 */
export type Access = 'read' | 'write' | 'admin';

export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
}

export function defineCall<I extends z.ZodType, O extends z.ZodType>(def: CallDef<I, O>): CallDef<I, O> {
  return def;
}

export { z };
