import { z } from 'zod';
import { defineCall } from './define';
import { id, requiredText, version } from './fields';

export const CodeEntrySchema = z.object({
  id: z.number(),
  version: z.number(),
  list: z.string(),
  key: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  rank: z.number(),
  attrs: z.record(z.string(), z.unknown()),
  active: z.boolean(),
  system: z.boolean(),
});
export type CodeEntry = z.infer<typeof CodeEntrySchema>;

const CodeChangesSchema = z.object({
  name: requiredText('Tên', 200).optional(),
  code: z.string().trim().max(32, { message: 'Mã chính thức dài quá 32 ký tự.' }).nullable().optional(),
  rank: z.number({ message: 'Thứ tự phải là số.' }).finite().optional(),
  active: z.boolean().optional(),
  /** Markers the rules read (postgraduate, minority...): only the keys given change; false removes the marker. */
  attrs: z.record(z.string().regex(/^[A-Za-z]+$/, { message: 'Thuộc tính không hợp lệ.' }), z.boolean()).optional(),
});

export const codeCalls = {
  'codes.list': defineCall({ input: z.object({}).default({}), output: z.array(CodeEntrySchema), access: 'read' }),
  'codes.create': defineCall({
    input: z.object({
      list: z.string().min(1).max(64),
      key: z.string().trim().min(1, { message: 'Mã không được để trống.' }).max(64).regex(/^[\p{L}\p{N}_.\-/]+$/u, { message: 'Mã chỉ gồm chữ, số và các dấu _ . - /' }),
      name: requiredText('Tên', 200),
      code: z.string().max(32).nullable().optional(),
      rank: z.number().finite().default(0),
    }),
    output: CodeEntrySchema,
    access: 'write',
  }),
  'codes.update': defineCall({
    input: z.object({
      id,
      version,
      changes: CodeChangesSchema,
    }),
    output: CodeEntrySchema,
    access: 'write',
  }),
  /** A paste or an undo in the code list grid: all rows or none, in one change batch. */
  'codes.bulkUpdate': defineCall({
    input: z.object({
      items: z.array(z.object({ id, version, changes: CodeChangesSchema })).min(1).max(5_000),
      kind: z.enum(['edit', 'paste', 'undo', 'redo']).default('edit'),
    }),
    output: z.array(CodeEntrySchema),
    access: 'write',
  }),
};
