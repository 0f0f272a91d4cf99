import fs from 'node:fs';
import path from 'node:path';
import type { AppDb } from '../open';
import { connect, fileKind, notifyDatabaseReplaced, replaceConnection, vacuumInto } from '../open';
import type { CallContext } from '../context';
import type { CallName, CallOutput, ParsedInput } from '../../shared/api/contract';
import type { Handler } from '../handlers';
import type { vaultCalls } from '../../shared/api/vault';
import { fail } from '../../shared/api/envelope';
import {
  createKeyStore, deviceWrap, keyStorePath, newDataKey, newRecoveryKey, readKeyStore, unwrapDevice, unwrapWithSecret, wrapWithSecret,
  writeKeyStore, WRAP_SCRYPT, type DeviceKeyProtector, type KeyStoreFile,
} from '../keystore';
import { writeAudit } from './audit';
import { Throttle } from '../throttle';
import { createBackup, encryptClosedFile, encryptPlaintextBackups } from './backups';
import { describeIoError } from '../io-errors';

// The administrator's side of encryption at rest: turning it on for a plaintext database, changing the data
// secret, and a new recovery key. Unlocking at start-up lives in db/startup.ts (it runs before any database).

export interface VaultOptions {
  /** Electron's safeStorage; absent on the web host. */
  device?: DeviceKeyProtector;
  /** scrypt cost of the wraps (tests lower it). */
  wrapParams?: typeof WRAP_SCRYPT;
}

const options = new WeakMap<AppDb, VaultOptions>();

/** Set by the host that opened the database: how K may be protected on this PC. */
export function setVaultOptions(db: AppDb, opts: VaultOptions): void {
  options.set(db, opts);
}
const optionsOf = (db: AppDb): VaultOptions => options.get(db) ?? {};

function storeOf(db: AppDb): KeyStoreFile {
  const store = readKeyStore(keyStorePath(db.file));
  if (!store) throw fail.validation(`Không tìm thấy tệp khoá "${path.basename(keyStorePath(db.file))}" bên cạnh cơ sở dữ liệu.`);
  return store;
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-').replace('Z', '');

export function vaultStatus(db: AppDb): CallOutput<'vault.status'> {
  let deviceUnlock = false;
  if (db.key) {
    const store = readKeyStore(keyStorePath(db.file));
    deviceUnlock = !!store && !!unwrapDevice(store, optionsOf(db).device);
  }
  return { state: 'open', encrypted: !!db.key, deviceUnlock, retryAfterSeconds: 0 };
}

/**
 * Encrypts the live plaintext database with a new data key K: a plaintext backup first; the key store written
 * (before any encrypted file exists, so K is never only in memory); an encrypted copy made beside the database
 * (VACUUM INTO, then SQLite3MultipleCiphers' rekey on the closed copy: rekeying is refused in WAL mode) and checked
 * table by table; then swapped in by a rename, so a crash leaves either the old plaintext file or the whole
 * encrypted one. The older plaintext backups are encrypted too. Returns the recovery key, shown once.
 */
export async function encryptDatabase(db: AppDb, input: ParsedInput<'vault.encrypt'>, ctx: CallContext): Promise<CallOutput<'vault.encrypt'>> {
  if (db.file === ':memory:') throw fail.validation('Cơ sở dữ liệu tạm (trong bộ nhớ) không mã hoá được.');
  if (db.key || fileKind(db.file) === 'encrypted') throw fail.validation('Dữ liệu đã được mã hoá rồi.');
  // One conversion at a time (a double click, two administrators): the second would close the connection under
  // the first's backup, or put a key store for its own key beside a file encrypted with the first's.
  if (encrypting.has(db)) throw fail.validation('Dữ liệu đang được mã hoá. Hãy chờ xong rồi tải lại trang.');
  encrypting.add(db);
  try {
    return await encryptNow(db, input, ctx);
  } finally {
    encrypting.delete(db);
  }
}

const encrypting = new WeakSet<AppDb>();

async function encryptNow(db: AppDb, input: ParsedInput<'vault.encrypt'>, ctx: CallContext): Promise<CallOutput<'vault.encrypt'>> {
  const opts = optionsOf(db);
  const key = newDataKey();
  const recoveryKey = newRecoveryKey();
  const store = await createKeyStore(key, input.secret, recoveryKey, opts.wrapParams);
  if (opts.device) store.wraps.device = deviceWrap(key, opts.device);
  const safety = await createBackup(db, 'pre_encrypt');

  // From here on everything is synchronous: no other call can write between the copy and the swap.
  const tables = db.sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).pluck().all() as string[];
  const counts = (conn: typeof db.sqlite) => tables.map((t) => conn.prepare(`select count(*) from "${t.replace(/"/g, '""')}"`).pluck().get() as number);
  const before = counts(db.sqlite);
  const storeFile = keyStorePath(db.file);
  // A key store left by an earlier attempt is kept aside, never deleted: key material is not thrown away.
  if (fs.existsSync(storeFile)) fs.renameSync(storeFile, `${storeFile}.cu-${stamp()}`);
  writeKeyStore(storeFile, store);

  const staged = `${db.file}.ma-hoa`;
  try {
    vacuumInto(db.sqlite, staged);
    encryptClosedFile(staged, key);
    // Checked through a fresh connection with K, as the next start will open it: intact and every row there.
    const check = connect(staged, { key, readonly: true, fileMustExist: true });
    try {
      const ok = check.pragma('quick_check', { simple: true });
      const after = counts(check);
      if (ok !== 'ok' || after.some((n, i) => n !== before[i])) throw new Error(`the encrypted copy does not match (${String(ok)})`);
    } finally {
      check.close();
    }
  } catch (e) {
    fs.rmSync(staged, { force: true });
    throw fail.validation(`Không mã hoá được dữ liệu: ${describeIoError(e)}. Dữ liệu vẫn như cũ (chưa mã hoá); bản sao lưu: ${safety.name}.`);
  }
  try {
    replaceConnection(db, () => {
      fs.renameSync(staged, db.file);
      db.key = key;
    });
  } catch (e) {
    // The data is as it was (plaintext); the key store written above opens nothing and is set aside next time.
    fs.rmSync(staged, { force: true });
    throw e;
  }
  notifyDatabaseReplaced(db);

  // The data is encrypted now and the recovery key exists only in this call: nothing below may keep it from the
  // administrator. A backup that cannot be encrypted is named in the audit row and tried again at each start.
  const backups = encryptPlaintextBackups(db.file, key);
  const failedNote = backups.failed.length ? `; chưa mã hoá được: ${backups.failed.map((f) => path.basename(f)).join(', ')}` : '';
  db.sqlite.transaction(() =>
    writeAudit(db, ctx, [
      { action: 'update', entity: 'setting', entityId: 0, field: 'encryption', oldValue: 'off', newValue: `on (${backups.done.length} bản sao lưu cũ cũng được mã hoá${failedNote})` },
    ]),
  ).immediate();
  return { recoveryKey };
}

