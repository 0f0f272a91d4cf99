import { memo, type ReactNode } from 'react';
import type { Report, ReportFigures, ReportIndicatorRow, StructureColumn, StructureRow } from '../../../../shared/api/reports';
import {
  documentDateLine, documentNumberLine, formatNumberVn, formatPercentVn, formatSignedVn, percentOf, quarterWords, shortDateVn,
} from '../../../../shared/api/reports-format';
import { INDICATOR_STATUS_LABELS, type IndicatorStatus } from '../../../../shared/api/indicators';

// The report as a Party document (Hướng dẫn 36-HD/VPTW): header blocks, title, body with the tables, signature
// and "Nơi nhận". The same component is the on-screen preview and what prints; sizes are in points and the page
// box comes from reports.css. Everything the clerk typed is rendered as text.

/** Text with one paragraph per line. */
function Paragraphs({ text, empty }: { text: string; empty?: string }) {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return empty ? <p className="doc-empty">{empty}</p> : null;
  return (
    <>
      {lines.map((l, i) => (
        <p key={i} className="doc-p">
          {l}
        </p>
      ))}
    </>
  );
}

const count = (v: number | null | undefined) => (v === null || v === undefined ? '' : formatNumberVn(v));
const cellValue = (row: StructureRow, v: number | null) => (row.measure === 'average' ? (v === null ? '' : formatNumberVn(v, 1)) : count(v));

/** Section headings between structure rows ("Độ tuổi", "Trình độ chuyên môn"...), numbered like a statistics form. */
/** Opens the people behind a cell; given on screen only (the printed page has plain numbers). */
export type OpenCell = (row: StructureRow, column: StructureColumn) => void;

function StructureTable({ caption, rows, columns, pick, withShare, onCell }: { caption: string; rows: StructureRow[]; columns: StructureColumn[]; pick: number[]; withShare: boolean; onCell?: OpenCell }) {
  const total = rows.find((r) => r.key === 'total')?.values[0] ?? 0;
  const body: ReactNode[] = [];
  let section = '';
  let stt = 0;
  for (const r of rows) {
    if (r.section !== section && r.section !== 'Tổng số') {
      section = r.section;
      body.push(
        <tr key={`s-${section}`} className="doc-row-section">
          <td />
          <td colSpan={pick.length + (withShare ? 2 : 1)}>{section}</td>
        </tr>,
      );
    }
    const share = withShare && r.measure === 'count' && r.key !== 'total' ? percentOf(r.values[0] ?? 0, total) : null;
    body.push(
      <tr key={r.key} className={r.indent === 0 ? 'doc-row-total' : undefined}>
        <td className="num">{r.indent <= 1 ? ++stt : ''}</td>
        <td className={`label indent-${r.indent}`}>{r.label}</td>
        {pick.map((i) => (
          <td key={i} className="num">
            {onCell && r.values[i] ? (
              <button type="button" className="doc-cell-link" title="Xem danh sách người" onClick={() => onCell(r, columns[i])}>
                {cellValue(r, r.values[i])}
              </button>
            ) : (
              cellValue(r, r.values[i])
            )}
          </td>
        ))}
        {withShare && <td className="num">{share === null ? '' : formatPercentVn(share)}</td>}
      </tr>,
    );
  }
  return (
    <table className="doc-table doc-structure">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th className="col-stt">STT</th>
          <th>Chỉ tiêu</th>
          {pick.map((i) => (
            <th key={i} className="col-num">
              {columns[i].label}
            </th>
          ))}
          {withShare && <th className="col-num">Tỷ lệ % trên tổng số</th>}
        </tr>
      </thead>
      <tbody>{body}</tbody>
    </table>
  );
}

export function indicatorValue(unit: string, v: number | null): string {
  if (v === null) return '';
  if (unit === 'percent') return `${formatPercentVn(v)}%`;
  if (unit === 'per10k') return formatNumberVn(v, 1).replace(/,0$/, '');
  return formatNumberVn(v, Number.isInteger(v) ? 0 : 1);
}

// The figure parts take only the figures, which stay the same object while the clerk types the header and the
// narrative: memo skips them, so a keystroke does not re-render a table of thousands of rows (twice: preview and
// print root).

