import { z } from 'zod';
import { defineCall } from './define';
import { id, requiredText, version } from './fields';

// Local user accounts and sign-in. The session token is issued by auth.login / auth.setupAdmin and kept by the
// host (Electron main process, or the web host with the token in its own header); every other call needs it.

export const ROLES = ['admin', 'clerk', 'viewer'] as const;
export const RoleSchema = z.enum(ROLES, { message: 'Vai trò không hợp lệ.' });
export type RoleName = z.infer<typeof RoleSchema>;
export const ROLE_LABELS: Record<RoleName, string> = { admin: 'Quản trị', clerk: 'Cán bộ nghiệp vụ', viewer: 'Chỉ xem' };

export const PASSWORD_MIN_LENGTH = 8;
/** Generous, but bounded: scrypt runs on whatever is sent. */
export const PASSWORD_MAX_LENGTH = 256;
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;

const username = z
  .string({ message: 'Tên đăng nhập không được để trống.' })
  .transform((s) => s.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(3, { message: 'Tên đăng nhập cần ít nhất 3 ký tự.' })
      .max(40, { message: 'Tên đăng nhập dài quá 40 ký tự.' })
      .regex(/^[\p{L}\p{N}._-]+$/u, { message: 'Tên đăng nhập chỉ gồm chữ, số và các dấu . _ - (không có dấu cách).' }),
  );
const newPassword = z
  .string({ message: 'Mật khẩu không được để trống.' })
  .min(PASSWORD_MIN_LENGTH, { message: `Mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự.` })
  .max(PASSWORD_MAX_LENGTH, { message: `Mật khẩu dài quá ${PASSWORD_MAX_LENGTH} ký tự.` });
/** A password being checked (sign-in): any length up to the cap, so a wrong one is "wrong", not "too short". */
const givenPassword = z
  .string({ message: 'Hãy nhập mật khẩu.' })
  .min(1, { message: 'Hãy nhập mật khẩu.' })
  .max(PASSWORD_MAX_LENGTH, { message: 'Mật khẩu không đúng.' });

const passwordsMatch = (v: { password: string; passwordConfirm: string }) => v.password === v.passwordConfirm;
const MISMATCH = { message: 'Hai lần nhập mật khẩu không khớp.', path: ['passwordConfirm'] };

export const UserSchema = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  role: RoleSchema,
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  failedAttempts: z.number(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type User = z.infer<typeof UserSchema>;

/** Who is signed in, as the renderer needs it. */
export const SessionUserSchema = z.object({ id: z.number().nullable(), username: z.string(), fullName: z.string(), role: RoleSchema });
export type SessionUser = z.infer<typeof SessionUserSchema>;

const SignedInSchema = z.object({
  /** The session token (web host: sent back in the X-Session-Token header; Electron: kept by the main process, empty here). */
  token: z.string(),
  user: SessionUserSchema,
});

export const securityCalls = {
  /** Allowed without a session: is a first administrator needed, and who is signed in (if anyone). */
  'auth.status': defineCall({
    input: z.object({}).default({}),
    output: z.object({ needsSetup: z.boolean(), user: SessionUserSchema.nullable() }),
    access: 'read',
  }),
  /** Allowed without a session, and only while no account exists: creates the administrator and signs in. */
  'auth.setupAdmin': defineCall({
    input: z
      .object({ username, fullName: requiredText('Họ và tên', 120), password: newPassword, passwordConfirm: z.string() })
      .refine(passwordsMatch, MISMATCH),
    output: SignedInSchema,
    access: 'read',
  }),
  /** Allowed without a session. */
  'auth.login': defineCall({
    input: z.object({ username: z.string({ message: 'Hãy nhập tên đăng nhập.' }).max(100, { message: 'Tên đăng nhập không đúng.' }), password: givenPassword }),
    output: SignedInSchema,
    access: 'read',
  }),
  'auth.logout': defineCall({ input: z.object({}).default({}), output: z.object({}), access: 'read' }),
  /** Any signed-in user, for their own account. */
  'auth.changePassword': defineCall({
    input: z
      .object({ currentPassword: givenPassword, password: newPassword, passwordConfirm: z.string() })
      .refine(passwordsMatch, MISMATCH),
    output: z.object({}),
    access: 'read',
  }),
  'users.list': defineCall({ input: z.object({}).default({}), output: z.array(UserSchema), access: 'admin' }),
  'users.create': defineCall({
    input: z
      .object({ username, fullName: requiredText('Họ và tên', 120), role: RoleSchema, password: newPassword, passwordConfirm: z.string() })
      .refine(passwordsMatch, MISMATCH),
    output: UserSchema,
    access: 'admin',
  }),
  /** Full name, role, active flag (disable/enable; disabling also ends the user's sessions). */
  'users.update': defineCall({
    input: z.object({
      id,
      version,
      changes: z
        .object({ fullName: requiredText('Họ và tên', 120).optional(), role: RoleSchema.optional(), active: z.boolean().optional() })
        .strict(),
    }),
    output: UserSchema,
    access: 'admin',
  }),
  /** Sets a new password chosen by the administrator and lifts a lockout. */
  'users.resetPassword': defineCall({
    input: z
      .object({ id, password: newPassword, passwordConfirm: z.string() })
      .refine(passwordsMatch, MISMATCH),
    output: UserSchema,
    access: 'admin',
  }),
};

/** Calls that may be made before signing in. Everything else needs a live session. */
export const PUBLIC_CALLS = ['auth.status', 'auth.setupAdmin', 'auth.login'] as const;
