import { createElement, lazy, type ComponentType } from 'react';
import { sendCadreGridEarly } from './views/cadres/early';

export interface Route {
  path: string;
  label: string;
  view: ComponentType;
  /** Sent as the app starts on this screen, in parallel with the session check (see sendEarly in api.ts). */
  early?: () => void;
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
    view: cadresView.view,
    // Its first rows, its rows (without the deleted ones: "Hiện hồ sơ đã xoá" starts off) and its code, while the
    // session is checked.
    early: () => {
      sendCadreGridEarly();
      void cadresView.preload();
    },
  },
  { path: 'dao-tao', label: 'Đào tạo bồi dưỡng', view: lazyView(() => import('./views/training/TrainingView')).view },
  { path: 'luan-chuyen', label: 'Luân chuyển', view: lazyView(() => import('./views/rotations/RotationsView')).view },
  { path: 'chi-tieu', label: 'Chỉ tiêu và báo cáo', view: lazyView(() => import('./views/indicators/IndicatorsView')).view },
  { path: 'danh-muc', label: 'Danh mục', view: lazyView(() => import('./views/catalog/CatalogView')).view },
  { path: 'nhat-ky', label: 'Nhật ký thay đổi', view: lazyView(() => import('./views/audit/AuditView')).view },
  { path: 'cai-dat', label: 'Cài đặt', view: lazyView(() => import('./views/settings/SettingsView')).view },
];

/** The screen the address asks for (the first one if none or unknown). */
export function currentRoutePath(): string {
  // The fragment may still carry the web host's token ("#token=…&/danh-muc") on the first load.
  const route = window.location.hash.replace(/^#/, '').split('&').find((part) => part && !part.startsWith('token=')) ?? '';
  const p = route.replace(/^\//, '').split('?')[0];
  return ROUTES.some((r) => r.path === p) ? p : ROUTES[0].path;
}