/** Wrong "current data secret" attempts per database: the same cost of guessing as on the unlock screen. */
const throttles = new WeakMap<AppDb, Throttle>();

async function requireSecret(db: AppDb, store: KeyStoreFile, given: string): Promise<Buffer> {
  if (!db.key) throw fail.validation('Dữ liệu chưa được mã hoá. Hãy bật "Mã hoá dữ liệu" trước.');
  let throttle = throttles.get(db);
  if (!throttle) throttles.set(db, (throttle = new Throttle()));
  const refusal = throttle.refusal();
  if (refusal) throw fail.validation(refusal, { currentSecret: refusal });
  // Counted before the slow check, so attempts sent all at once cannot all slip past the wait.
  throttle.failed();
  const key = store.wraps.secret ? await unwrapWithSecret(store.wraps.secret, given, 'secret') : null;
  if (!key || !key.equals(db.key)) {
    throw fail.validation('Mật khẩu dữ liệu hiện tại không đúng.', { currentSecret: 'Mật khẩu dữ liệu hiện tại không đúng.' });
  }
  throttle.succeeded();
  return key;
}

export async function changeSecret(db: AppDb, input: ParsedInput<'vault.changeSecret'>, ctx: CallContext): Promise<CallOutput<'vault.changeSecret'>> {
  const store = storeOf(db);
  const key = await requireSecret(db, store, input.currentSecret);
  store.wraps.secret = await wrapWithSecret(key, input.secret, 'secret', optionsOf(db).wrapParams);
  writeKeyStore(keyStorePath(db.file), store);
  db.sqlite.transaction(() => writeAudit(db, ctx, [{ action: 'update', entity: 'setting', entityId: 0, field: 'dataSecret', oldValue: null, newValue: '(đã đổi)' }])).immediate();
  return {};
}

export async function replaceRecoveryKey(db: AppDb, input: ParsedInput<'vault.newRecoveryKey'>, ctx: CallContext): Promise<CallOutput<'vault.newRecoveryKey'>> {
  const store = storeOf(db);
  const key = await requireSecret(db, store, input.currentSecret);
  const recoveryKey = newRecoveryKey();
  store.wraps.recovery = await wrapWithSecret(key, recoveryKey, 'recovery', optionsOf(db).wrapParams);
  writeKeyStore(keyStorePath(db.file), store);
  db.sqlite.transaction(() => writeAudit(db, ctx, [{ action: 'update', entity: 'setting', entityId: 0, field: 'recoveryKey', oldValue: null, newValue: '(đã tạo khoá mới)' }])).immediate();
  return { recoveryKey };
}

type Names = keyof typeof vaultCalls & CallName;
/**
 * The vault's calls for an open database. The hosts answer vault.status, vault.unlock and vault.setNewSecret
 * themselves (db/startup.ts) because they must work while the data is locked; these are what an open database
 * says to them.
 */
export const vaultHandlers: { [K in Names]: Handler<K> } = {
  'vault.status': (db) => vaultStatus(db),
  'vault.unlock': () => ({ state: 'open', resetTicket: null }),
  'vault.setNewSecret': () => {
    throw fail.validation('Dữ liệu đang mở; hãy đổi mật khẩu dữ liệu trong Cài đặt.');
  },
  'vault.encrypt': encryptDatabase,
  'vault.changeSecret': changeSecret,
  'vault.newRecoveryKey': replaceRecoveryKey,
};
