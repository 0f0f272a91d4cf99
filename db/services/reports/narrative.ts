import type { ReportFigures, ReportIndicatorRow, ReportNarrative, StructureRow } from '../../../shared/api/reports';
import { formatNumberVn, formatPercentVn, percentOf, quarterWords, shortDateVn } from '../../../shared/api/reports-format';

// The factual first draft of the narrative sections, written from the figures in plain Vietnamese sentences with
// the numbers. The clerk rewrites it in the app; it only saves them from copying figures by hand. One paragraph
// per line.

const people = (n: number | null | undefined) => `${formatNumberVn(n ?? 0)} người`;
const share = (n: number, total: number) => {
  const p = percentOf(n, total);
  return p === null ? '' : ` (${formatPercentVn(p)}%)`;
};

/** An indicator's value in its unit: "62,5%", "10,2 bác sĩ/vạn dân" reads as "10,2/vạn dân", "28.000". */
export function indicatorValueText(unit: string, value: number | null): string {
  if (value === null) return 'chưa có số liệu';
  if (unit === 'percent') return `${formatPercentVn(value)}%`;
  if (unit === 'per10k') return `${formatNumberVn(value, 1).replace(/,0$/, '')}/vạn dân`;
  return formatNumberVn(value, Number.isInteger(value) ? 0 : 1);
}

const nOfN = (r: ReportIndicatorRow) => (r.n !== null && r.N !== null ? ` (${formatNumberVn(r.n)}/${formatNumberVn(r.N)} người)` : '');
const gapUnit = (unit: string) => (unit === 'percent' ? ' điểm phần trăm' : '');
const targetText = (r: ReportIndicatorRow) => {
  const t = r.gapTargetYear === 2025 ? r.target2025 : r.gapTargetYear === 2030 ? r.target2030 : null;
  return t === null ? '' : `mục tiêu năm ${r.gapTargetYear} (${indicatorValueText(r.unit, t)})`;
};
/** A change that shows at one decimal (a rise from 88,21% to 88,24% is no rise on paper). */
const visible = (change: number | null): change is number => change !== null && Math.round(change * 10) !== 0;

function row(figures: ReportFigures, key: string): StructureRow | undefined {
  return figures.structure.rows.find((r) => r.key === key);
}
const totalOf = (r: StructureRow | undefined) => r?.values[0] ?? 0;

function structureParagraphs(f: ReportFigures): string[] {
  const cols = f.structure.columns;
  const total = totalOf(row(f, 'total'));
  if (total === 0) return [`Đến ngày ${shortDateVn(f.asOf)}, chưa có cán bộ, công chức, viên chức đang công tác nào trong hồ sơ.`];
  const byLevel = cols
    .map((c, i) => ({ c, v: row(f, 'total')?.values[i] ?? 0 }))
    .filter((x) => x.c.group === 'level' && x.v > 0)
    .map((x) => `${x.c.label.toLowerCase()} ${formatNumberVn(x.v)}`);
  const women = totalOf(row(f, 'women'));
  const minority = totalOf(row(f, 'minority'));
  const party = totalOf(row(f, 'party'));
  const avg = row(f, 'age_avg')?.values[0];
  const out = [
    `Đến ngày ${shortDateVn(f.asOf)}, tổng số cán bộ, công chức, viên chức đang công tác là ${people(total)}${byLevel.length ? ` (${byLevel.join(', ')})` : ''}. ` +
      `Trong đó: nữ ${people(women)}${share(women, total)}; người dân tộc thiểu số ${people(minority)}${share(minority, total)}; ` +
      `đảng viên ${people(party)}${share(party, total)}${avg !== null && avg !== undefined ? `; tuổi bình quân ${formatNumberVn(avg, 1)}` : ''}.`,
  ];
  const levels = (section: string, label: string) => {
    const parts = f.structure.rows
      .filter((r) => r.section === section && r.indent === 1 && !r.key.endsWith('_none') && (r.values[0] ?? 0) > 0)
      .map((r) => `${r.label.toLowerCase()} ${formatNumberVn(r.values[0])}${share(r.values[0] ?? 0, total)}`);
    return parts.length ? `${label}: ${parts.join(', ')}` : null;
  };
  const quality = [levels('Trình độ chuyên môn', 'trình độ chuyên môn'), levels('Trình độ lý luận chính trị', 'lý luận chính trị'), levels('Trình độ quản lý nhà nước', 'quản lý nhà nước')].filter(Boolean);
  if (quality.length) out.push(`Về chất lượng, ${quality.join('; ')}.`);
  return out;
}

function indicatorAchievements(f: ReportFigures): string[] {
  if (!f.indicators.available) return [];
  const rows = f.indicators.rows;
  const withValue = rows.filter((r) => r.value !== null);
  const reached = rows.filter((r) => r.status === 'dat');
  const out: string[] = [];
  if (rows.length) {
    out.push(
      `Về các chỉ tiêu của Nghị quyết: có ${withValue.length}/${rows.length} chỉ tiêu có số liệu, trong đó ${reached.length} chỉ tiêu đạt hoặc vượt mục tiêu` +
        (reached.length
          ? `: ${reached.map((r) => `chỉ tiêu ${r.code} đạt ${indicatorValueText(r.unit, r.value)}${nOfN(r)}${targetText(r) ? ` so với ${targetText(r)}` : ''}`).join('; ')}.`
          : '.'),
    );
  }
  const up = rows.filter((r) => visible(r.change) && r.change > 0);
  if (up.length) {
    out.push(`So với quý trước, tăng ở các chỉ tiêu: ${up.map((r) => `${r.code} (từ ${indicatorValueText(r.unit, r.previousValue)} lên ${indicatorValueText(r.unit, r.value)})`).join('; ')}.`);
  }
  return out;
}

