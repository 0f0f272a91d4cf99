import type { CallName } from '../../../shared/api/contract';
import type { Handler } from '../../handlers';
import type { importsCalls } from '../../../shared/api/imports';
import { analyzeImport, changeHeader, commitImport, deleteMapping, listImportRows, listImports, listMappings, previewImport, undoImport } from './service';
import { cancelJob, progressOf } from './jobs';

type Names = keyof typeof importsCalls & CallName;
/** The imports area's services, by call name. */
export const importsHandlers: { [K in Names]: Handler<K> } = {
  'imports.analyze': analyzeImport,
  'imports.header': changeHeader,
  'imports.preview': previewImport,
  'imports.rows': listImportRows,
  'imports.commit': commitImport,
  'imports.undo': undoImport,
  'imports.progress': (_db, input) => progressOf(input.jobId),
  'imports.cancel': (_db, input) => ({ cancelled: cancelJob(input.jobId) }),
  'imports.list': listImports,
  'imports.mappings': listMappings,
  'imports.deleteMapping': deleteMapping,
};
