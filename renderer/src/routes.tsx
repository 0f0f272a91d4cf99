import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface Route {
  path: string;
  label: string;
  view: LazyExoticComponent<ComponentType>;
}

// The areas of the main window, in navigation order. Each view is loaded when first opened.
export const ROUTES: Route[] = [
  { path: 'can-bo', label: 'Cán bộ', view: lazy(() => import('./views/cadres/CadresView')) },
  { path: 'dao-tao', label: 'Đào tạo bồi dưỡng', view: lazy(() => import('./views/training/TrainingView')) },
  { path: 'luan-chuyen', label: 'Luân chuyển', view: lazy(() => import('./views/rotations/RotationsView')) },
  { path: 'chi-tieu', label: 'Chỉ tiêu và báo cáo', view: lazy(() => import('./views/indicators/IndicatorsView')) },
  { path: 'danh-muc', label: 'Danh mục', view: lazy(() => import('./views/catalog/CatalogView')) },
  { path: 'nhat-ky', label: 'Nhật ký thay đổi', view: lazy(() => import('./views/audit/AuditView')) },
  { path: 'cai-dat', label: 'Cài đặt', view: lazy(() => import('./views/settings/SettingsView')) },
];
