import type { CallName } from '../../../shared/api/contract';
import type { Handler } from '../../handlers';
import type { securityCalls } from '../../../shared/api/security';

type Names = keyof typeof securityCalls & CallName;
/** The security area's services, by call name. */
export const securityHandlers: { [K in Names]: Handler<K> } = {};
