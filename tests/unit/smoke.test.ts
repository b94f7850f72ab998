import { describe, expect, it } from 'vitest';
import { fail, ok } from '@/lib/schemas/errors';
describe('result helpers', () => {
  it('builds values and errors', () => {
    expect(ok(1)).toEqual({ ok: true, value: 1 });
    expect(fail('x', 'm', 'n').ok).toBe(false);
  });
});
