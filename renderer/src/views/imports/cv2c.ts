import type { CadreDetail } from '../../../../shared/api/cadres';
import { CADRE_CATEGORIES, QUALIFICATION_CATEGORIES, SEXES, type QualificationCategory } from '../../../../shared/domain/codes';
import { formatVnDate } from '../../../../shared/domain/dates';

// The cadre's CV laid out like form 2C (sơ yếu lý lịch cán bộ, công chức: 2C/TCTW-98, 2C-BNV/2008), filled as far
// as the record holds the fields; what the record does not hold is left with dots for the clerk to write by hand.

export interface CvLabels {
  code(list: string, key: string | null | undefined): string;
  unitPath(id: number | null | undefined): string;
}

export interface CvLine {
  no: string;
  label: string;
  value: string;
}

export interface CvModel {
  formCode: string;
  title: string;
  lines: CvLine[];
  trainings: { period: string; institution: string; field: string; level: string }[];
  career: { period: string; text: string }[];
}

const BLANK = '……………………';
const or = (v: string | null | undefined) => (v && v.trim() ? v : BLANK);

/** "Sinh ngày 05 tháng 03 năm 1978"; partial dates keep what is known. */
export function vnLongDate(iso: string | null | undefined): string {
  if (!iso) return `ngày …… tháng …… năm ……`;
  const [y, m, d] = iso.split('-');
  return `ngày ${d ?? '……'} tháng ${m ?? '……'} năm ${y}`;
}

const monthYear = (iso: string | null | undefined) => {
  if (!iso) return '';
  const [y, m] = iso.split('-');
  return m ? `${m}/${y}` : y;
};

export function buildCv(detail: CadreDetail, labels: CvLabels): CvModel {
  const r = detail.row;
  const highest = (cat: QualificationCategory) => {
    const list = detail.qualifications.filter((q) => q.category === cat && !q.deletedAt);
    if (list.length === 0) return '';
    // The detail carries no ranks; the grid row's derived highest levels cover the three ranked categories.
    const derived = cat === 'chuyen_mon' ? r.professionalLevel : cat === 'ly_luan_chinh_tri' ? r.politicalLevel : cat === 'quan_ly_nha_nuoc' ? r.stateMgmtLevel : null;
    const q = (derived && list.find((x) => x.levelKey === derived)) || [...list].sort((a, b) => String(b.awardDate ?? '').localeCompare(String(a.awardDate ?? '')))[0];
    const name = labels.code(`level.${cat}`, q.levelKey);
    return q.field ? `${name} (${q.field})` : name;
  };
  const current = detail.assignments.find((a) => !a.toDate || a.toDate >= new Date().toISOString().slice(0, 10)) ?? null;
  const lines: CvLine[] = [
    { no: '1', label: 'Họ và tên khai sinh (viết chữ in hoa)', value: r.fullName.toLocaleUpperCase('vi') },
    { no: '2', label: 'Tên gọi khác', value: or(r.otherNames) },
    { no: '3', label: 'Sinh', value: `${vnLongDate(r.birthDate)}, Giới tính (nam, nữ): ${SEXES[r.sex as 'nam' | 'nu'] ?? r.sex}` },
    { no: '4', label: 'Nơi sinh', value: or(r.birthPlace) },
    { no: '5', label: 'Quê quán', value: or(r.homeTown) },
    { no: '6', label: 'Dân tộc', value: or(labels.code('ethnicity', r.ethnicity)) },
    { no: '7', label: 'Tôn giáo', value: or(labels.code('religion', r.religion)) },
    { no: '8', label: 'Nơi ở hiện nay', value: or(r.address) },
    { no: '9', label: 'Số CCCD/CMND', value: or(r.idNumber) },
    { no: '10', label: 'Ngày tuyển dụng', value: r.recruitmentDate ? formatVnDate(r.recruitmentDate) : BLANK },
    { no: '11', label: 'Chức vụ (chức danh) hiện tại', value: or(current?.postTitle ?? r.postTitle) },
    { no: '12', label: 'Cơ quan, đơn vị công tác', value: or(labels.unitPath(current?.unitId ?? r.unitId)) },
    { no: '13', label: 'Đối tượng', value: CADRE_CATEGORIES[r.category as keyof typeof CADRE_CATEGORIES] ?? r.category },
    {
      no: '14',
      label: 'Ngạch (chức danh nghề nghiệp), mã ngạch, bậc lương, hệ số',
      value: r.rankCode ? `${labels.code('rank', r.rankCode)}, mã ${r.rankCode}${r.salaryStep ? `, bậc ${r.salaryStep}` : ''}${r.salaryCoefficient ? `, hệ số ${String(r.salaryCoefficient).replace('.', ',')}` : ''}` : BLANK,
    },
    { no: '15.1', label: 'Trình độ giáo dục phổ thông', value: or(highest('pho_thong')) },
    { no: '15.2', label: 'Trình độ chuyên môn cao nhất', value: or(highest('chuyen_mon')) },
    { no: '15.3', label: 'Lý luận chính trị', value: or(highest('ly_luan_chinh_tri')) },
    { no: '15.4', label: 'Quản lý nhà nước', value: or(highest('quan_ly_nha_nuoc')) },
    { no: '15.5', label: 'Ngoại ngữ', value: or(highest('ngoai_ngu')) },
    { no: '15.6', label: 'Tin học', value: or(highest('tin_hoc')) },
    { no: '15.7', label: 'Tiếng dân tộc thiểu số', value: or(highest('tieng_dtts')) },
    { no: '16', label: 'Ngày vào Đảng Cộng sản Việt Nam', value: `${r.partyJoinDate ? formatVnDate(r.partyJoinDate) : BLANK}, Ngày chính thức: ${r.partyOfficialDate ? formatVnDate(r.partyOfficialDate) : BLANK}` },
    { no: '17', label: 'Số điện thoại', value: or(r.phone) },
  ];
  const trainings = detail.qualifications
    .filter((q) => !q.deletedAt)
    .sort((a, b) => String(a.awardDate ?? '').localeCompare(String(b.awardDate ?? '')))
    .map((q) => ({
      period: q.awardDate ? formatVnDate(q.awardDate) : '',
      institution: q.institution ?? '',
      field: q.field ?? '',
      level: `${QUALIFICATION_CATEGORIES[q.category as QualificationCategory] ?? q.category}: ${labels.code(`level.${q.category}`, q.levelKey)}`,
    }));
  const career = [...detail.assignments]
    .sort((a, b) => a.fromDate.localeCompare(b.fromDate))
    .map((a) => ({
      period: `${monthYear(a.fromDate)} - ${a.toDate ? monthYear(a.toDate) : 'nay'}`,
      text: [a.postTitle, labels.unitPath(a.unitId)].filter(Boolean).join(', '),
    }));
  return { formCode: 'Mẫu 2C/TCTW-98', title: 'SƠ YẾU LÝ LỊCH', lines, trainings, career };
}

