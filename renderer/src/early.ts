import { ROUTES, currentRoutePath } from './routes';

// Imported first by main.tsx, so it runs before React and the app's other modules are evaluated: the data of the
// screen the app opens on is asked for at once, in parallel with the vault and session checks.
const path = currentRoutePath();
ROUTES.find((r) => r.path === path)?.early?.();
