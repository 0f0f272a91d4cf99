import ExcelJS from 'exceljs';
import type { Report } from '../../../shared/api/reports';
import { NARRATIVE_SECTIONS } from '../../../shared/api/reports';
import { INDICATOR_STATUS_LABELS, type IndicatorStatus } from '../../../shared/api/indicators';
import { documentDateLine, documentNumberLine, percentOf, quarterWords, shortDateVn } from '../../../shared/api/reports-format';

// The report's tables as an Excel workbook (the second form reports travel in): the same tables as the printed
// document, one sheet each, with real numbers (not text) and number formats, so the receiver can add them up.

const FONT = 'Times New Roman';
const COUNT = '#,##0';
const DECIMAL = '#,##0.0';
const PERCENT_POINTS = '0.0';

type Sheet = ExcelJS.Worksheet;

function title(ws: Sheet, text: string, span: number, row = ws.rowCount + 1): void {
  ws.mergeCells(row, 1, row, span);
  const c = ws.getCell(row, 1);
  c.value = text;
  c.font = { name: FONT, size: 13, bold: true };
  c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
}

function headerRow(ws: Sheet, labels: string[]): ExcelJS.Row {
  const r = ws.addRow(labels);
  r.eachCell((c) => {
    c.font = { name: FONT, size: 11, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3EDE4' } };
  });
  return r;
}

function border(row: ExcelJS.Row, columns: number): void {
  for (let i = 1; i <= columns; i++) {
    const c = row.getCell(i);
    c.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    if (!c.font?.bold) c.font = { ...(c.font ?? {}), name: FONT, size: 11 };
  }
}

function structureSheet(wb: ExcelJS.Workbook, report: Report): void {
  const s = report.figures.structure;
  const ws = wb.addWorksheet('Cơ cấu đội ngũ', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 }, views: [{ state: 'frozen', ySplit: 3, xSplit: 2 }] });
  const span = 3 + s.columns.length;
  title(ws, `Cơ cấu đội ngũ cán bộ, công chức, viên chức đến ngày ${shortDateVn(s.asOf)} (mẫu 8B-BTCTW)`, span);
  ws.addRow([]);
  const head = headerRow(ws, ['STT', 'Chỉ tiêu', ...s.columns.map((c) => c.label), 'Tỷ lệ % trên tổng số']);
  border(head, span);
  const total = s.rows.find((r) => r.key === 'total')?.values[0] ?? 0;
  let stt = 0;
  let section = '';
  for (const r of s.rows) {
    if (r.section !== section && r.section !== 'Tổng số') {
      section = r.section;
      const sr = ws.addRow(['', r.section]);
      sr.getCell(2).font = { name: FONT, size: 11, bold: true, italic: true };
      border(sr, span);
    }
    const pct = r.measure === 'count' && r.key !== 'total' ? percentOf(r.values[0] ?? 0, total) : null;
    const row = ws.addRow([r.indent <= 1 ? ++stt : '', `${'   '.repeat(r.indent)}${r.label}`, ...r.values.map((v) => v ?? null), pct === null ? null : Math.round(pct * 10) / 10]);
    for (let i = 0; i < r.values.length; i++) row.getCell(3 + i).numFmt = r.measure === 'average' ? DECIMAL : COUNT;
    row.getCell(3 + r.values.length).numFmt = DECIMAL;
    if (r.indent === 0) row.font = { name: FONT, size: 11, bold: true };
    border(row, span);
  }
  ws.addRow([]);
  for (const n of s.notes) ws.addRow(['', n]).getCell(2).font = { name: FONT, size: 10, italic: true };
  ws.getColumn(1).width = 5;
  ws.getColumn(2).width = 46;
  for (let i = 3; i <= span; i++) ws.getColumn(i).width = 13;
}

function indicatorSheet(wb: ExcelJS.Workbook, report: Report): void {
  const f = report.figures;
  const ws = wb.addWorksheet('Chỉ tiêu', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 }, views: [{ state: 'frozen', ySplit: 3 }] });
  const labels = ['Mã', 'Chỉ tiêu', 'Đơn vị', 'Mục tiêu 2025', 'Mục tiêu 2030', `Giá trị ${quarterWords(f.year, f.quarter)}`, 'Số đạt (n)', 'Tổng số (N)', `Quý trước (${shortDateVn(f.previousAsOf)})`, 'Thay đổi', 'So với mục tiêu', 'Mục tiêu so sánh (năm)', 'Số người cần thêm', 'Đánh giá', 'Nguồn số liệu'];
  title(ws, `Kết quả thực hiện các chỉ tiêu của Nghị quyết đến ngày ${shortDateVn(f.asOf)}`, labels.length);
  ws.addRow([]);
  border(headerRow(ws, labels), labels.length);
  if (!f.indicators.available) ws.addRow(['', f.indicators.message ?? 'Chưa có dữ liệu']);
  for (const r of f.indicators.rows) {
    const unit = r.unit === 'percent' ? '%' : r.unit === 'per10k' ? '/vạn dân' : 'số tuyệt đối';
    const row = ws.addRow([r.code, r.text, unit, r.target2025, r.target2030, r.value, r.n, r.N, r.previousValue, r.change, r.gap, r.gapTargetYear, r.peopleNeeded, INDICATOR_STATUS_LABELS[r.status as IndicatorStatus] ?? r.status, r.source ?? '']);
    const fmt = r.unit === 'absolute' ? COUNT : DECIMAL;
    for (const i of [4, 5, 6, 9]) row.getCell(i).numFmt = fmt;
    for (const i of [10, 11]) row.getCell(i).numFmt = r.unit === 'absolute' ? COUNT : PERCENT_POINTS;
    for (const i of [7, 8, 13]) row.getCell(i).numFmt = COUNT;
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    border(row, labels.length);
  }
  const widths = [7, 60, 10, 11, 11, 13, 11, 11, 14, 10, 12, 12, 12, 14, 24];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

