import { describe, expect, it } from 'vitest';
import { cadreSearchText, matchesSearch } from '../../renderer/src/views/cadres/cadreColumns';
import type { Reference } from '../../renderer/src/data/reference';
import type { CadreRow } from '../../shared/api/cadres';
import { foldVietnamese } from '../../shared/domain/text';

// The cadre grid's quick search: every word, without diacritics, in the name, ID number, home town, phone, unit or post.

const ref = { unitName: (id: number | null | undefined) => (id === 7 ? 'Phòng Tổ chức cán bộ' : '') } as unknown as Reference;
const row = (over: Partial<CadreRow>): CadreRow =>
  ({ id: 1, version: 1, fullName: 'Nguyễn Thị Hồng', idNumber: '094123456789', homeTown: 'Mỹ Xuyên', phone: '0912345678', unitId: 7, postTitle: 'Trưởng phòng', flags: [], ...over }) as CadreRow;
const search = (text: (r: CadreRow) => string, r: CadreRow, q: string) => matchesSearch(text(r), foldVietnamese(q).split(' ').filter(Boolean));

describe('cadre quick search', () => {
  it('finds words in any searched field, without diacritics and in any order', () => {
    const text = cadreSearchText(ref);
    const r = row({});
    for (const q of ['nguyen thi hong', 'HỒNG nguyễn', 'my xuyen', '094123', '0912', 'to chuc', 'truong phong hong']) expect(search(text, r, q), q).toBe(true);
    for (const q of ['nguyen van', 'ke sach', '0999', 'hong q']) expect(search(text, r, q), q).toBe(false);
  });

  it('makes the text again for a row replaced by a saved edit, and keeps it for the same row', () => {
    const text = cadreSearchText(ref);
    const r = row({});
    expect(text(r)).toBe(text(r));
    const edited = { ...r, homeTown: 'Kế Sách' };
    expect(search(text, edited, 'ke sach')).toBe(true);
    expect(search(text, r, 'ke sach')).toBe(false);
    expect(search(text, row({ fullName: 'Đặng Văn Đức', unitId: null, postTitle: null }), 'dang duc')).toBe(true);
  });
});
