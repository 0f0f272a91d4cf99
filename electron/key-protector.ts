import { safeStorage } from 'electron';
import type { DeviceKeyProtector } from '../db/keystore';

/**
 * The data key protected by the OS for this Windows user (safeStorage = DPAPI), so clerks on this PC are not
 * asked for the data secret at every start. On Linux without a keyring safeStorage falls back to a fixed
 * password ("basic_text"), which protects nothing: then there is no device wrap and the unlock screen is used.
 */
export function safeStorageProtector(): DeviceKeyProtector | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    name: 'electron-safeStorage',
    protect: (key) => safeStorage.encryptString(key.toString('base64')).toString('base64'),
    unprotect: (blob) => Buffer.from(safeStorage.decryptString(Buffer.from(blob, 'base64')), 'base64'),
  };
}
