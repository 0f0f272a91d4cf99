import type { CallName } from '../../../shared/api/contract';
import type { Handler } from '../../handlers';
import type { indicatorsCalls } from '../../../shared/api/indicators';

type Names = keyof typeof indicatorsCalls & CallName;
/** The indicators area's services, by call name. */
export const indicatorsHandlers: { [K in Names]: Handler<K> } = {};
