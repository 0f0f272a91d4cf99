import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeIoError } from '../../db/io-errors';
import { openDatabase, closeDatabase, type AppDb } from '../../db/open';
import { MIGRATIONS, testApi } from '../helpers/db';
import { seedSmall } from '../helpers/fixtures';

const failure = (code: string, message = `${code}: something in English`) => Object.assign(new Error(message), { code });

describe('describeIoError: why a file operation failed, in Vietnamese', () => {
  it('names the common causes and keeps the code for support', () => {
    expect(describeIoError(failure('ENOSPC'))).toBe('ổ đĩa đã đầy (ENOSPC)');
    expect(describeIoError(failure('SQLITE_FULL'))).toBe('ổ đĩa đã đầy (SQLITE_FULL)');
    expect(describeIoError(failure('EACCES'))).toContain('không có quyền');
    expect(describeIoError(failure('SQLITE_IOERR_WRITE'))).toContain('lỗi đọc ghi ổ đĩa');
    expect(describeIoError(failure('SQLITE_NOTADB'))).toContain('không phải cơ sở dữ liệu');
    expect(describeIoError(failure('EBUSY'))).toContain('chương trình khác');
    expect(describeIoError(failure('EEXIST'))).toContain('trùng tên');
  });

  it('says an unknown failure is technical and keeps its text short', () => {
    expect(describeIoError(new Error('weird'))).toBe('lỗi kỹ thuật: weird');
    expect(describeIoError(new Error('x'.repeat(500))).length).toBeLessThan(180);
  });
});

describe('a backup to a place that cannot take it', () => {
  let dir: string;
  let db: AppDb;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qlcb-io-'));
    db = await openDatabase({ file: path.join(dir, 'data.sqlite'), migrationsFolder: MIGRATIONS });
    seedSmall(db);
  });
  afterEach(() => {
    closeDatabase(db);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('explains in Vietnamese that the path is a file, not a folder', async () => {
    const notAFolder = path.join(dir, 'ghi-chu.txt');
    fs.writeFileSync(notAFolder, 'không phải thư mục');
    const api = testApi(db);
    const error = await api.fail('backups.create', { folder: notAFolder });
    expect(error.message).toContain('là một tệp, không phải thư mục');
    expect(error.message).not.toMatch(/EEXIST|ENOTDIR|file already exists|not a directory/i);
    expect(error.fieldErrors.folder).toBe('Đây là một tệp, không phải thư mục.');
  });
});
