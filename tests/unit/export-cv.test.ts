import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openTestDb, testApi } from '../helpers/db';
import { seedSmall } from '../helpers/fixtures';
import { buildCv, cvXlsx, vnLongDate } from '../../renderer/src/views/imports/cv2c';

describe('CV in the 2C layout', () => {
  it('fills the lines the record holds and leaves the rest to be written by hand', async () => {
    const db = await openTestDb();
    const api = testApi(db);
    const seed = seedSmall(db);
    const hong = seed.cadres[0];
    await api.call('qualifications.create', { cadreId: hong.id, category: 'chuyen_mon', levelKey: 'dai_hoc', field: 'Luật', awardDate: '2007', institution: 'Đại học Cần Thơ' });
    await api.call('qualifications.create', { cadreId: hong.id, category: 'chuyen_mon', levelKey: 'thac_si', field: 'Quản lý công', awardDate: '2015-06-30' });
    await api.call('qualifications.create', { cadreId: hong.id, category: 'ly_luan_chinh_tri', levelKey: 'cao_cap' });
    const detail = await api.call('cadres.get', { id: hong.id });
    const names: Record<string, string> = { 'ethnicity:kinh': 'Kinh', 'level.chuyen_mon:thac_si': 'Thạc sĩ', 'level.chuyen_mon:dai_hoc': 'Đại học', 'level.ly_luan_chinh_tri:cao_cap': 'Cao cấp' };
    const cv = buildCv(detail, { code: (l, k) => (k ? names[`${l}:${k}`] ?? k : ''), unitPath: (id) => (id === seed.board.id ? 'Tỉnh ủy Sóc Trăng › Ban Tổ chức Tỉnh ủy' : '') });
    const line = (no: string) => cv.lines.find((l) => l.no === no)!.value;
    expect(line('1')).toBe('NGUYỄN THỊ HỒNG');
    expect(line('3')).toBe('ngày 12 tháng 04 năm 1985, Giới tính (nam, nữ): Nữ');
    expect(line('6')).toBe('Kinh');
    expect(line('4')).toBe('……………………');
    expect(line('12')).toBe('Tỉnh ủy Sóc Trăng › Ban Tổ chức Tỉnh ủy');
    expect(line('15.2')).toBe('Thạc sĩ (Quản lý công)');
    expect(line('15.3')).toBe('Cao cấp');
    expect(cv.trainings.map((t) => [t.period, t.level])).toEqual([
      ['', 'Lý luận chính trị: Cao cấp'],
      ['2007', 'Chuyên môn: Đại học'],
      ['30/06/2015', 'Chuyên môn: Thạc sĩ'],
    ]);
    expect(cv.career).toEqual([{ period: '01/2015 - nay', text: 'Chuyên viên, Tỉnh ủy Sóc Trăng › Ban Tổ chức Tỉnh ủy' }]);
    expect(vnLongDate('1978')).toBe('ngày …… tháng …… năm 1978');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await cvXlsx(cv)) as any);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A2').value).toBe('SƠ YẾU LÝ LỊCH');
    expect(ws.getCell('C5').value).toBe('NGUYỄN THỊ HỒNG');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect((ws.getCell('A5').font as any).name).toBe('Times New Roman');
  });
});
