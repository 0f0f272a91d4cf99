import { useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi } from 'ag-grid-community';
import { call, errorMessage } from '../../api';
import type { CommitmentRow } from '../../../../shared/api/training';
import { ENROLMENT_STATUSES } from '../../../../shared/api/training';
import { formatVnDate } from '../../../../shared/domain/dates';
import { compareVietnameseNames } from '../../../../shared/domain/text';
import { useNotify } from '../../components/notify';
import { gridLocale, gridTheme } from '../../grid/setup';
import { useReference } from '../../data/reference';
import { formatMoney } from './trainingFields';
import { ExportButtons } from '../../grid/ExportButtons';

// Service commitments after state-funded postgraduate study and who must reimburse the training costs.

export const COMMITMENT_STATES: Record<CommitmentRow['state'], string> = {
  open: 'Đang thực hiện cam kết',
  fulfilled: 'Đã hoàn thành cam kết',
  reimburse: 'Phải bồi hoàn',
};

export function CommitmentsTab() {
  const ref = useReference();
  const notify = useNotify();
  const [rows, setRows] = useState<CommitmentRow[] | null>(null);
  const [state, setState] = useState<'' | CommitmentRow['state']>('');
  const apiRef = useRef<GridApi<CommitmentRow> | null>(null);
  useEffect(() => {
    call('training.commitments.list', {}).then(setRows, (e) => notify('error', errorMessage(e)));
  }, [notify]);
  const shown = useMemo(() => (rows ?? []).filter((r) => !state || r.state === state), [rows, state]);
  const columns = useMemo<ColDef<CommitmentRow>[]>(
    () => [
      { colId: 'cadreName', headerName: 'Họ và tên', field: 'cadreName', width: 190, pinned: 'left', sort: 'asc', comparator: (a, b) => compareVietnameseNames(a, b) },
      { colId: 'state', headerName: 'Tình trạng', width: 170, valueGetter: (p) => (p.data ? COMMITMENT_STATES[p.data.state] : ''), cellClassRules: { 'cell-invalid': (p) => p.data?.state === 'reimburse' } },
      { colId: 'reason', headerName: 'Lý do', field: 'reason', width: 320, tooltipField: 'reason' },
      { colId: 'unit', headerName: 'Đơn vị hiện tại', width: 220, valueGetter: (p) => ref.unitName(p.data?.cadreUnitId) },
      { colId: 'courseName', headerName: 'Khoá học', field: 'courseName', width: 220 },
      { colId: 'period', headerName: 'Thời gian học', width: 190, valueGetter: (p) => (p.data ? `${formatVnDate(p.data.courseStart)} – ${formatVnDate(p.data.courseEnd)}` : '') },
      { colId: 'enrolmentStatus', headerName: 'Kết quả học', width: 140, valueGetter: (p) => (p.data ? ENROLMENT_STATUSES[p.data.enrolmentStatus as keyof typeof ENROLMENT_STATUSES] : '') },
      { colId: 'rule', headerName: 'Quy định áp dụng', width: 200, valueGetter: (p) => (p.data?.ruleName ? `${p.data.ruleName} (×${String(p.data.multiplier).replace('.', ',')})` : '') },
      { colId: 'commitmentEnd', headerName: 'Cam kết đến', width: 120, valueGetter: (p) => formatVnDate(p.data?.commitmentEnd) },
      { colId: 'cost', headerName: 'Chi phí đào tạo (đồng)', width: 160, type: 'rightAligned', valueGetter: (p) => (p.data?.costVnd === null || p.data?.costVnd === undefined ? '' : formatMoney(p.data.costVnd)) },
    ],
    [ref],
  );
  const reimburse = (rows ?? []).filter((r) => r.state === 'reimburse').length;
  return (
    <div className="training-commitments">
      <div className="toolbar">
        <select aria-label="Lọc theo tình trạng cam kết" value={state} onChange={(e) => setState(e.target.value as typeof state)}>
          <option value="">Tất cả</option>
          {Object.entries(COMMITMENT_STATES).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <span className="muted">
          Cam kết phục vụ sau đào tạo sau đại học bằng ngân sách nhà nước: tính từ ngày kết thúc khoá học, bằng hệ số × thời gian đào tạo theo quy định có hiệu lực vào ngày bắt đầu khoá học. {reimburse > 0 && <strong>{reimburse} trường hợp phải bồi hoàn.</strong>}
        </span>
        <ExportButtons api={() => apiRef.current} fileName="Cam kết phục vụ" title="CAM KẾT PHỤC VỤ SAU ĐÀO TẠO, BỒI HOÀN" />
      </div>
      <div className="grid-wrap" data-testid="commitment-grid">
        <AgGridReact<CommitmentRow>
          theme={gridTheme}
          localeText={gridLocale}
          rowData={shown}
          loading={rows === null}
          columnDefs={columns}
          defaultColDef={{ resizable: true, sortable: true, filter: true }}
          getRowId={(p) => String(p.data.enrolmentId)}
          onGridReady={(e) => (apiRef.current = e.api)}
          animateRows={false}
          suppressColumnVirtualisation
          tooltipShowDelay={300}
        />
      </div>
    </div>
  );
}
