import { z } from 'zod';
import { defineCall } from './define';
import { id, isoDate, optionalIsoDate, optionalText, requiredText, version } from './fields';
import { UNIT_KINDS, UNIT_LEVELS } from '../domain/codes';

export const UnitKindSchema = z.enum(Object.keys(UNIT_KINDS) as [string, ...string[]], { message: 'Loại đơn vị không hợp lệ.' });
export const UnitLevelSchema = z.enum(Object.keys(UNIT_LEVELS) as [string, ...string[]], { message: 'Cấp đơn vị không hợp lệ.' });

export const UnitSchema = z.object({
  id: z.number(),
  version: z.number(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.string(),
  level: z.string(),
  parentId: z.number().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  successorId: z.number().nullable(),
  ethnicContact: z.boolean(),
  sortOrder: z.number(),
  note: z.string().nullable(),
});
export type Unit = z.infer<typeof UnitSchema>;

export const unitCalls = {
  'units.list': defineCall({ input: z.object({}).default({}), output: z.array(UnitSchema), access: 'read' }),
  'units.create': defineCall({
    input: z.object({
      name: requiredText('Tên đơn vị', 200),
      shortName: optionalText(60, 'Tên viết tắt'),
      kind: UnitKindSchema,
      level: UnitLevelSchema,
      parentId: id.nullable().optional(),
      validFrom: optionalIsoDate('Ngày thành lập'),
      ethnicContact: z.boolean().default(false),
      note: optionalText(500),
    }),
    output: UnitSchema,
    access: 'write',
  }),
  /** Rename and other attributes; moving and closing have their own calls because they are dated. */
  'units.update': defineCall({
    input: z.object({
      id,
      version,
      changes: z.object({
        name: requiredText('Tên đơn vị', 200).optional(),
        shortName: optionalText(60, 'Tên viết tắt'),
        kind: UnitKindSchema.optional(),
        level: UnitLevelSchema.optional(),
        validFrom: optionalIsoDate('Ngày thành lập'),
        ethnicContact: z.boolean().optional(),
        sortOrder: z.number().int().optional(),
        note: optionalText(500),
      }),
    }),
    output: UnitSchema,
    access: 'write',
  }),
  'units.move': defineCall({
    input: z.object({ id, version, parentId: id.nullable(), effectiveDate: isoDate('Ngày hiệu lực') }),
    output: UnitSchema,
    access: 'write',
  }),
  'units.close': defineCall({
    input: z.object({
      id,
      version,
      /** Last day the unit exists. */
      validTo: isoDate('Ngày kết thúc'),
      successorId: id.nullable().optional(),
      /** Move the people still assigned there to the successor from the next day. */
      moveCadresToSuccessor: z.boolean().default(false),
    }),
    output: UnitSchema,
    access: 'write',
  }),
  'units.reopen': defineCall({ input: z.object({ id, version }), output: UnitSchema, access: 'write' }),
  /** The unit's dated parents, oldest first (end dates inclusive), so the form can show where it belonged when. */
  'units.parentHistory': defineCall({
    input: z.object({ id }),
    output: z.array(z.object({ parentId: z.number().nullable(), fromDate: z.string().nullable(), toDate: z.string().nullable() })),
    access: 'read',
  }),
  /** People whose current assignment (on the date, default today) is in each unit; units with nobody are left out. */
  'units.headcounts': defineCall({
    input: z.object({ onDate: isoDate('Ngày').optional() }).default({}),
    output: z.array(z.object({ unitId: z.number(), count: z.number() })),
    access: 'read',
  }),
};
