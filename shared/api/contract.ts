import type { z } from 'zod';
import { appCalls } from './app';
import { auditCalls } from './audit';
import { backupCalls } from './backups';
import { cadreCalls } from './cadres';
import { codeCalls } from './codes';
import { unitCalls } from './units';
import { trainingCalls } from './training';
import { rotationsCalls } from './rotations';
import { indicatorsCalls } from './indicators';
import { reportsCalls } from './reports';
import { importsCalls } from './imports';
import { exportsCalls } from './exports';
import { securityCalls } from './security';
import { vaultCalls } from './vault';
import { isKeyOf } from '../domain/codes';

/** The whole API: every call the renderer can make, by name. Each area adds its calls here. */
export const contract = {
  ...appCalls,
  ...auditCalls,
  ...backupCalls,
  ...cadreCalls,
  ...codeCalls,
  ...unitCalls,
  ...trainingCalls,
  ...rotationsCalls,
  ...indicatorsCalls,
  ...reportsCalls,
  ...importsCalls,
  ...exportsCalls,
  ...securityCalls,
  ...vaultCalls,
};

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends CallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Contract[K]['output']>;
export const CALL_NAMES = Object.keys(contract) as CallName[];

export function isCallName(name: string): name is CallName {
  return isKeyOf(contract, name);
}
