import type { CallName } from '../../../shared/api/contract';
import type { Handler } from '../../handlers';
import type { trainingCalls } from '../../../shared/api/training';

type Names = keyof typeof trainingCalls & CallName;
/** The training area's services, by call name. */
export const trainingHandlers: { [K in Names]: Handler<K> } = {};