/** The CV as an .xlsx sheet in the 2C layout: A4 portrait, Times New Roman, numbered lines, two tables. */
export async function cvXlsx(cv: CvModel): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('So yeu ly lich', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 1.18, right: 0.59, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 } } });
  ws.columns = [{ width: 6 }, { width: 26 }, { width: 30 }, { width: 34 }];
  const font = { name: 'Times New Roman', size: 13 };
  const put = (values: (string | null)[], opts: { bold?: boolean; size?: number; merge?: boolean; center?: boolean; italic?: boolean } = {}) => {
    const row = ws.addRow(values);
    row.font = { ...font, bold: opts.bold, italic: opts.italic, size: opts.size ?? font.size };
    row.alignment = { wrapText: true, vertical: 'top', horizontal: opts.center ? 'center' : 'left' };
    if (opts.merge) ws.mergeCells(row.number, 1, row.number, 4);
    return row;
  };
  const code = put([null, null, null, cv.formCode], { italic: true });
  code.getCell(4).alignment = { horizontal: 'right' };
  put([cv.title], { bold: true, size: 16, merge: true, center: true });
  put(['CÁN BỘ, CÔNG CHỨC'], { bold: true, size: 14, merge: true, center: true });
  put([]);
  for (const l of cv.lines) {
    const row = put([`${l.no})`, l.label, l.value, null]);
    ws.mergeCells(row.number, 3, row.number, 4);
  }
  put([]);
  put(['ĐÀO TẠO, BỒI DƯỠNG VỀ CHUYÊN MÔN, NGHIỆP VỤ, LÝ LUẬN CHÍNH TRỊ, NGOẠI NGỮ, TIN HỌC'], { bold: true, merge: true, center: true });
  const th = (vals: string[]) => {
    const row = put(vals, { bold: true, center: true });
    row.eachCell((c) => (c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } }));
  };
  const td = (vals: string[]) => {
    const row = put(vals);
    for (let i = 1; i <= 4; i++) row.getCell(i).border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  };
  th(['Ngày cấp', 'Tên trường', 'Chuyên ngành', 'Trình độ, văn bằng']);
  for (const t of cv.trainings) td([t.period, t.institution, t.field, t.level]);
  put([]);
  put(['TÓM TẮT QUÁ TRÌNH CÔNG TÁC'], { bold: true, merge: true, center: true });
  const h = put(['Từ tháng, năm đến tháng, năm', null, 'Chức danh, chức vụ, đơn vị công tác', null], { bold: true, center: true });
  ws.mergeCells(h.number, 1, h.number, 2);
  ws.mergeCells(h.number, 3, h.number, 4);
  for (const c of cv.career) {
    const row = put([c.period, null, c.text, null]);
    ws.mergeCells(row.number, 1, row.number, 2);
    ws.mergeCells(row.number, 3, row.number, 4);
  }
  put([]);
  put([null, 'Người khai', null, `…………, ${vnLongDate(null)}`], { italic: true });
  put([null, '(Ký, ghi rõ họ tên)', null, 'Thủ trưởng cơ quan, đơn vị'], { bold: false });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
