import type { CallName } from '../../../shared/api/contract';
import type { Handler } from '../../handlers';
import type { rotationsCalls } from '../../../shared/api/rotations';

type Names = keyof typeof rotationsCalls & CallName;
/** The rotations area's services, by call name. */
export const rotationsHandlers: { [K in Names]: Handler<K> } = {};
