import { describe, expect, it } from 'vitest';
import { compareVietnamese, compareVietnameseNames, foldVietnamese, matchesFoldedQuery } from '../../shared/domain/text';
import { addMonths, ageOn, formatVnDate, lastFinishedQuarter, monthsBetween, parseVnDate, previousQuarter, quarterEnd, quarterOf, quartersBetween } from '../../shared/domain/dates';

describe('Vietnamese text', () => {
  it('folds diacritics, đ and case', () => {
    expect(foldVietnamese('Nguyễn Thị Hồng')).toBe('nguyen thi hong');
    expect(foldVietnamese('  ĐẶNG   Văn Đức ')).toBe('dang van duc');
    // Decomposed input (as some keyboards and old files produce) folds the same.
    expect(foldVietnamese('Nguye\u0302\u0303n')).toBe('nguyen');
    expect(matchesFoldedQuery(foldVietnamese('Nguyễn Thị Hồng'), 'hong nguyen')).toBe(true);
    expect(matchesFoldedQuery(foldVietnamese('Nguyễn Thị Hồng'), 'hùng')).toBe(false);
  });
  it('sorts letters and tones in dictionary order', () => {
    const words = ['Đức', 'Dũng', 'Ánh', 'Anh', 'Ân', 'Ăn', 'Bình', 'Hạ', 'Hà', 'Hả', 'Há', 'Hã', 'Ha'];
    expect([...words].sort(compareVietnamese)).toEqual(['Anh', 'Ánh', 'Ăn', 'Ân', 'Bình', 'Dũng', 'Đức', 'Ha', 'Hà', 'Hả', 'Hã', 'Há', 'Hạ']);
  });
  it('sorts names by given name, then family and middle names', () => {
    const names = ['Trần Văn Bình', 'Nguyễn Thị Ánh', 'Lê Văn An', 'Đặng Thị An', 'Phạm Đức'];
    expect([...names].sort(compareVietnameseNames)).toEqual(['Đặng Thị An', 'Lê Văn An', 'Nguyễn Thị Ánh', 'Trần Văn Bình', 'Phạm Đức']);
  });
});

describe('dates as clerks type them', () => {
  it.each([
    ['05/03/1978', '1978-03-05'],
    ['5/3/1978', '1978-03-05'],
    ['05-03-1978', '1978-03-05'],
    ['05.03.1978', '1978-03-05'],
    ['05031978', '1978-03-05'],
    ['1978-03-05', '1978-03-05'],
    ['29/02/2024', '2024-02-29'],
    ['', null],
  ])('reads %s', (text, iso) => {
    expect(parseVnDate(text)).toEqual({ ok: true, value: iso });
  });
  it('reads partial dates only where allowed', () => {
    expect(parseVnDate('1978', { allowPartial: true })).toEqual({ ok: true, value: '1978' });
    expect(parseVnDate('3/1978', { allowPartial: true })).toEqual({ ok: true, value: '1978-03' });
    expect(parseVnDate('1978').ok).toBe(false);
  });
  it.each([
    ['31/02/1985', 'không có ngày 31'],
    ['29/02/2023', 'không có ngày 29'],
    ['05/13/1978', 'tháng phải từ 1 đến 12'],
    ['05/03/78', 'năm đủ 4 chữ số'],
    ['hôm qua', 'dd/mm/yyyy'],
    ['01/01/1850', 'từ 1900'],
  ])('refuses %s with a reason', (text, reason) => {
    const r = parseVnDate(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(reason);
  });
  it('formats, ages and quarters', () => {
    expect(formatVnDate('1978-03-05')).toBe('05/03/1978');
    expect(formatVnDate('1978')).toBe('1978');
    expect(ageOn('1980-06-30', '2025-06-29')).toBe(44);
    expect(ageOn('1980-06-30', '2025-06-30')).toBe(45);
    expect(ageOn('1980', '2025-01-01')).toBe(45);
    expect(quarterOf('2025-06-30')).toEqual({ year: 2025, quarter: 2 });
    expect(quarterEnd({ year: 2024, quarter: 1 })).toBe('2024-03-31');
    expect(previousQuarter({ year: 2025, quarter: 1 })).toEqual({ year: 2024, quarter: 4 });
    expect(quartersBetween({ year: 2021, quarter: 1 }, { year: 2025, quarter: 4 })).toHaveLength(20);
    // The quarter the dashboard opens on (and the host warms up): a quarter ending that day counts as finished.
    expect(lastFinishedQuarter('2026-11-25')).toEqual({ year: 2026, quarter: 3 });
    expect(lastFinishedQuarter('2026-09-30')).toEqual({ year: 2026, quarter: 3 });
    expect(lastFinishedQuarter('2026-02-01')).toEqual({ year: 2025, quarter: 4 });
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(monthsBetween('2022-01-15', '2025-01-14')).toBe(35);
    expect(monthsBetween('2022-01-15', '2025-01-15')).toBe(36);
  });
});
