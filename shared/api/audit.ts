import { z } from 'zod';
import { defineCall } from './define';
import { id, isoDate } from './fields';

export const AuditRowSchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.number(),
  cadreId: z.number().nullable(),
  cadreName: z.string().nullable(),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  batchId: z.number().nullable(),
  batchDescription: z.string().nullable(),
});
export type AuditRow = z.infer<typeof AuditRowSchema>;

export const auditCalls = {
  'audit.list': defineCall({
    input: z.object({
      cadreId: id.optional(),
      entity: z.string().max(64).optional(),
      entityId: id.optional(),
      actor: z.string().max(100).optional(),
      batchId: id.optional(),
      fromDate: isoDate('Từ ngày').optional(),
      toDate: isoDate('Đến ngày').optional(),
      limit: z.number().int().min(1).max(50_000).default(5_000),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.object({ rows: z.array(AuditRowSchema), total: z.number() }),
    access: 'read',
  }),
};