const IndicatorTable = memo(function IndicatorTable({ figures: f }: { figures: ReportFigures }) {
  if (!f.indicators.available || f.indicators.rows.length === 0) return <p className="doc-empty">{f.indicators.message ?? 'Chưa có dữ liệu'}</p>;
  const gapText = (r: ReportIndicatorRow) => {
    if (r.gap === null) return '';
    const base = `${formatSignedVn(r.gap)}${r.unit === 'percent' ? ' điểm' : ''}`;
    return r.peopleNeeded ? `${base}; thiếu ${formatNumberVn(r.peopleNeeded)} người` : base;
  };
  return (
    <table className="doc-table doc-indicators">
      <caption>Bảng 3. Kết quả thực hiện các chỉ tiêu đến ngày {shortDateVn(f.asOf)}</caption>
      <thead>
        <tr>
          <th className="col-code">Mã</th>
          <th>Chỉ tiêu</th>
          <th className="col-num">Mục tiêu 2025</th>
          <th className="col-num">Mục tiêu 2030</th>
          <th className="col-value">{quarterWords(f.year, f.quarter).replace(/^q/, 'Q')} (n/N)</th>
          <th className="col-num">Quý trước</th>
          <th className="col-num">Thay đổi</th>
          <th className="col-gap">So với mục tiêu</th>
        </tr>
      </thead>
      <tbody>
        {f.indicators.rows.map((r) => (
          <tr key={r.code} data-code={r.code}>
            {/* A zero-width space after each dot lets "1b.2030" break as "1b." / "2030" in the narrow column. */}
            <td className="center">{r.code.replace(/\./g, '.\u200b')}</td>
            <td className="label">{r.text}</td>
            <td className="num">{indicatorValue(r.unit, r.target2025)}</td>
            <td className="num">{indicatorValue(r.unit, r.target2030)}</td>
            <td className="num">
              {r.value === null ? 'Chưa có' : indicatorValue(r.unit, r.value)}
              {r.n !== null && r.N !== null && <span className="doc-nN">{`${formatNumberVn(r.n)}/${formatNumberVn(r.N)}`}</span>}
            </td>
            <td className="num">{indicatorValue(r.unit, r.previousValue)}</td>
            <td className="num">{formatSignedVn(r.change)}</td>
            <td className="num">
              {gapText(r)}
              {r.status && r.value !== null && <span className="doc-nN">{INDICATOR_STATUS_LABELS[r.status as IndicatorStatus] ?? ''}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});

const TrainingPart = memo(function TrainingPart({ figures }: { figures: ReportFigures }) {
  const t = figures.training;
  if (!t.available) return <p className="doc-empty">{t.message ?? 'Chưa có dữ liệu'}</p>;
  return (
    <>
      <ul className="doc-lines">
        {t.lines.map((l) => (
          <li key={l.key}>
            {l.label}: <b>{l.value === null ? 'chưa có số liệu' : formatNumberVn(l.value)}</b>
          </li>
        ))}
      </ul>
      {t.courses.length > 0 && (
        <table className="doc-table">
          <caption>Bảng 4. Các lớp đào tạo, bồi dưỡng diễn ra trong quý</caption>
          <thead>
            <tr>
              <th className="col-stt">STT</th>
              <th>Lớp</th>
              <th className="col-date">Khai giảng</th>
              <th className="col-date">Kết thúc</th>
              <th className="col-num">Số người học</th>
              <th className="col-num">Hoàn thành trong quý</th>
            </tr>
          </thead>
          <tbody>
            {t.courses.map((c, i) => (
              <tr key={i}>
                <td className="num">{i + 1}</td>
                <td className="label">{c.name}</td>
                <td className="center">{shortDateVn(c.startDate)}</td>
                <td className="center">{shortDateVn(c.endDate)}</td>
                <td className="num">{count(c.enrolled)}</td>
                <td className="num">{count(c.completed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
});

const ROTATION_STATE = { started: 'Bắt đầu trong quý', ended: 'Kết thúc trong quý', ongoing: 'Đang luân chuyển' } as const;

/**
 * The printed table lists the quarter's changes (rotations that started or ended in it). Rotations merely still
 * under way were listed in the quarter they started and are only counted here: at the scale of a merged province
 * they are thousands of rows (dozens of pages) that repeat every quarter. The report's .xlsx keeps every row.
 */
const RotationPart = memo(function RotationPart({ figures }: { figures: ReportFigures }) {
  const r = figures.rotations;
  if (!r.available) return <p className="doc-empty">{r.message ?? 'Chưa có dữ liệu'}</p>;
  const changes = r.items.filter((i) => i.states.includes('started') || i.states.includes('ended'));
  const onlyOngoing = r.items.length - changes.length;
  return (
    <>
      <ul className="doc-lines">
        {r.lines.map((l) => (
          <li key={l.key}>
            {l.label}: <b>{formatNumberVn(l.value ?? 0)}</b>
          </li>
        ))}
      </ul>
      {changes.length > 0 && (
        <table className="doc-table" data-testid="report-rotation-table">
          <caption>Bảng 5. Cán bộ bắt đầu, kết thúc luân chuyển, điều động trong quý</caption>
          <thead>
            <tr>
              <th className="col-stt">STT</th>
              <th>Họ và tên</th>
              <th>Từ đơn vị</th>
              <th>Đến đơn vị</th>
              <th className="col-date">Từ ngày</th>
              <th>Tình trạng</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((i, k) => (
              <tr key={k}>
                <td className="num">{k + 1}</td>
                <td className="label">
                  {i.cadreName}
                  <span className="doc-nN">{i.type}</span>
                </td>
                <td className="label">{i.fromUnit ?? ''}</td>
                <td className="label">{i.toUnit}</td>
                <td className="center">{shortDateVn(i.startDate)}</td>
                <td className="label">{i.states.map((s) => ROTATION_STATE[s]).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {onlyOngoing > 0 && (
        <p className="doc-note" data-testid="report-rotation-ongoing-note">
          {formatNumberVn(onlyOngoing)} cán bộ luân chuyển, điều động từ các quý trước và đang tiếp tục không liệt kê lại trong bảng; danh sách đầy
          đủ ở trang "Luân chuyển" của tệp Excel báo cáo.
        </p>
      )}
    </>
  );
});

/**
 * A block of the document holding a table. On screen the preview lays out and paints only the blocks scrolled into
 * view (reports.css: content-visibility): at the scale of a province table 5 alone is hundreds of rows, which the
 * preview would otherwise lay out before showing its first page. On paper it is a plain block.
 */
function Part({ children }: { children: ReactNode }) {
  return <div className="doc-part">{children}</div>;
}

export function ReportDocument({ report, onCell }: { report: Report; onCell?: OpenCell }) {
  const h = report.header;
  const f = report.figures;
  const s = f.structure;
  const idx = (group: StructureColumn['group']) => s.columns.map((c, i) => (c.group === group ? i : -1)).filter((i) => i >= 0);
  const totalIdx = idx('total');
  return (
    <article className="party-doc" lang="vi" data-testid="report-document">
      <table className="doc-head" role="presentation">
        <tbody>
          <tr>
            <td className="doc-head-left">
              {h.superiorBody && <div className="doc-superior">{h.superiorBody.toLocaleUpperCase('vi')}</div>}
              <div className="doc-issuer">{h.issuingBody ? h.issuingBody.toLocaleUpperCase('vi') : '(CƠ QUAN BAN HÀNH)'}</div>
              <div className="doc-star">*</div>
              <div className="doc-number">{documentNumberLine(h.docNumber, h.docSymbol)}</div>
            </td>
            <td className="doc-head-right">
              <div className="doc-party">
                <span>ĐẢNG CỘNG SẢN VIỆT NAM</span>
              </div>
              <div className="doc-date">{documentDateLine(h.place, h.issueDate)}</div>
            </td>
          </tr>
        </tbody>
      </table>

      <h1 className="doc-title">BÁO CÁO</h1>
      <p className="doc-subject">{h.subject}</p>
      <div className="doc-dash">-----</div>

      {report.status === 'draft' && <p className="doc-draft-mark screen-only">DỰ THẢO — số liệu tính lúc {new Date(f.computedAt).toLocaleString('vi-VN')}</p>}

      <h2 className="doc-h2">I. KẾT QUẢ ĐẠT ĐƯỢC</h2>
      <Paragraphs text={report.narrative.achievements} />

      <h3 className="doc-h3">1. Cơ cấu đội ngũ cán bộ, công chức, viên chức</h3>
      <Part>
        <StructureTable caption={`Bảng 1. Cơ cấu đội ngũ đến ngày ${shortDateVn(s.asOf)}, phân theo cấp`} rows={s.rows} columns={s.columns} pick={[...totalIdx, ...idx('level')]} withShare onCell={onCell} />
      </Part>
      <Part>
        <StructureTable caption={`Bảng 2. Cơ cấu đội ngũ đến ngày ${shortDateVn(s.asOf)}, phân theo khối`} rows={s.rows} columns={s.columns} pick={[...totalIdx, ...idx('kind')]} withShare={false} onCell={onCell} />
      </Part>
      <div className="doc-notes">
        {s.notes.map((n, i) => (
          <p key={i}>{n}</p>
        ))}
      </div>

      <h3 className="doc-h3">2. Kết quả thực hiện các chỉ tiêu của Nghị quyết</h3>
      <Part>
        <IndicatorTable figures={f} />
      </Part>

      <h3 className="doc-h3">3. Công tác đào tạo, bồi dưỡng trong quý</h3>
      <Part>
        <TrainingPart figures={f} />
      </Part>

      <h3 className="doc-h3">4. Công tác luân chuyển, điều động cán bộ</h3>
      <Part>
        <RotationPart figures={f} />
      </Part>

      <h2 className="doc-h2">II. HẠN CHẾ</h2>
      <Paragraphs text={report.narrative.limitations} empty="(Chưa có nội dung)" />

      <h2 className="doc-h2">III. NHIỆM VỤ QUÝ TỚI</h2>
      <Paragraphs text={report.narrative.nextTasks} empty="(Chưa có nội dung)" />

      <table className="doc-foot" role="presentation">
        <tbody>
          <tr>
            <td className="doc-recipients">
              <div className="doc-recipients-title">Nơi nhận:</div>
              {h.recipients.map((r, i) => (
                <div key={i}>{r}</div>
              ))}
            </td>
            <td className="doc-signature">
              {h.signerCapacity && <div className="doc-sign-capacity">{h.signerCapacity.toLocaleUpperCase('vi')}</div>}
              {h.signerTitle && <div className="doc-sign-title">{h.signerTitle.toLocaleUpperCase('vi')}</div>}
              <div className="doc-sign-space" />
              <div className="doc-sign-name">{h.signerName}</div>
            </td>
          </tr>
        </tbody>
      </table>
    </article>
  );
}