function trainingSheet(wb: ExcelJS.Workbook, report: Report): void {
  const t = report.figures.training;
  const ws = wb.addWorksheet('Đào tạo, bồi dưỡng');
  title(ws, `Đào tạo, bồi dưỡng ${quarterWords(report.year, report.quarter)}`, 6);
  ws.addRow([]);
  if (!t.available) {
    ws.addRow([t.message ?? 'Chưa có dữ liệu']);
  } else {
    for (const l of t.lines) {
      const row = ws.addRow([l.label, l.value]);
      row.getCell(2).numFmt = COUNT;
      border(row, 2);
    }
    ws.addRow([]);
    border(headerRow(ws, ['Lớp', 'Khai giảng', 'Kết thúc', 'Số người học', 'Hoàn thành trong quý', 'Kinh phí dự toán (đồng)']), 6);
    for (const c of t.courses) {
      const row = ws.addRow([c.name, shortDateVn(c.startDate), shortDateVn(c.endDate), c.enrolled, c.completed, c.budget]);
      for (const i of [4, 5, 6]) row.getCell(i).numFmt = COUNT;
      border(row, 6);
    }
  }
  [50, 14, 14, 14, 16, 22].forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

function rotationSheet(wb: ExcelJS.Workbook, report: Report): void {
  const r = report.figures.rotations;
  const ws = wb.addWorksheet('Luân chuyển');
  title(ws, `Luân chuyển, điều động cán bộ ${quarterWords(report.year, report.quarter)}`, 7);
  ws.addRow([]);
  if (!r.available) {
    ws.addRow([r.message ?? 'Chưa có dữ liệu']);
  } else {
    for (const l of r.lines) {
      const row = ws.addRow([l.label, l.value]);
      row.getCell(2).numFmt = COUNT;
      border(row, 2);
    }
    ws.addRow([]);
    const STATE = { started: 'Bắt đầu trong quý', ended: 'Kết thúc trong quý', ongoing: 'Đang luân chuyển' };
    border(headerRow(ws, ['Họ và tên', 'Hình thức', 'Từ đơn vị', 'Đến đơn vị', 'Ngày bắt đầu', 'Dự kiến kết thúc', 'Tình trạng']), 7);
    for (const i of r.items) {
      border(ws.addRow([i.cadreName, i.type, i.fromUnit ?? '', i.toUnit, shortDateVn(i.startDate), shortDateVn(i.endDate ?? i.plannedEnd), i.states.map((s) => STATE[s]).join(', ')]), 7);
    }
  }
  [40, 14, 34, 34, 14, 16, 30].forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

function documentSheet(wb: ExcelJS.Workbook, report: Report): void {
  const h = report.header;
  const ws = wb.addWorksheet('Văn bản');
  const lines: [string, string][] = [
    ['Cơ quan cấp trên', h.superiorBody],
    ['Cơ quan ban hành', h.issuingBody],
    ['Số, ký hiệu', documentNumberLine(h.docNumber, h.docSymbol)],
    ['Địa danh, ngày', documentDateLine(h.place, h.issueDate)],
    ['Trích yếu', h.subject],
    ['Trạng thái', report.status === 'issued' ? `Đã ban hành (${shortDateVn(report.issuedAt?.slice(0, 10))})` : 'Dự thảo'],
    ['Số liệu tính lúc', report.figures.computedAt],
    ...NARRATIVE_SECTIONS.map((s) => [s.title, report.narrative[s.key]] as [string, string]),
    ['Người ký', [h.signerCapacity, h.signerTitle, h.signerName].filter(Boolean).join(' - ')],
    ['Nơi nhận', h.recipients.join('\n')],
  ];
  for (const [k, v] of lines) {
    const row = ws.addRow([k, v]);
    row.getCell(1).font = { name: FONT, size: 11, bold: true };
    row.getCell(2).font = { name: FONT, size: 11 };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(1).alignment = { vertical: 'top' };
  }
  ws.getColumn(1).width = 22;
  ws.getColumn(2).width = 110;
}

export async function reportWorkbook(report: Report): Promise<{ fileName: string; base64: string }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Quản lý cán bộ';
  wb.created = new Date(report.figures.computedAt);
  documentSheet(wb, report);
  structureSheet(wb, report);
  indicatorSheet(wb, report);
  trainingSheet(wb, report);
  rotationSheet(wb, report);
  const buffer = await wb.xlsx.writeBuffer();
  const status = report.status === 'issued' ? 'ban-hanh' : 'du-thao';
  return { fileName: `bao-cao-quy-${report.quarter}-${report.year}-${status}.xlsx`, base64: Buffer.from(buffer as ArrayBuffer).toString('base64') };
}
