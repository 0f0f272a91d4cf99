import { z } from 'zod';
import { isValidIsoDate, isValidPartialDate } from '../domain/dates';

// Reusable field schemas with Vietnamese messages. Dates cross the API as ISO text; the renderer parses
// what the clerk typed (dd/mm/yyyy) with parseVnDate before calling.

export const isoDate = (label = 'Ngày') =>
  z.string().refine(isValidIsoDate, { message: `${label} không hợp lệ (cần dạng dd/mm/yyyy).` });
export const optionalIsoDate = (label = 'Ngày') => isoDate(label).nullable().optional();
export const partialDate = (label = 'Ngày') =>
  z.string().refine(isValidPartialDate, { message: `${label} không hợp lệ (dd/mm/yyyy, mm/yyyy hoặc yyyy).` });

export const id = z.number().int().positive({ message: 'Mã bản ghi không hợp lệ.' });
export const version = z.number().int().min(1, { message: 'Phiên bản bản ghi không hợp lệ.' });

/** Optional free text: trimmed, empty becomes null, with a length cap so nobody pastes a book into a cell. */
export const optionalText = (max = 500, label = 'Nội dung') =>
  z
    .string()
    .max(max, { message: `${label} dài quá ${max} ký tự.` })
    .transform((s) => {
      const t = s.normalize('NFC').replace(/\s+/g, ' ').trim();
      return t === '' ? null : t;
    })
    .nullable()
    .optional();

export const requiredText = (label: string, max = 200) =>
  z
    .string({ message: `${label} không được để trống.` })
    .transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, { message: `${label} không được để trống.` }).max(max, { message: `${label} dài quá ${max} ký tự.` }));

export const codeKey = z.string().max(64);

/** An enum over the keys of a label table (the labels are what the UI shows), with a Vietnamese message. */
export const enumOf = <T extends Record<string, unknown>>(labels: T, label: string) =>
  z.enum(Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]], { message: `${label} không hợp lệ.` });
