import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// The key store: a small JSON file next to the database ("<db>.keys.json") holding the database's data key K,
// wrapped several ways. K is 32 random bytes used as SQLCipher's raw key (no slow KDF at every open) and never
// changes, so every backup ever made stays openable. Each wrap is AES-256-GCM of K under a wrapping key:
//   secret   - scrypt of the administrator's data secret ("mật khẩu dữ liệu");
//   recovery - scrypt of the recovery key shown once at setup;
//   device   - a blob from the host's OS protection (Electron safeStorage = DPAPI on Windows), so clerks on that
//              PC are not asked for the secret at every start. Another PC cannot open this wrap.
// Unlocking needs only this file, never the (encrypted) database. Losing both the secret and the recovery key
// loses the data: that is the point of encryption, and the setup screen says so.

export const KEY_LENGTH = 32;

export interface ScryptWrap {
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  data: string;
  createdAt: string;
}

export interface DeviceWrap {
  protector: string;
  data: string;
  createdAt: string;
}

export interface KeyStoreFile {
  format: 1;
  /** How the database is encrypted (documentation for experts: SQLCipher 4 with a raw 256-bit key). */
  cipher: 'sqlcipher-4-raw-key';
  /** An identifier of K (not secret): tells backups' key stores that belong to the same data apart from others. */
  keyId: string;
  wraps: { secret?: ScryptWrap; recovery?: ScryptWrap; device?: DeviceWrap };
}

/** The host's OS-level protection of K (Electron safeStorage). The web host has none. */
export interface DeviceKeyProtector {
  /** Short name stored with the wrap, e.g. "electron-safeStorage". */
  readonly name: string;
  protect(key: Buffer): string;
  unprotect(blob: string): Buffer;
}

/** scrypt cost for the wraps: 2^17 x 8 x 128 B = 128 MiB, about 0.3-0.6 s: paid once per unlock, slow for a guesser. */
export const WRAP_SCRYPT = { N: 2 ** 17, r: 8, p: 1 };
/** Tests may lower the cost; never below this. */
const MIN_N = 2 ** 10;
const MAX_N = 2 ** 20;

export const keyStorePath = (dbFile: string) => `${dbFile}.keys.json`;

export function newDataKey(): Buffer {
  return crypto.randomBytes(KEY_LENGTH);
}

export const keyIdOf = (key: Buffer) => crypto.createHash('sha256').update('qlcb-key-id').update(key).digest('hex').slice(0, 16);

function scrypt(secret: string, salt: Buffer, p: { N: number; r: number; p: number }): Promise<Buffer> {
  if (!(p.N >= MIN_N && p.N <= MAX_N && p.r >= 1 && p.r <= 32 && p.p >= 1 && p.p <= 4)) {
    return Promise.reject(new KeyStoreError('damaged', 'Tệp khoá có tham số không hợp lệ.'));
  }
  return new Promise((resolve, reject) =>
    crypto.scrypt(secret.normalize('NFC'), salt, 32, { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 1024 * 1024 }, (err, k) => (err ? reject(err) : resolve(k))),
  );
}

const aad = (kind: string) => Buffer.from(`qlcb-keystore-1:${kind}`);

export async function wrapWithSecret(key: Buffer, secret: string, kind: 'secret' | 'recovery', params = WRAP_SCRYPT): Promise<ScryptWrap> {
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const wrappingKey = await scrypt(secret, salt, params);
  const cipher = crypto.createCipheriv('aes-256-gcm', wrappingKey, iv);
  cipher.setAAD(aad(kind));
  const data = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    kdf: 'scrypt',
    ...params,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
    createdAt: new Date().toISOString(),
  };
}

/** K, or null when the secret is wrong (GCM's tag does not verify). */
export async function unwrapWithSecret(wrap: ScryptWrap, secret: string, kind: 'secret' | 'recovery'): Promise<Buffer | null> {
  const wrappingKey = await scrypt(secret, Buffer.from(wrap.salt, 'base64'), wrap);
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(wrap.iv, 'base64'));
    decipher.setAAD(aad(kind));
    decipher.setAuthTag(Buffer.from(wrap.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(wrap.data, 'base64')), decipher.final()]);
    return key.length === KEY_LENGTH ? key : null;
  } catch {
    return null;
  }
}

export class KeyStoreError extends Error {
  constructor(
    public readonly reason: 'missing' | 'damaged',
    message: string,
  ) {
    super(message);
    this.name = 'KeyStoreError';
  }
}

export function readKeyStore(file: string): KeyStoreFile | null {
  if (!fs.existsSync(file)) return null;
  let parsed: KeyStoreFile;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyStoreFile;
  } catch {
    throw new KeyStoreError('damaged', `Tệp khoá "${path.basename(file)}" bị hỏng (không đọc được).`);
  }
  if (parsed?.format !== 1 || typeof parsed.wraps !== 'object' || !parsed.wraps) {
    throw new KeyStoreError('damaged', `Tệp khoá "${path.basename(file)}" không đúng định dạng.`);
  }
  return parsed;
}

/** Written to a temporary file, flushed, then renamed: a crash leaves the old store or the new one, never half. */
export function writeKeyStore(file: string, store: KeyStoreFile): void {
  const tmp = `${file}.dang-ghi`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(store, null, 2));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

export async function createKeyStore(key: Buffer, secret: string, recoveryKey: string, params = WRAP_SCRYPT): Promise<KeyStoreFile> {
  return {
    format: 1,
    cipher: 'sqlcipher-4-raw-key',
    keyId: keyIdOf(key),
    wraps: { secret: await wrapWithSecret(key, secret, 'secret', params), recovery: await wrapWithSecret(key, normalizeRecoveryKey(recoveryKey), 'recovery', params) },
  };
}

export function deviceWrap(key: Buffer, protector: DeviceKeyProtector): DeviceWrap {
  return { protector: protector.name, data: protector.protect(key), createdAt: new Date().toISOString() };
}

/** K from the device wrap, or null when there is none, it belongs to another protector/PC, or it does not match. */
export function unwrapDevice(store: KeyStoreFile, protector: DeviceKeyProtector | undefined): Buffer | null {
  const wrap = store.wraps.device;
  if (!wrap || !protector || wrap.protector !== protector.name) return null;
  try {
    const key = protector.unprotect(wrap.data);
    return key.length === KEY_LENGTH && keyIdOf(key) === store.keyId ? key : null;
  } catch {
    return null;
  }
}

// Recovery keys: 20 random bytes as 32 characters of Crockford's base32 in groups of four (XXXX-XXXX-…): no
// I, L, O or U to misread; typing is forgiving (case, spaces, dashes, O for 0, I/L for 1).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newRecoveryKey(): string {
  const bytes = crypto.randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)!.join('-');
}

export function normalizeRecoveryKey(given: string): string {
  const plain = given
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return plain.match(/.{1,4}/g)?.join('-') ?? '';
}

export const looksLikeRecoveryKey = (given: string) => /^[0-9A-HJKMNP-TV-Z]{32}$/.test(normalizeRecoveryKey(given).replace(/-/g, ''));
