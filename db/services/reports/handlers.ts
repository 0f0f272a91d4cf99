import type { CallName } from '../../../shared/api/contract';
import type { Handler } from '../../handlers';
import type { reportsCalls } from '../../../shared/api/reports';
import { createReport, deleteReport, getReport, issueReport, listReports, refreshReport, saveReportDefaults, updateReport } from './lifecycle';
import { reportWorkbook } from './xlsx';
import { structureMembers } from './structure';

type Names = keyof typeof reportsCalls & CallName;
/** The reports area's services, by call name. */
export const reportsHandlers: { [K in Names]: Handler<K> } = {
  'reports.list': (db) => listReports(db),
  'reports.create': (db, input, ctx) => createReport(db, input, ctx),
  'reports.get': (db, input) => getReport(db, input.id),
  'reports.update': updateReport,
  'reports.refresh': (db, input, ctx) => refreshReport(db, input, ctx),
  'reports.issue': issueReport,
  'reports.delete': deleteReport,
  'reports.structureMembers': (db, input) => structureMembers(db, input.asOf, input.rowKey, input.columnKey),
  'reports.saveDefaults': saveReportDefaults,
  'reports.exportXlsx': (db, input) => reportWorkbook(getReport(db, input.id)),
};
