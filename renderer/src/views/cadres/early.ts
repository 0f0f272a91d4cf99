import { sendEarly } from '../../api';
import { CADRE_GRID_HEAD_ROWS } from '../../../../shared/api/cadres';

// The cadre grid's two opening calls, defined once: the app's start sends them (routes.tsx) and the grid takes
// their answers (CadresView), which only works when both name the same input. The first rows go first: the host
// answers in turn, and they are what is painted first.
export const HEAD_INPUT = { limit: CADRE_GRID_HEAD_ROWS };
export const wholeListInput = (includeDeleted: boolean) => ({ includeDeleted });

export function sendCadreGridEarly(includeDeleted = false): void {
  sendEarly('cadres.listHead', HEAD_INPUT);
  sendEarly('cadres.listTable', wholeListInput(includeDeleted));
}
