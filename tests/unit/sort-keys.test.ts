import { describe, expect, it } from 'vitest';
import { CollationRanks, VietnameseNameOrder } from '../../renderer/src/grid/sortKeys';
import { compareVietnamese, compareVietnameseNames } from '../../shared/domain/text';
import { sortByName } from '../../renderer/src/views/cadres/cadreColumns';
import type { CadreRow } from '../../shared/api/cadres';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Đặng', 'Sơn', 'Thạch', 'Âu', 'Ưng'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Ngọc', 'Đức', ''];
const GIVEN = ['An', 'Ánh', 'Ân', 'Bảo', 'Dũng', 'Đạt', 'Hồng', 'Hống', 'Hòng', 'Linh', 'Lĩnh', 'Mỹ', 'Ý', 'Yến'];

function names(seed: number, n: number): string[] {
  let s = seed;
  const pick = <T,>(xs: T[]) => xs[(s = (s * 1103515245 + 12345) % 2 ** 31) % xs.length];
  return Array.from({ length: n }, () => [pick(FAMILY), pick(MIDDLE), pick(GIVEN)].filter(Boolean).join(' '));
}

describe('grid sort keys', () => {
  it('orders names exactly as compareVietnameseNames, also for names met after the first ranking', () => {
    const order = new VietnameseNameOrder();
    const first = names(1, 400);
    order.addAll(first);
    // Names never seen (new given names and family names) arrive after the ranking, as an edit would bring them.
    const later = [...names(2, 100), 'Bùi Thị Zin', 'Ông Văn Ất', 'Nguyễn Văn  Ánh', 'Nguye\u0302\u0303n Va\u0306n An'];
    const all = [...first, ...later];
    const expected = [...all].sort(compareVietnameseNames);
    const got = [...all].sort(order.compare);
    expect(got.map((n, i) => compareVietnameseNames(n, expected[i]))).toEqual(expected.map(() => 0));
    // Pairwise signs agree too (ties stay ties: "Văn  Ánh" with two spaces is the same name).
    for (let i = 0; i < 200; i++) {
      const a = all[(i * 7) % all.length];
      const b = all[(i * 13 + 5) % all.length];
      expect(Math.sign(order.compare(a, b))).toBe(Math.sign(compareVietnameseNames(a, b)));
    }
  });

  it('ranks strings one by one in collation order (tones: none < huyền < hỏi < ngã < sắc < nặng)', () => {
    const r = new CollationRanks();
    for (const w of ['ma', 'mạ', 'má', 'mã', 'mả', 'mà', 'ma']) r.rank(w);
    const byRank = ['mạ', 'má', 'mã', 'mả', 'mà', 'ma'].sort((a, b) => r.rank(a) - r.rank(b));
    expect(byRank).toEqual(['ma', 'mà', 'mả', 'mã', 'má', 'mạ']);
    expect(byRank).toEqual([...byRank].sort(compareVietnamese));
  });

  it("puts the cadre grid's rows in name order, the same name in id order, whatever order they came in", () => {
    const list = names(3, 3000);
    // Ids not in order, many repeated names (the same name for several people).
    const rows = list.map((fullName, i) => ({ id: ((i * 7919) % 3001) + 1, fullName }) as CadreRow);
    const expected = [...rows].sort((a, b) => compareVietnameseNames(a.fullName, b.fullName) || a.id - b.id);
    expect(sortByName(rows).map((r) => r.id)).toEqual(expected.map((r) => r.id));
    const inIdOrder = [...rows].sort((a, b) => a.id - b.id);
    expect(sortByName(inIdOrder).map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(sortByName([])).toEqual([]);
  });
});
