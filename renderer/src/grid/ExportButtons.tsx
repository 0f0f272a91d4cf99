import type { GridApi } from 'ag-grid-community';
import { useNotify } from '../components/notify';
import { exportTable, gridToTable, htmlTableToTable, type ExportTable } from './exportGrid';

/** Where the rows come from: an AG Grid, a plain <table>, or a table the caller builds. */
export type ExportSource<Row> =
  | { api: () => GridApi<Row> | null | undefined; table?: never; data?: never }
  | { table: () => HTMLTableElement | null | undefined; api?: never; data?: never }
  | { data: () => ExportTable | null | undefined; api?: never; table?: never };

/**
 * "Xuất Excel" and "Xuất CSV" for any grid's or table's toolbar: exports what it shows (filter, sort, visible
 * columns, labels) to a file named after `fileName` without diacritics, with the day:
 *   <ExportButtons api={() => apiRef.current} fileName="Danh sách học viên" title="DANH SÁCH HỌC VIÊN" />
 *   <ExportButtons table={() => tableRef.current} fileName="Quá trình công tác" />
 */
export function ExportButtons<Row>(
  props: ExportSource<Row> & {
    fileName: string;
    title?: string;
    disabled?: boolean;
    /** Runs before the rows are read, e.g. to load the rows not loaded yet; false cancels (it has said why). */
    prepare?: () => Promise<boolean>;
  },
) {
  const notify = useNotify();
  const { fileName, title, disabled, prepare } = props;
  const read = (): ExportTable | null => {
    if (props.api) {
      const api = props.api();
      return api ? gridToTable(api) : null;
    }
    if (props.table) {
      const el = props.table();
      return el ? htmlTableToTable(el) : null;
    }
    return props.data?.() ?? null;
  };
  const run = async (format: 'xlsx' | 'csv') => {
    if (prepare && !(await prepare())) return;
    const table = read();
    if (!table) return notify('info', 'Danh sách chưa tải xong; hãy thử lại sau giây lát.');
    try {
      const n = await exportTable(table, { fileName, format, title: format === 'xlsx' ? title : undefined });
      notify('success', `Đã xuất ${n.toLocaleString('vi-VN')} dòng ra tệp ${format === 'xlsx' ? 'Excel' : 'CSV'}.`);
    } catch (e) {
      notify('error', `Không xuất được tệp: ${(e as Error).message}`);
    }
  };
  return (
    <span className="export-buttons">
      <button type="button" onClick={() => void run('xlsx')} disabled={disabled} title="Xuất các dòng và cột đang hiển thị ra tệp Excel (.xlsx)">
        Xuất Excel
      </button>
      <button type="button" onClick={() => void run('csv')} disabled={disabled} title="Xuất các dòng và cột đang hiển thị ra tệp CSV (UTF-8)">
        Xuất CSV
      </button>
    </span>
  );
}
