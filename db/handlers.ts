import type { CallName, CallOutput, ParsedInput } from '../shared/api/contract';
import type { AppDb } from './open';
import type { CallContext } from './context';
import { appHandlers } from './services/app';
import { listAudit, listAuditActors } from './services/audit';
import { backupOverview, manualBackup, restoreBackup, saveBackupSettings } from './services/backups';
import { bulkUpdateCodes, createCode, listCodes, updateCode } from './services/codes';
import { bulkUpdateCadres, createCadre, deleteCadres, restoreCadres, setCadreStatus, updateCadre } from './services/cadres';
import { cadreTableJson, listCadreRows } from './services/cadre-rows';
import { cadreTableHead } from './services/cadre-head';
import type { RawJson } from '../shared/api/raw-json';
import {
  bulkUpdateQualifications, createAssignment, createQualification, deleteAssignment, deleteQualification, getCadreDetail,
  restoreQualification, updateAssignment, updateFlagPeriod, updateQualification,
} from './services/cadre-history';
import { trainingHandlers } from './services/training/handlers';
import { rotationsHandlers } from './services/rotations/handlers';
import { indicatorsHandlers } from './services/indicators/handlers';
import { reportsHandlers } from './services/reports/handlers';
import { appendTableRows, beginTableWorkbook, cancelTableWorkbook, endTableWorkbook } from './services/exports';
import { importsHandlers } from './services/imports/handlers';
import { securityHandlers } from './services/security/handlers';
import { vaultHandlers } from './services/vault';
import { closeUnit, createUnit, listUnits, moveUnit, reopenUnit, unitHeadcounts, unitParentHistory, updateUnit } from './services/units';

/** A handler answers with the value, or with its JSON already made (RawJson: big lists kept as bytes). */
type Answer<K extends CallName> = CallOutput<K> | RawJson<CallOutput<K>>;
export type Handler<K extends CallName> = (db: AppDb, input: ParsedInput<K>, ctx: CallContext) => Answer<K> | Promise<Answer<K>>;
export type Handlers = { [K in CallName]: Handler<K> };

/** Every call of the contract and the service that answers it; the type makes a missing one a compile error. */
export const handlers: Handlers = {
  ...appHandlers,
  'audit.list': listAudit,
  'backups.list': (db) => backupOverview(db),
  'backups.create': manualBackup,
  'backups.restore': (db, input, ctx) => restoreBackup(db, input, ctx),
  'backups.saveSettings': saveBackupSettings,
  'audit.actors': (db) => listAuditActors(db),
  'codes.list': listCodes,
  'codes.create': createCode,
  'codes.update': updateCode,
  'codes.bulkUpdate': bulkUpdateCodes,
  'cadres.list': (db, input) => listCadreRows(db, input),
  'cadres.listTable': (db, input) => cadreTableJson(db, input),
  'cadres.listHead': (db, input) => cadreTableHead(db, input),
  'cadres.get': getCadreDetail,
  'cadres.create': createCadre,
  'cadres.update': updateCadre,
  'cadres.bulkUpdate': bulkUpdateCadres,
  'cadres.delete': deleteCadres,
  'cadres.restore': restoreCadres,
  'cadres.setStatus': setCadreStatus,
  'assignments.create': createAssignment,
  'assignments.update': updateAssignment,
  'assignments.delete': deleteAssignment,
  'flags.update': updateFlagPeriod,
  'qualifications.create': createQualification,
  'qualifications.update': updateQualification,
  'qualifications.bulkUpdate': bulkUpdateQualifications,
  'qualifications.delete': deleteQualification,
  'qualifications.restore': restoreQualification,
  'units.list': (db) => listUnits(db),
  'units.create': createUnit,
  'units.update': updateUnit,
  'units.move': moveUnit,
  'units.close': closeUnit,
  'units.reopen': reopenUnit,
  'units.headcounts': unitHeadcounts,
  'units.parentHistory': unitParentHistory,
  ...trainingHandlers,
  ...rotationsHandlers,
  ...indicatorsHandlers,
  ...reportsHandlers,
  ...importsHandlers,
  'exports.xlsxBegin': (_db, input, ctx) => beginTableWorkbook(input, ctx),
  'exports.xlsxRows': (_db, input, ctx) => appendTableRows(input, ctx),
  'exports.xlsxEnd': (_db, input, ctx) => endTableWorkbook(input, ctx),
  'exports.xlsxCancel': (_db, input, ctx) => cancelTableWorkbook(input, ctx),
  ...securityHandlers,
  ...vaultHandlers,
};