function activityParagraphs(f: ReportFigures): string[] {
  const out: string[] = [];
  const line = (lines: { key: string; value: number | null }[], key: string) => lines.find((l) => l.key === key)?.value ?? 0;
  if (f.training.available) {
    const t = f.training.lines;
    const budget = t.find((l) => l.key === 'budget')?.value;
    out.push(
      `Công tác đào tạo, bồi dưỡng: trong quý có ${line(t, 'courses_started')} lớp khai giảng, ${line(t, 'courses_ended')} lớp kết thúc; ` +
        `cử ${formatNumberVn(line(t, 'enrolments'))} lượt người đi học, ${formatNumberVn(line(t, 'completions'))} lượt người hoàn thành` +
        (budget !== null && budget !== undefined ? `; kinh phí dự toán các lớp khai giảng ${formatNumberVn(budget)} đồng.` : '.'),
    );
  }
  if (f.rotations.available) {
    const r = f.rotations.lines;
    out.push(
      `Công tác luân chuyển, điều động: ${line(r, 'started')} cán bộ bắt đầu, ${line(r, 'ended')} cán bộ kết thúc trong quý; ` +
        `${line(r, 'ongoing')} cán bộ đang luân chuyển đến ngày ${shortDateVn(f.asOf)}.`,
    );
  }
  return out;
}

function limitations(f: ReportFigures): string[] {
  const out: string[] = [];
  if (f.indicators.available) {
    for (const r of f.indicators.rows.filter((x) => x.status === 'chua_dat' || x.status === 'gan_dat')) {
      const gap = r.gap !== null ? `, còn thấp hơn ${targetText(r)} ${formatPercentVn(Math.abs(r.gap))}${gapUnit(r.unit)}` : '';
      out.push(`Chỉ tiêu ${r.code} - ${r.text.replace(/[.;:]+$/, '')}: đạt ${indicatorValueText(r.unit, r.value)}${nOfN(r)}${gap}.`);
    }
    const down = f.indicators.rows.filter((r) => visible(r.change) && r.change < 0);
    if (down.length) {
      out.push(`So với quý trước, giảm ở các chỉ tiêu: ${down.map((r) => `${r.code} (từ ${indicatorValueText(r.unit, r.previousValue)} xuống ${indicatorValueText(r.unit, r.value)})`).join('; ')}.`);
    }
    const missing = f.indicators.rows.filter((r) => r.value === null);
    if (missing.length) out.push(`Chưa có số liệu của ${missing.length} chỉ tiêu: ${missing.map((r) => r.code).join(', ')}.`);
  } else {
    out.push('Chưa tính được các chỉ tiêu của Nghị quyết cho quý này.');
  }
  if (f.structure.withoutAssignment > 0) {
    out.push(`Còn ${people(f.structure.withoutAssignment)} đang công tác chưa được cập nhật quá trình công tác tại ngày ${shortDateVn(f.asOf)}.`);
  }
  if (out.length === 0) out.push('Các chỉ tiêu có số liệu đều đạt mục tiêu; không có hạn chế nổi bật về số liệu.');
  return out;
}

function nextTasks(f: ReportFigures): string[] {
  const out: string[] = [];
  const next = f.quarter === 4 ? { year: f.year + 1, quarter: 1 } : { year: f.year, quarter: f.quarter + 1 };
  if (f.indicators.available) {
    for (const r of f.indicators.rows.filter((x) => (x.peopleNeeded ?? 0) > 0)) {
      out.push(
        `Chỉ tiêu ${r.code}: cần thêm ít nhất ${people(r.peopleNeeded)} đạt để bảo đảm ${targetText(r)}` +
          (r.N !== null ? ` (với tổng số hiện nay ${people(r.N)}).` : '.'),
      );
    }
    const missing = f.indicators.rows.filter((r) => r.value === null && r.kind === 'entered');
    if (missing.length) out.push(`Thu thập, nhập số liệu ${quarterWords(next.year, next.quarter)} của các chỉ tiêu: ${missing.map((r) => r.code).join(', ')}.`);
  }
  if (f.rotations.available) {
    const ongoing = f.rotations.lines.find((l) => l.key === 'ongoing')?.value ?? 0;
    if (ongoing > 0) out.push(`Theo dõi, đánh giá ${people(ongoing)} đang luân chuyển, điều động.`);
  }
  if (f.structure.withoutAssignment > 0) out.push(`Cập nhật quá trình công tác cho ${people(f.structure.withoutAssignment)} còn thiếu.`);
  out.push(`Tiếp tục cập nhật hồ sơ, văn bằng, chứng chỉ của cán bộ, công chức, viên chức để số liệu ${quarterWords(next.year, next.quarter)} đầy đủ, chính xác.`);
  return out;
}

export function generateNarrative(figures: ReportFigures): ReportNarrative {
  return {
    achievements: [...structureParagraphs(figures), ...indicatorAchievements(figures), ...activityParagraphs(figures)].join('\n'),
    limitations: limitations(figures).join('\n'),
    nextTasks: nextTasks(figures).join('\n'),
  };
}
