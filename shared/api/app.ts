import { z } from 'zod';
import { defineCall } from './define';

export const AppInfoSchema = z.object({
  appVersion: z.string(),
  databaseFile: z.string(),
  /** True while the database holds no units and no cadres: the first-run screen offers sample data. */
  isEmpty: z.boolean(),
  cadreCount: z.number(),
  unitCount: z.number(),
  ethnicityCodeOrder: z.string(),
  actor: z.string(),
  role: z.string(),
});

export const appCalls = {
  'app.info': defineCall({ input: z.object({}).default({}), output: AppInfoSchema, access: 'read' }),
  'app.seedSample': defineCall({
    input: z.object({ cadres: z.number().int().min(10, { message: 'Ít nhất 10 cán bộ.' }).max(5_000, { message: 'Tối đa 5.000 cán bộ; dữ liệu lớn hơn hãy tạo bằng lệnh npm run seed.' }).default(2_000), seed: z.number().int().default(1) }),
    output: z.object({ units: z.number(), cadres: z.number(), qualifications: z.number(), trainingPlans: z.number(), enrolments: z.number(), rotations: z.number() }),
    access: 'admin',
  }),
  'settings.get': defineCall({ input: z.object({}).default({}), output: z.record(z.string(), z.unknown()), access: 'read' }),
  'settings.set': defineCall({
    input: z.object({ key: z.string().min(1).max(100), value: z.unknown() }),
    output: z.record(z.string(), z.unknown()),
    access: 'admin',
  }),
};
