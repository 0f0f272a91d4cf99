import { useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi } from 'ag-grid-community';
import { call, errorMessage } from '../../api';
import type { CadreRow } from '../../../../shared/api/cadres';
import { MEMBER_SETS, type IndicatorResult, type MemberSet } from '../../../../shared/api/indicators';
import { CADRE_CATEGORIES } from '../../../../shared/domain/codes';
import { formatVnDate } from '../../../../shared/domain/dates';
import { compareVietnamese, compareVietnameseNames } from '../../../../shared/domain/text';
import { Modal } from '../../components/Modal';
import { gridLocale, gridTheme } from '../../grid/setup';
import { useReference } from '../../data/reference';
import { ExportButtons } from '../../grid/ExportButtons';

// The people behind a figure (numerator, denominator or gap), as they stood on the measured date, exported as shown.

export function MembersDialog({ indicator, onDate, set, onClose }: { indicator: IndicatorResult; onDate: string; set: MemberSet; onClose: () => void }) {
  const ref = useReference();
  const [rows, setRows] = useState<CadreRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const api = useRef<GridApi<CadreRow> | null>(null);

  useEffect(() => {
    let live = true;
    call('indicators.members', { indicatorId: indicator.indicatorId, onDate, set })
      .then((r) => live && setRows(r))
      .catch((e) => live && (setError(errorMessage(e)), setRows([])));
    return () => {
      live = false;
    };
  }, [indicator.indicatorId, onDate, set]);

  const columns = useMemo<ColDef<CadreRow>[]>(
    () => [
      { colId: 'stt', headerName: 'STT', width: 70, valueGetter: (p) => (p.node?.rowIndex ?? 0) + 1, sortable: false },
      { colId: 'fullName', headerName: 'Họ và tên', field: 'fullName', width: 200, comparator: (a, b) => compareVietnameseNames(a, b), sort: 'asc' },
      { colId: 'birthDate', headerName: 'Ngày sinh', width: 105, valueGetter: (p) => formatVnDate(p.data?.birthDate) },
      { colId: 'unit', headerName: 'Đơn vị (vào ngày tính)', width: 300, valueGetter: (p) => ref.unitPath(p.data?.unitId), comparator: (a, b) => compareVietnamese(a, b) },
      { colId: 'post', headerName: 'Chức vụ', width: 180, valueGetter: (p) => p.data?.postTitle ?? '' },
      { colId: 'category', headerName: 'Loại', width: 100, valueGetter: (p) => CADRE_CATEGORIES[p.data?.category as keyof typeof CADRE_CATEGORIES] ?? p.data?.category ?? '' },
      { colId: 'ethnicity', headerName: 'Dân tộc', width: 100, valueGetter: (p) => ref.label('ethnicity', p.data?.ethnicity) },
      { colId: 'professional', headerName: 'Chuyên môn', width: 130, valueGetter: (p) => ref.label('level.chuyen_mon', p.data?.professionalLevel) },
      { colId: 'field', headerName: 'Chuyên ngành', width: 160, valueGetter: (p) => p.data?.professionalField ?? '' },
      { colId: 'political', headerName: 'Lý luận chính trị', width: 130, valueGetter: (p) => ref.label('level.ly_luan_chinh_tri', p.data?.politicalLevel) },
      { colId: 'stateMgmt', headerName: 'Quản lý nhà nước', width: 150, valueGetter: (p) => ref.label('level.quan_ly_nha_nuoc', p.data?.stateMgmtLevel) },
    ],
    [ref],
  );

  const title = `${indicator.code} — ${MEMBER_SETS[set]} ngày ${formatVnDate(onDate)}`;

  return (
    <Modal
      title={title}
      wide
      onClose={onClose}
      footer={
        <>
          <span className="members-count" data-testid="members-count">
            {rows ? `${rows.length.toLocaleString('vi-VN')} người` : 'Đang tải…'}
          </span>
          <ExportButtons
            api={() => api.current}
            fileName={`Chỉ tiêu ${indicator.code} ${MEMBER_SETS[set]} ${formatVnDate(onDate)}`}
            title={`CHỈ TIÊU ${indicator.code} — ${MEMBER_SETS[set].toUpperCase()} NGÀY ${formatVnDate(onDate)}`}
            disabled={!rows?.length}
          />
          <button type="button" className="primary" onClick={onClose}>
            Đóng
          </button>
        </>
      }
    >
      <p className="members-text">{indicator.text}</p>
      {error && <p className="error-text">{error}</p>}
      <div className="members-grid" data-testid="members-grid">
        <AgGridReact<CadreRow>
          theme={gridTheme}
          localeText={gridLocale}
          rowData={rows ?? undefined}
          loading={rows === null}
          columnDefs={columns}
          defaultColDef={{ resizable: true, sortable: true, filter: 'agTextColumnFilter' }}
          getRowId={(p) => String(p.data.id)}
          animateRows={false}
          suppressColumnVirtualisation
          onGridReady={(e) => (api.current = e.api)}
        />
      </div>
    </Modal>
  );
}
