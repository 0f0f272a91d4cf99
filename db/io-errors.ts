// Why a file or database operation failed, in words a clerk can act on. Node (ENOSPC, EACCES…) and SQLite
// (SQLITE_FULL…) report in English; messages shown to users append this instead of the library's text, which is
// kept only as a short technical tail for whoever supports them.

const BY_CODE: [RegExp, string][] = [
  [/^(ENOSPC|SQLITE_FULL)/, 'ổ đĩa đã đầy'],
  [/^(EACCES|EPERM|SQLITE_READONLY|SQLITE_PERM|SQLITE_AUTH)/, 'không có quyền ghi hoặc đọc ở đó'],
  [/^(EROFS)/, 'ổ đĩa chỉ cho đọc (ổ USB bị khoá ghi?)'],
  [/^(ENOENT)/, 'không tìm thấy tệp hoặc thư mục'],
  [/^(ENOTDIR)/, 'đường dẫn không phải là thư mục'],
  [/^(EISDIR)/, 'đường dẫn là một thư mục, không phải tệp'],
  [/^(EBUSY|SQLITE_BUSY|SQLITE_LOCKED)/, 'tệp đang được chương trình khác dùng'],
  [/^(EIO|SQLITE_IOERR)/, 'lỗi đọc ghi ổ đĩa (ổ USB bị rút ra?)'],
  [/^(SQLITE_CORRUPT|SQLITE_NOTADB)/, 'tệp bị hỏng hoặc không phải cơ sở dữ liệu'],
  [/^(SQLITE_CANTOPEN)/, 'không mở được tệp'],
  [/^(ENAMETOOLONG)/, 'đường dẫn quá dài'],
  [/^(EEXIST)/, 'đã có một tệp trùng tên ở đó'],
];

/** "ổ đĩa đã đầy (ENOSPC)" for a known failure, else "lỗi kỹ thuật: <library text>". */
export function describeIoError(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  const found = code ? BY_CODE.find(([re]) => re.test(code)) : undefined;
  if (found) return `${found[1]} (${code})`;
  const text = e instanceof Error ? e.message : String(e);
  return `lỗi kỹ thuật: ${text.length > 160 ? `${text.slice(0, 157)}…` : text}`;
}
