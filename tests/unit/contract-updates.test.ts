import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/api/contract';

// An update names only the fields that change. zod keeps a field's .default() inside .partial(), which would
// silently reset that field (e.g. a plan's status back to "draft") on every unrelated edit.
describe('update calls never fill in fields the user did not change', () => {
  it.each([
    ['training.plans.update', { id: 1, version: 1, changes: { name: 'Kế hoạch 2026' } }],
    ['planning.update', { id: 1, version: 1, changes: { note: 'Ghi chú' } }],
  ] as const)('%s', (name, input) => {
    const parsed = (contract as any)[name].input.parse(input);
    expect(Object.keys(parsed.changes)).toEqual(Object.keys(input.changes));
  });
});
