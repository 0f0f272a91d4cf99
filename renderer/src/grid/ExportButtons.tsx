import type { GridApi } from 'ag-grid-community';
import { useNotify } from '../components/notify';
import { exportGrid } from './exportGrid';

/**
 * "Xuất Excel" and "Xuất CSV" for any grid's toolbar: exports what the grid shows (filter, sort, visible columns).
 *   <ExportButtons api={() => apiRef.current} fileName="Danh sach hoc vien" title="DANH SÁCH HỌC VIÊN" />
 */
export function ExportButtons<Row>({ api, fileName, title }: { api: () => GridApi<Row> | null | undefined; fileName: string; title?: string }) {
  const notify = useNotify();
  const run = async (format: 'xlsx' | 'csv') => {
    const grid = api();
    if (!grid) return;
    try {
      const n = await exportGrid(grid, { fileName, format, title: format === 'xlsx' ? title : undefined });
      notify('success', `Đã xuất ${n.toLocaleString('vi-VN')} dòng ra tệp ${format === 'xlsx' ? 'Excel' : 'CSV'}.`);
    } catch (e) {
      notify('error', `Không xuất được tệp: ${(e as Error).message}`);
    }
  };
  return (
    <>
      <button type="button" onClick={() => run('xlsx')} title="Xuất các dòng và cột đang hiển thị ra tệp Excel (.xlsx)">
        Xuất Excel
      </button>
      <button type="button" onClick={() => run('csv')} title="Xuất các dòng và cột đang hiển thị ra tệp CSV (UTF-8)">
        Xuất CSV
      </button>
    </>
  );
}
