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
  /** Name of the record when it is not a cadre's: the unit's name, the code entry's name. */
  entityName: z.string().nullable(),
  /** The group a keyed value belongs to: a qualification's category, a code entry's list. */
  entityGroup: z.string().nullable(),
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
      /** Words of a cadre's name, matched without diacritics ("nguyen hong"). */
      cadreQuery: z.string().max(100).optional(),
      /** Whole local days (the computer's time zone), inclusive. */
      fromDate: isoDate('Từ ngày').optional(),
      toDate: isoDate('Đến ngày').optional(),
      limit: z.number().int().min(1).max(50_000).default(5_000),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.object({ rows: z.array(AuditRowSchema), total: z.number() }),
    access: 'read',
  }),
  /** Everyone who has made a change, for the actor filter. */
  'audit.actors': defineCall({ input: z.object({}).default({}), output: z.array(z.string()), access: 'read' }),
};
