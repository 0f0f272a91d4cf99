import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { AG_GRID_LOCALE_VN } from '@ag-grid-community/locale';

ModuleRegistry.registerModules([AllCommunityModule]);

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  rowHeight: 30,
  headerHeight: 34,
  spacing: 6,
  accentColor: '#9b1c1c',
  headerBackgroundColor: '#f3ede4',
});

export const gridLocale = {
  ...AG_GRID_LOCALE_VN,
  noRowsToShow: 'Không có dòng nào',
  loadingOoo: 'Đang tải…',
};
