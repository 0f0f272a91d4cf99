import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { sendEarly } from './api';
import { CADRE_GRID_HEAD_ROWS } from '../../shared/api/cadres';

export interface Route {
  path: string;
  label: string;
  view: LazyExoticComponent<ComponentType>;
  /** Sent as the app starts on this screen, in parallel with the session check (see sendEarly in api.ts). */
  early?: () => void;
}

const cadresView = () => import('./views/cadres/CadresView');

// The areas of the main window, in navigation order. Each view is loaded when first opened.
export const ROUTES: Route[] = [
  {
    path: 'can-bo',
    label: 'Cán bộ',
    view: lazy(cadresView),
    // Its first rows, its rows (without the deleted ones: "Hiện hồ sơ đã xoá" starts off) and its code, while the
    // session is checked. The first rows go first: the host answers in turn, and they are what is painted first.
    early: () => {
      sendEarly('cadres.listHead', { limit: CADRE_GRID_HEAD_ROWS });
      sendEarly('cadres.listTable', { includeDeleted: false });
      void cadresView();
    },
  },
  { path: 'dao-tao', label: 'Đào tạo bồi dưỡng', view: lazy(() => import('./views/training/TrainingView')) },
  { path: 'luan-chuyen', label: 'Luân chuyển', view: lazy(() => import('./views/rotations/RotationsView')) },
  { path: 'chi-tieu', label: 'Chỉ tiêu và báo cáo', view: lazy(() => import('./views/indicators/IndicatorsView')) },
  { path: 'danh-muc', label: 'Danh mục', view: lazy(() => import('./views/catalog/CatalogView')) },
  { path: 'nhat-ky', label: 'Nhật ký thay đổi', view: lazy(() => import('./views/audit/AuditView')) },
  { path: 'cai-dat', label: 'Cài đặt', view: lazy(() => import('./views/settings/SettingsView')) },
];

/** The screen the address asks for (the first one if none or unknown). */
export function currentRoutePath(): string {
  // The fragment may still carry the web host's token ("#token=…&/danh-muc") on the first load.
  const route = window.location.hash.replace(/^#/, '').split('&').find((part) => part && !part.startsWith('token=')) ?? '';
  const p = route.replace(/^\//, '').split('?')[0];
  return ROUTES.some((r) => r.path === p) ? p : ROUTES[0].path;
}
