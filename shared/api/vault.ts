import { z } from 'zod';
import { defineCall } from './define';

// Encryption at rest ("Mã hoá dữ liệu"). The database is encrypted with a data key kept in a key store file next
// to it, unlocked by the data secret ("mật khẩu dữ liệu", set by the administrator, different from sign-in
// passwords), by the recovery key shown once, or automatically on the PC that set it up (Electron only).
// vault.status, vault.unlock and vault.setNewSecret answer while the data is still locked (the host handles them
// before any database exists); the others need a signed-in administrator.

export const DATA_SECRET_MIN_LENGTH = 10;
const MAX = 256;

const newSecret = z
  .string({ message: 'Hãy nhập mật khẩu dữ liệu.' })
  .min(DATA_SECRET_MIN_LENGTH, { message: `Mật khẩu dữ liệu cần ít nhất ${DATA_SECRET_MIN_LENGTH} ký tự.` })
  .max(MAX, { message: `Mật khẩu dữ liệu dài quá ${MAX} ký tự.` });
const givenSecret = z
  .string({ message: 'Hãy nhập mật khẩu dữ liệu.' })
  .min(1, { message: 'Hãy nhập mật khẩu dữ liệu.' })
  .max(MAX, { message: 'Mật khẩu dữ liệu không đúng.' });
const secretsMatch = (v: { secret: string; secretConfirm: string }) => v.secret === v.secretConfirm;
const MISMATCH = { message: 'Hai lần nhập mật khẩu dữ liệu không khớp.', path: ['secretConfirm'] };

export const VaultStateSchema = z.enum(['open', 'locked', 'new_secret_required']);
export type VaultState = z.infer<typeof VaultStateSchema>;

export const VaultStatusSchema = z.object({
  /** open: working; locked: the unlock screen; new_secret_required: unlocked with the recovery key, a new secret must be set. */
  state: VaultStateSchema,
  encrypted: z.boolean(),
  /** This PC opens the data by itself (Electron safeStorage / DPAPI). */
  deviceUnlock: z.boolean(),
  /** Seconds to wait before the next unlock attempt (after repeated wrong ones). */
  retryAfterSeconds: z.number(),
});
export type VaultStatus = z.infer<typeof VaultStatusSchema>;

const RecoveryKeyOutput = z.object({ recoveryKey: z.string() });

export const vaultCalls = {
  'vault.status': defineCall({ input: z.object({}).default({}), output: VaultStatusSchema, access: 'read' }),
  /** With the data secret, or with the recovery key (then a new data secret must be set: resetTicket). */
  'vault.unlock': defineCall({
    input: z
      .object({ secret: givenSecret.optional(), recoveryKey: z.string().max(100, { message: 'Khoá khôi phục không đúng.' }).optional() })
      .refine((v) => !!v.secret !== !!v.recoveryKey, { message: 'Hãy nhập mật khẩu dữ liệu hoặc khoá khôi phục.', path: ['secret'] }),
    output: z.object({ state: VaultStateSchema, resetTicket: z.string().nullable() }),
    access: 'read',
  }),
  /** After a recovery-key unlock: the new data secret replaces the old one (the ticket proves the recovery key). */
  'vault.setNewSecret': defineCall({
    input: z.object({ resetTicket: z.string().min(1).max(200), secret: newSecret, secretConfirm: z.string() }).refine(secretsMatch, MISMATCH),
    output: z.object({ state: VaultStateSchema }),
    access: 'read',
  }),
  /** Turns encryption on for a plaintext database (first run, or data from an earlier version). */
  'vault.encrypt': defineCall({
    input: z.object({ secret: newSecret, secretConfirm: z.string() }).refine(secretsMatch, MISMATCH),
    output: RecoveryKeyOutput,
    access: 'admin',
  }),
  'vault.changeSecret': defineCall({
    input: z.object({ currentSecret: givenSecret, secret: newSecret, secretConfirm: z.string() }).refine(secretsMatch, MISMATCH),
    output: z.object({}),
    access: 'admin',
  }),
  /** A new recovery key (shown once); the old one stops working. */
  'vault.newRecoveryKey': defineCall({ input: z.object({ currentSecret: givenSecret }), output: RecoveryKeyOutput, access: 'admin' }),
};

/** Calls the host answers while the data is locked (besides, nothing else answers). */
export const VAULT_PUBLIC_CALLS = ['vault.status', 'vault.unlock', 'vault.setNewSecret'] as const;
