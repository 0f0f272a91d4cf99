import { useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../../api';
import { Modal } from '../../components/Modal';
import type { StructureColumn, StructureMember, StructureRow } from '../../../../shared/api/reports';
import { formatNumberVn, shortDateVn } from '../../../../shared/api/reports-format';
import { ExportButtons } from '../../grid/ExportButtons';

// The people behind one number of the structure table, so every figure can be checked name by name.

export interface CellRef {
  asOf: string;
  row: StructureRow;
  column: StructureColumn;
}

export function StructureMembersDialog({ cell, current, onClose }: { cell: CellRef; current: boolean; onClose(): void }) {
  const [members, setMembers] = useState<StructureMember[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  useEffect(() => {
    call('reports.structureMembers', { asOf: cell.asOf, rowKey: cell.row.key, columnKey: cell.column.key }).then(setMembers, (e) => setError(errorMessage(e)));
  }, [cell]);
  const title = `${cell.row.label} — ${cell.column.label} (đến ngày ${shortDateVn(cell.asOf)})`;
  return (
    <Modal
      title={title}
      onClose={onClose}
      wide
      footer={
        <>
          <ExportButtons table={() => tableRef.current} fileName={`${cell.row.label} ${cell.column.label} ${shortDateVn(cell.asOf)}`} title={title.toUpperCase()} disabled={!members?.length} />
          <button type="button" onClick={onClose}>
            Đóng
          </button>
        </>
      }
    >
      {current && <p className="hint">Báo cáo đã ban hành giữ nguyên số liệu; danh sách dưới đây lấy theo hồ sơ hiện tại cho ngày trên, có thể khác nếu hồ sơ đã được sửa sau khi ban hành.</p>}
      {error && <p className="error-text" role="alert">{error}</p>}
      {!members && !error && <p>Đang tải…</p>}
      {members && (
        <>
          <p>{formatNumberVn(members.length)} người</p>
          <table className="simple-table members-table" aria-label="Danh sách người" ref={tableRef}>
            <thead>
              <tr>
                <th>STT</th>
                <th>Họ và tên</th>
                <th>Ngày sinh</th>
                <th>Tuổi</th>
                <th>Đơn vị</th>
                <th>Chức vụ</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m, i) => (
                <tr key={m.cadreId}>
                  <td className="num">{i + 1}</td>
                  <td>{m.fullName}</td>
                  <td>{shortDateVn(m.birthDate)}</td>
                  <td className="num">{m.age ?? ''}</td>
                  <td>{m.unitName}</td>
                  <td>{m.postTitle ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Modal>
  );
}
