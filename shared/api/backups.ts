import { z } from 'zod';
import { defineCall } from './define';

export const BackupFileSchema = z.object({
  name: z.string(),
  path: z.string(),
  size: z.number(),
  modifiedAt: z.string(),
  /** auto | manual | pre_migration | pre_import | pre_restore | other */
  kind: z.string(),
});
export type BackupFile = z.infer<typeof BackupFileSchema>;

export const BackupSettingsSchema = z.object({
  dailyKeep: z.number().int().min(1, { message: 'Giữ ít nhất 1 bản hằng ngày.' }).max(365, { message: 'Tối đa 365 bản hằng ngày.' }),
  monthlyKeep: z.number().int().min(0).max(120, { message: 'Tối đa 120 bản hằng tháng.' }),
});
export type BackupSettings = z.infer<typeof BackupSettingsSchema>;

export const backupCalls = {
  'backups.list': defineCall({
    input: z.object({}).default({}),
    output: z.object({ folder: z.string(), files: z.array(BackupFileSchema), settings: BackupSettingsSchema, databaseSize: z.number() }),
    access: 'read',
  }),
  /** "Sao lưu ngay": to the backup folder, or to a folder the user chose (e.g. a USB drive). */
  'backups.create': defineCall({
    input: z.object({ folder: z.string().trim().max(1000).optional() }),
    output: BackupFileSchema,
    access: 'write',
  }),
  /** Replaces the data with a backup after checking it; the current data is backed up first. */
  'backups.restore': defineCall({
    input: z.object({ path: z.string().min(1, { message: 'Hãy chọn bản sao lưu.' }).max(1000) }),
    output: z.object({ restoredFrom: z.string(), safetyCopy: BackupFileSchema }),
    access: 'admin',
  }),
  'backups.saveSettings': defineCall({ input: BackupSettingsSchema, output: BackupSettingsSchema, access: 'admin' }),
};
