import { z } from 'zod';

// Every call answers with an envelope, never a thrown error, so both transports (IPC and HTTP) carry
// failures the same way and the renderer can show the Vietnamese message next to the right field.

export const ErrorKind = z.enum(['validation', 'conflict', 'not_found', 'forbidden', 'unauthenticated', 'internal']);
export type ErrorKind = z.infer<typeof ErrorKind>;

export const AppErrorSchema = z.object({
  kind: ErrorKind,
  /** Vietnamese, for the user. */
  message: z.string(),
  /** Per-field messages; keys are field paths such as "birthDate" or "items.3.fullName". */
  fieldErrors: z.record(z.string(), z.string()).default({}),
  /** For conflicts: the record as it is now, so the user can compare with what they typed. */
  current: z.unknown().optional(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Thrown inside services; the dispatcher turns it into an error envelope. */
export class AppFailure extends Error {
  constructor(
    public readonly kind: ErrorKind,
    message: string,
    public readonly fieldErrors: Record<string, string> = {},
    public readonly current?: unknown,
  ) {
    super(message);
    this.name = 'AppFailure';
  }
  toError(): AppError {
    return { kind: this.kind, message: this.message, fieldErrors: this.fieldErrors, current: this.current };
  }
}

export const fail = {
  validation: (message: string, fieldErrors: Record<string, string> = {}) => new AppFailure('validation', message, fieldErrors),
  notFound: (what: string) => new AppFailure('not_found', `Không tìm thấy ${what}. Có thể bản ghi đã bị xoá.`),
  conflict: (current: unknown) =>
    new AppFailure(
      'conflict',
      'Bản ghi này vừa được người khác sửa. Thay đổi của bạn chưa được lưu; hãy xem giá trị hiện tại rồi nhập lại.',
      {},
      current,
    ),
  forbidden: (message = 'Bạn không có quyền thực hiện thao tác này.') => new AppFailure('forbidden', message),
};

/** Converts zod issues to field paths and Vietnamese messages. */
export function fieldErrorsFromZod(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}
