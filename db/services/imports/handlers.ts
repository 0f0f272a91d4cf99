import type { CallName } from '../../../shared/api/contract';
import type { Handler } from '../../handlers';
import type { importsCalls } from '../../../shared/api/imports';

type Names = keyof typeof importsCalls & CallName;
/** The imports area's services, by call name. */
export const importsHandlers: { [K in Names]: Handler<K> } = {};
