import { createElement, lazy, type ComponentType } from 'react';
import { sendCadreGridEarly } from './views/cadres/early';

export interface Route {
  path: string;
  label: string;
  view: ComponentType;
  /** Sent as the app starts on this screen, in parallel with the session check (see sendEarly in api.ts). */
  early?: () => void;
  /** Loads the view's code (see lazyView). */
  preload: () => Promise<unknown>;
}

/**
 * A view loaded when first opened (React.lazy), rendered directly once its code is loaded. React.lazy suspends on
 * its first render even when the code has arrived meanwhile, and React 19 holds a Suspense boundary's fallback on
 * screen for up to 300 ms before revealing what follows: the opening screen, whose code is asked for as the app
 * starts (see `early`), lost that much of its first paint.
 */
function lazyView(load: () => Promise<{ default: ComponentType }>): { view: ComponentType; preload: () => Promise<unknown> } {
  let loaded: ComponentType | null = null;
  const preload = () =>
    load().then((m) => {
      loaded = m.default;
      return m;
    });
  const Lazy = lazy(preload);
  const view = () => createElement(loaded ?? Lazy);
  return { view, preload };
}

const cadresView = lazyView(() => import('./views/cadres/CadresView'));

// The areas of the main window, in navigation order. Each view is loaded when first opened.
export const ROUTES: Route[] = [
  {
    path: 'can-bo',
    label: 'Cán bộ',
    ...cadresView,
    // Its first rows, its rows (without the deleted ones: "Hiện hồ sơ đã xoá" starts off) and its code, while the
    // session is checked.
    early: () => {
      sendCadreGridEarly();
      void cadresView.preload();
    },
  },
  { path: 'dao-tao', label: 'Đào tạo bồi dưỡng', ...lazyView(() => import('./views/training/TrainingView')) },
  { path: 'luan-chuyen', label: 'Luân chuyển', ...lazyView(() => import('./views/rotations/RotationsView')) },
  { path: 'chi-tieu', label: 'Chỉ tiêu và báo cáo', ...lazyView(() => import('./views/indicators/IndicatorsView')) },
  { path: 'danh-muc', label: 'Danh mục', ...lazyView(() => import('./views/catalog/CatalogView')) },
  { path: 'nhat-ky', label: 'Nhật ký thay đổi', ...lazyView(() => import('./views/audit/AuditView')) },
  { path: 'cai-dat', label: 'Cài đặt', ...lazyView(() => import('./views/settings/SettingsView')) },
];

/**
 * Loads the other screens' code once the opening one has settled, one at a time while the page is idle: the first
 * visit to a screen then renders at once instead of waiting for its code and for React's Suspense fallback
 * (≈ 0.5 s for the indicator dashboard and its charts). A screen whose code fails to load here loads when opened.
 */
export function preloadViewsWhenIdle(afterMs = 4000): void {
  const idle = (f: () => void) => (window.requestIdleCallback ? window.requestIdleCallback(f, { timeout: 10_000 }) : window.setTimeout(f, 200));
  const queue = [...ROUTES];
  const next = () => {
    const route = queue.shift();
    if (route) void route.preload().catch(() => undefined).then(() => idle(next));
  };
  window.setTimeout(() => idle(next), afterMs);
}

/** The screen the address asks for (the first one if none or unknown). */
export function currentRoutePath(): string {
  // The fragment may still carry the web host's token ("#token=…&/danh-muc") on the first load.
  const route = window.location.hash.replace(/^#/, '').split('&').find((part) => part && !part.startsWith('token=')) ?? '';
  const p = route.replace(/^\//, '').split('?')[0];
  return ROUTES.some((r) => r.path === p) ? p : ROUTES[0].path;
}
