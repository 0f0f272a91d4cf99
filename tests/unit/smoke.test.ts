import { describe, expect, it } from 'vitest';
import { openTestDb, testApi } from '../helpers/db';

describe('smoke', () => {
  it('creates a unit and a cadre', async () => {
    const db = await openTestDb();
    const api = testApi(db);
    const unit = await api.call('units.create', { name: 'Sở Nội vụ', kind: 'chinh_quyen', level: 'tinh' });
    const row = await api.call('cadres.create', {
      fields: { fullName: 'Nguyễn Thị Hồng', sex: 'nu', category: 'cong_chuc', birthDate: '1980-05-03', ethnicity: 'kinh' },
      assignment: { unitId: unit.id, fromDate: '2020-01-01', postTitle: 'Chuyên viên' },
    });
    expect(row.unitId).toBe(unit.id);
    const list = await api.call('cadres.list', {});
    expect(list).toHaveLength(1);
  });
});
