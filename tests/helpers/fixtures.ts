import type { AppDb } from '../../db/open';
import { openTestDb, testApi } from './db';
import { SYSTEM_CONTEXT } from '../../db/context';
import { createUnit } from '../../db/services/units';
import { createCadre } from '../../db/services/cadres';
import { CadreFieldsSchema } from '../../shared/api/cadres';

/** A small hand-made organisation: two units under a province body and six cadres with known names. */
export function seedSmall(db: AppDb) {
  const province = createUnit(db, { name: 'Tỉnh ủy Sóc Trăng', kind: 'dang', level: 'tinh', validFrom: '2000-01-01', ethnicContact: false }, SYSTEM_CONTEXT);
  const board = createUnit(db, { name: 'Ban Tổ chức Tỉnh ủy', kind: 'dang', level: 'tinh', parentId: province.id, validFrom: '2000-01-01', ethnicContact: false }, SYSTEM_CONTEXT);
  const commune = createUnit(db, { name: 'UBND xã Lai Hòa', kind: 'chinh_quyen', level: 'xa', validFrom: '2000-01-01', ethnicContact: true }, SYSTEM_CONTEXT);
  const people = [
    { fullName: 'Nguyễn Thị Hồng', sex: 'nu', birthDate: '1985-04-12', ethnicity: 'kinh', category: 'cong_chuc', unit: board.id },
    { fullName: 'Trần Văn An', sex: 'nam', birthDate: '1979-09-01', ethnicity: 'kinh', category: 'cong_chuc', unit: board.id },
    { fullName: 'Thạch Thị Sa Rinh', sex: 'nu', birthDate: '1990-02-20', ethnicity: 'khmer', category: 'can_bo', unit: commune.id },
    { fullName: 'Lâm Văn Đức', sex: 'nam', birthDate: '1975-12-30', ethnicity: 'hoa', category: 'can_bo', unit: commune.id },
    { fullName: 'Lê Minh Ánh', sex: 'nu', birthDate: '1988-07-07', ethnicity: 'kinh', category: 'vien_chuc', unit: board.id },
    { fullName: 'Phạm Quốc Bảo', sex: 'nam', birthDate: '1982-03-15', ethnicity: 'kinh', category: 'cong_chuc', unit: board.id },
  ] as const;
  const cadres = people.map((p) =>
    createCadre(
      db,
      {
        fields: CadreFieldsSchema.parse({ fullName: p.fullName, sex: p.sex, birthDate: p.birthDate, ethnicity: p.ethnicity, category: p.category }),
        flags: [],
        assignment: { unitId: p.unit, fromDate: '2015-01-01', postTitle: 'Chuyên viên' },
      },
      SYSTEM_CONTEXT,
    ),
  );
  return { province, board, commune, cadres };
}

/** A fresh in-memory database with the real migrations, seedSmall's people, and the API over it. */
export async function seededTestDb(): Promise<{ db: AppDb; api: ReturnType<typeof testApi>; seed: ReturnType<typeof seedSmall> }> {
  const db = await openTestDb();
  return { db, api: testApi(db), seed: seedSmall(db) };
}

let importJobs = 0;
/** A new import job id of the shape the import calls accept. */
export const newImportJobId = () => `job-${++importJobs}-abcdef`;
