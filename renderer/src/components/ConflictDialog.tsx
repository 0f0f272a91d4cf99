import { Modal } from './Modal';
import type { ConflictState } from '../grid/useEditableGrid';
import type { FieldSpec } from '../grid/fields';

/** Shows, for each field the user changed, their value next to the value saved by someone else meanwhile. */
export function ConflictDialog<Row>({ conflict, fields, getId, rowLabel, onResolve }: {
  conflict: ConflictState<Row>;
  fields: FieldSpec<Row>[];
  getId(row: Row): number;
  rowLabel(row: Row): string;
  onResolve(choice: 'keep-current' | 'overwrite'): void;
}) {
  const lines: { who: string; field: string; mine: string; theirs: string }[] = [];
  for (const item of conflict.mine) {
    const current = conflict.current.find((r) => getId(r) === item.id);
    if (!current) continue;
    for (const spec of fields) {
      const [apiField] = Object.keys(spec.change(null));
      if (!(apiField in item.changes)) continue;
      const mine = item.changes[apiField];
      const mineValue = mine && typeof mine === 'object' ? Object.values(mine as object)[0] : mine;
      if (apiField === 'flags' && !Object.keys(mine as object).includes(spec.colId.replace('flag.', ''))) continue;
      lines.push({ who: rowLabel(current), field: spec.headerName, mine: spec.format(mineValue) || '(trống)', theirs: spec.format(spec.apiValue(current)) || '(trống)' });
    }
  }
  return (
    <Modal
      title="Hồ sơ vừa được sửa ở nơi khác"
      onClose={() => onResolve('keep-current')}
      footer={
        <>
          <button type="button" onClick={() => onResolve('keep-current')}>
            Giữ giá trị hiện tại
          </button>
          <button type="button" className="danger" onClick={() => onResolve('overwrite')}>
            Ghi đè bằng giá trị của tôi
          </button>
        </>
      }
    >
      <p>Trong lúc bạn sửa, hồ sơ đã được lưu bởi một cửa sổ hoặc người dùng khác. Thay đổi của bạn <b>chưa được lưu</b>.</p>
      <table className="simple-table">
        <thead>
          <tr>
            <th>Hồ sơ</th>
            <th>Trường</th>
            <th>Giá trị bạn nhập</th>
            <th>Giá trị hiện tại</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={i}>
              <td>{l.who}</td>
              <td>{l.field}</td>
              <td className="conflict-mine">{l.mine}</td>
              <td className="conflict-theirs">{l.theirs}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
