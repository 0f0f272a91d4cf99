import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { closeDatabase, DatabaseOpenError, fileKind, openDatabase, type AppDb, type OpenOptions } from './open';
import { autoBackupIfDue, encryptPlaintextBackups, latestGoodBackup, replaceDamagedWithLatestBackup } from './services/backups';
import { createSessionDispatcher, type SessionDispatch, type SessionDispatcherOptions } from './dispatcher';
import { contract } from '../shared/api/contract';
import { fieldErrorsFromZod, AppFailure, fail, type Envelope } from '../shared/api/envelope';
import { VAULT_PUBLIC_CALLS, type VaultState, type VaultStatus } from '../shared/api/vault';
import {
  deviceWrap, keyIdOf, keyStorePath, looksLikeRecoveryKey, normalizeRecoveryKey, readKeyStore, unwrapDevice, unwrapWithSecret, wrapWithSecret,
  writeKeyStore, KeyStoreError, type KeyStoreFile,
} from './keystore';
import { setVaultOptions, vaultStatus, type VaultOptions } from './services/vault';
import { writeAudit } from './services/audit';
import { Throttle } from './throttle';
import { scheduleWarmUp } from './warm-up';

export interface DamagedInfo {
  message: string;
  /** The newest backup that passes the checks, if any. */
  latestBackup: string | null;
  latestBackupDate: string | null;
}

export type AskRestore = (info: DamagedInfo) => boolean | Promise<boolean>;

/**
 * How both hosts open a database whose key (if any) is known: a damaged file is never written to; the host is
 * asked whether to put the newest good backup in its place (the damaged file is kept aside). Then the daily
 * automatic backup.
 */
export async function openForHost(opts: OpenOptions, askRestore: AskRestore): Promise<AppDb> {
  let db: AppDb;
  const key = opts.key ?? null;
  try {
    db = await openDatabase(opts);
  } catch (e) {
    if (!(e instanceof DatabaseOpenError) || (e.reason !== 'damaged' && e.reason !== 'not_a_database') || opts.file === ':memory:') throw e;
    const latest = latestGoodBackup(opts.file, opts.migrationsFolder, key);
    const info: DamagedInfo = {
      message: e.message,
      latestBackup: latest,
      latestBackupDate: latest ? fs.statSync(latest).mtime.toISOString() : null,
    };
    if (!latest || !(await askRestore(info))) throw e;
    replaceDamagedWithLatestBackup(opts.file, opts.migrationsFolder, key);
    db = await openDatabase(opts);
  }
  try {
    await autoBackupIfDue(db);
  } catch (e) {
    // A failed backup must not keep the clerk out of their data; it is reported and retried next start.
    console.error(`Không tạo được bản sao lưu tự động trong ${path.join(path.dirname(opts.file), 'backups')}:`, (e as Error).message);
  }
  // Encryption turned on but interrupted before the older backups were encrypted: finished here (each failure is
  // reported by encryptPlaintextBackups and tried again next start).
  if (key && opts.file !== ':memory:') encryptPlaintextBackups(opts.file, key);
  return db;
}

export interface DataHostOptions extends OpenOptions, VaultOptions {
  askRestore: AskRestore;
  dispatcher?: SessionDispatcherOptions;
}

export { FREE_ATTEMPTS } from './throttle';

const digest = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/**
 * The data as a host holds it: open, or LOCKED while the file is encrypted and no wrap of its key opened by itself
 * (no safeStorage on this PC or on the web host, or the data came from another PC). While locked only
 * vault.status and vault.unlock answer; after a recovery-key unlock only vault.setNewSecret does, until a new
 * data secret replaces the forgotten one.
 */
export class DataHost {
  private db: AppDb | null = null;
  private dispatchOpen: SessionDispatch | null = null;
  private state: VaultState = 'locked';
  private readonly throttle = new Throttle();
  private resetTickets = new Set<string>();
  private busy: Promise<unknown> = Promise.resolve();

  private constructor(private readonly opts: DataHostOptions) {}

