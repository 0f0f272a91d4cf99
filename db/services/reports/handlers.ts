import type { CallName } from '../../../shared/api/contract';
import type { Handler } from '../../handlers';
import type { reportsCalls } from '../../../shared/api/reports';

type Names = keyof typeof reportsCalls & CallName;
/** The reports area's services, by call name. */
export const reportsHandlers: { [K in Names]: Handler<K> } = {};
