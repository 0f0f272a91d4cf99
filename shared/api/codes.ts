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
      changes: z.object({
        name: requiredText('Tên', 200).optional(),
        code: z.string().max(32).nullable().optional(),
        rank: z.number().finite().optional(),
        active: z.boolean().optional(),
      }),
    }),
    output: CodeEntrySchema,
    access: 'write',
  }),
};
