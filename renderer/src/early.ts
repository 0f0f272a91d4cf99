import { sendEarly } from './api';
import { ROUTES, currentRoutePath } from './routes';

// Imported first by main.tsx, so it runs before React and the app's other modules are evaluated: the data the
// opening screen needs is asked for at once, in parallel with the vault and session checks (see sendEarly).
// Every screen reads the code lists and the unit tree (ReferenceProvider).
sendEarly('codes.list', {});
sendEarly('units.list', {});
const path = currentRoutePath();
ROUTES.find((r) => r.path === path)?.early?.();
