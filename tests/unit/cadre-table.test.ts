import { beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, testApi } from '../helpers/db';
import type { AppDb } from '../../db/open';
import { generateSampleData } from '../../db/sample/generate';
import { cadreRowsByIds, cadreTableFromScratch, cadreTableJson } from '../../db/services/cadre-rows';
import { CADRE_ROW_FIELDS, CadreRowSchema, decodeCadreTable } from '../../shared/api/cadres';
import { envelopeBody, isRawJson, parseRawJson } from '../../shared/api/raw-json';

// The cadre grid's rows travel as a table whose JSON SQLite writes (cadres.listTable); the rows must be exactly
// those the per-row path (used after every edit) and cadres.list give.

let db: AppDb;
let api: ReturnType<typeof testApi>;

beforeAll(async () => {
  db = await openTestDb();
  api = testApi(db);
  generateSampleData(db, { cadres: 300, seed: 7 });
});

describe('cadre rows as a table', () => {
  it('gives the same rows, field by field and type by type, as the per-row path', async () => {
    const table = await api.call('cadres.listTable', { includeDeleted: true });
    expect(table.fields).toEqual(CADRE_ROW_FIELDS);
    const rows = decodeCadreTable(table);
    expect(rows.length).toBeGreaterThan(250);
    const byIds = cadreRowsByIds(db, rows.map((r) => r.id));
    expect(rows).toEqual(byIds);
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => a - b));
    for (const r of rows) CadreRowSchema.parse(r);
    // The sample has roles, decimals and derived levels: the comparison above covered real values.
    expect(rows.some((r) => r.flags.length > 0)).toBe(true);
    expect(rows.some((r) => r.salaryCoefficient !== null && !Number.isInteger(r.salaryCoefficient))).toBe(true);
    expect(rows.some((r) => r.professionalLevel !== null && r.unitId !== null)).toBe(true);
    expect(await api.call('cadres.list', { includeDeleted: true })).toEqual(rows);
  });

  it('keeps text exactly (quotes, backslashes, line breaks, composed Vietnamese) and follows edits', async () => {
    const [first] = decodeCadreTable(await api.call('cadres.listTable', {}));
    const note = 'Ghi chú "đặc biệt"\\ C:\\tệp\nDòng 2\tcột — Nguyễn Thị Hồng 😀';
    // Stored as is (the API would fold the line break and tab into spaces).
    db.sqlite.prepare('update cadres set note = ? where id = ?').run(note, first.id);
    expect(decodeCadreTable(await api.call('cadres.listTable', {})).find((r) => r.id === first.id)!.note).toBe(note);
    await api.call('cadres.update', { id: first.id, version: first.version, changes: { homeTown: 'Mỹ Xuyên' } });
    const again = decodeCadreTable(await api.call('cadres.listTable', {})).find((r) => r.id === first.id)!;
    expect(again.homeTown).toBe('Mỹ Xuyên');
    expect(again.version).toBe(first.version + 1);
  });

  it('answers for a past date and without deleted records, as cadres.list', async () => {
    for (const input of [{ onDate: '2021-06-30' }, {}, { includeDeleted: true, onDate: '2024-01-01' }]) {
      expect(decodeCadreTable(await api.call('cadres.listTable', input))).toEqual(await api.call('cadres.list', input));
    }
  });

  it("gives today's rows (kept per cadre) and other dates' rows exactly as the list computed from scratch", async () => {
    for (const input of [{}, { includeDeleted: true }, { onDate: '2021-06-30' }, { includeDeleted: true, onDate: '2024-01-01' }]) {
      expect(new TextDecoder().decode(cadreTableJson(db, input).bytes)).toBe(new TextDecoder().decode(cadreTableFromScratch(db, input)));
    }
    // Today's came from the kept rows: one per cadre, deleted ones included.
    expect(db.sqlite.prepare('select count(*) from cadre_rows where cadre_id > 0').pluck().get()).toBe(db.sqlite.prepare('select count(*) from cadres').pluck().get());
  });

  it('is kept as JSON bytes the web host splices into its answer unchanged', async () => {
    const kept = cadreTableJson(db);
    expect(cadreTableJson(db)).toBe(kept);
    const env = await api.dispatch('cadres.listTable', {}, { actor: 'kiểm thử', role: 'viewer' } as any);
    expect(env.ok && isRawJson(env.value)).toBe(true);
    const body = envelopeBody(env);
    expect(JSON.parse(new TextDecoder().decode(body as Uint8Array))).toEqual({ ok: true, value: parseRawJson(kept) });
    // Electron's IPC clones the envelope (Buffer -> Uint8Array, class -> plain object): the renderer still knows it.
    const cloned = structuredClone(env) as typeof env;
    expect(cloned.ok && isRawJson(cloned.value) && parseRawJson(cloned.value)).toEqual(parseRawJson(kept));
    // Other answers stay plain JSON text.
    expect(envelopeBody({ ok: true, value: [1, 'ă'] })).toBe('{"ok":true,"value":[1,"ă"]}');
  });
});