  /** Opens the database now if it is plaintext, new, or its key opens on this PC; otherwise starts locked. */
  static async start(opts: DataHostOptions): Promise<DataHost> {
    const host = new DataHost(opts);
    const kind = fileKind(opts.file);
    if (kind !== 'encrypted') {
      await host.openWith(null);
      return host;
    }
    let store: KeyStoreFile | null;
    try {
      store = readKeyStore(keyStorePath(opts.file));
    } catch (e) {
      if (e instanceof KeyStoreError) throw new DatabaseOpenError('not_a_database', `${e.message} Hãy chép lại tệp khoá từ bản sao lưu (tệp .keys.json đi kèm).`);
      throw e;
    }
    if (!store) {
      // Without a key store the file is either encrypted with a key we do not have, or a damaged plaintext file:
      // the damaged path offers the latest good backup, and says what is missing.
      await host.openWith(null, `Không tìm thấy tệp khoá "${path.basename(keyStorePath(opts.file))}" bên cạnh tệp dữ liệu. Nếu dữ liệu đã được mã hoá, hãy chép tệp khoá về đúng chỗ đó.`);
      return host;
    }
    const key = unwrapDevice(store, opts.device);
    if (key) await host.openWith(key);
    return host;
  }

  /** The open database (null while locked). */
  get database(): AppDb | null {
    return this.state === 'open' ? this.db : null;
  }

  get currentState(): VaultState {
    return this.state;
  }

  private async openWith(key: Buffer | null, missingKeyNote?: string): Promise<AppDb> {
    let db: AppDb;
    try {
      // Asked whether to put a backup in place of the file, the user is told first that the key file may simply be
      // missing: restoring would set the encrypted data aside for an older, plaintext backup.
      const askRestore: AskRestore = missingKeyNote ? (info) => this.opts.askRestore({ ...info, message: `${info.message}\n${missingKeyNote}` }) : this.opts.askRestore;
      db = await openForHost({ ...this.opts, key }, askRestore);
    } catch (e) {
      if (missingKeyNote && e instanceof DatabaseOpenError) throw new DatabaseOpenError(e.reason, `${e.message}\n${missingKeyNote}`);
      throw e;
    }
    setVaultOptions(db, { device: this.opts.device, wrapParams: this.opts.wrapParams });
    this.db = db;
    this.dispatchOpen = createSessionDispatcher(db, this.opts.dispatcher);
    this.state = 'open';
    scheduleWarmUp(db);
    return db;
  }

  status(): VaultStatus {
    const retryAfterSeconds = this.throttle.waitSeconds();
    if (this.state === 'open' && this.db) return vaultStatus(this.db);
    return { state: this.state, encrypted: true, deviceUnlock: false, retryAfterSeconds };
  }

  /** One unlock at a time: two tabs unlocking together open the database once. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.busy.then(fn, fn);
    this.busy = next.catch(() => {});
    return next;
  }

  unlock(input: { secret?: string; recoveryKey?: string }): Promise<{ state: VaultState; resetTicket: string | null }> {
    return this.serial(async () => {
      if (this.state === 'open') return { state: this.state, resetTicket: null };
      const refusal = this.throttle.refusal();
      if (refusal) throw fail.validation(refusal);
      let store: KeyStoreFile | null;
      try {
        store = readKeyStore(keyStorePath(this.opts.file));
      } catch (e) {
        throw fail.validation((e as Error).message);
      }
      if (!store) throw fail.validation(`Không tìm thấy tệp khoá "${path.basename(keyStorePath(this.opts.file))}" bên cạnh tệp dữ liệu.`);
      const byRecovery = !!input.recoveryKey;
      let key: Buffer | null = null;
      if (byRecovery) {
        if (looksLikeRecoveryKey(input.recoveryKey!) && store.wraps.recovery) key = await unwrapWithSecret(store.wraps.recovery, normalizeRecoveryKey(input.recoveryKey!), 'recovery');
      } else if (store.wraps.secret) {
        key = await unwrapWithSecret(store.wraps.secret, input.secret ?? '', 'secret');
      }
      if (!key || keyIdOf(key) !== store.keyId) {
        this.throttle.failed();
        const message = byRecovery
          ? 'Khoá khôi phục không đúng. Hãy kiểm tra từng nhóm ký tự trên bản đã ghi.'
          : 'Mật khẩu dữ liệu không đúng. Lưu ý: đây là mật khẩu dữ liệu do quản trị viên đặt khi bật mã hoá, không phải mật khẩu đăng nhập.';
        throw fail.validation(message, { [byRecovery ? 'recoveryKey' : 'secret']: message });
      }
      this.throttle.succeeded();
      if (!this.db) {
        try {
          await this.openWith(key);
        } catch (e) {
          // A damaged file the user chose not to replace, a newer version's file...: said as it is, nothing written.
          throw fail.validation((e as Error).message);
        }
      }
      if (this.opts.device && !byRecovery) this.rememberOnThisDevice(store, key);
      if (byRecovery) {
        this.state = 'new_secret_required';
        const ticket = crypto.randomBytes(24).toString('base64url');
        this.resetTickets.add(digest(ticket));
        return { state: this.state, resetTicket: ticket };
      }
      // The secret itself was remembered after all: a pending recovery reset is no longer needed.
      this.resetTickets.clear();
      this.state = 'open';
      return { state: this.state, resetTicket: null };
    });
  }

  /** After a recovery-key unlock: the new secret's wrap replaces the old one, and the data opens. */
  setNewSecret(input: { resetTicket: string; secret: string }): Promise<{ state: VaultState }> {
    return this.serial(async () => {
      if (this.state !== 'new_secret_required' || !this.db?.key || !this.resetTickets.has(digest(input.resetTicket))) {
        throw fail.validation('Hãy mở khoá bằng khoá khôi phục trước khi đặt mật khẩu dữ liệu mới.');
      }
      const db = this.db;
      const key = db.key!;
      const store = readKeyStore(keyStorePath(db.file))!;
      store.wraps.secret = await wrapWithSecret(key, input.secret, 'secret', this.opts.wrapParams);
      if (this.opts.device) store.wraps.device = deviceWrap(key, this.opts.device);
      writeKeyStore(keyStorePath(db.file), store);
      db.sqlite
        .transaction(() =>
          writeAudit(db, { actor: '(khoá khôi phục)', role: 'admin' }, [
            { action: 'update', entity: 'setting', entityId: 0, field: 'dataSecret', oldValue: null, newValue: '(đặt lại bằng khoá khôi phục)' },
          ]),
        )
        .immediate();
      this.resetTickets.clear();
      this.state = 'open';
      return { state: this.state };
    });
  }

  private rememberOnThisDevice(store: KeyStoreFile, key: Buffer): void {
    try {
      if (unwrapDevice(store, this.opts.device)) return;
      store.wraps.device = deviceWrap(key, this.opts.device!);
      writeKeyStore(keyStorePath(this.opts.file), store);
    } catch (e) {
      // Not fatal: the secret will simply be asked again at the next start.
      console.error('Không lưu được khoá vào kho bảo mật của máy:', (e as Error).message);
    }
  }

  /** What both hosts call: the vault's own calls first, then (open) the session dispatcher. */
  readonly dispatch: SessionDispatch = async (name, input, sessionToken) => {
    if ((VAULT_PUBLIC_CALLS as readonly string[]).includes(name)) return this.vaultCall(name as (typeof VAULT_PUBLIC_CALLS)[number], input);
    if (this.state !== 'open' || !this.dispatchOpen) {
      return { ok: false, error: { kind: 'unauthenticated', message: 'Dữ liệu đang khoá. Hãy mở khoá dữ liệu trước; thao tác vừa rồi chưa được thực hiện.', fieldErrors: {} } };
    }
    return this.dispatchOpen(name, input, sessionToken);
  };

  private async vaultCall(name: (typeof VAULT_PUBLIC_CALLS)[number], input: unknown): Promise<Envelope<unknown>> {
    const parsed = contract[name].input.safeParse(input ?? {});
    if (!parsed.success) {
      const fieldErrors = fieldErrorsFromZod(parsed.error);
      return { ok: false, error: { kind: 'validation', message: Object.values(fieldErrors)[0] ?? 'Dữ liệu không hợp lệ.', fieldErrors } };
    }
    try {
      if (name === 'vault.status') return { ok: true, value: this.status() };
      if (name === 'vault.unlock') return { ok: true, value: await this.unlock(parsed.data as { secret?: string; recoveryKey?: string }) };
      return { ok: true, value: await this.setNewSecret(parsed.data as { resetTicket: string; secret: string }) };
    } catch (e) {
      if (e instanceof AppFailure) return { ok: false, error: e.toError() };
      this.opts.dispatcher?.logError?.(name, e);
      return { ok: false, error: { kind: 'internal', message: 'Đã xảy ra lỗi không mong muốn khi mở khoá dữ liệu; dữ liệu không thay đổi.', fieldErrors: {} } };
    }
  }

  close(): void {
    if (this.db) closeDatabase(this.db);
  }
}
