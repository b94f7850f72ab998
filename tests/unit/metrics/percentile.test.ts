import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestRank } from '@/lib/metrics/percentile';

describe('nearestRank', () => {
  it('picks by nearest rank', () => {
    expect(nearestRank([30, 10, 20, 30], 0.5)).toBe(20);
    expect(nearestRank([30, 10, 20, 30], 0.9)).toBe(30);
    expect(nearestRank([5, 1, 3], 0.5)).toBe(3);
    expect(nearestRank([7], 0.9)).toBe(7);
    expect(nearestRank([], 0.5)).toBeNull();
  });

  it('sorts numerically, not as text, and leaves the sample alone', () => {
    const sample = [100, 9, 25];
    expect(nearestRank(sample, 0.5)).toBe(25);
    expect(sample).toEqual([100, 9, 25]);
  });

  it('a median is one of the samples, within their min and max, and at most the p90', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 200 }), (xs) => {
        const median = nearestRank(xs, 0.5)!;
        expect(xs).toContain(median);
        expect(median).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(median).toBeLessThanOrEqual(Math.max(...xs));
        expect(median).toBeLessThanOrEqual(nearestRank(xs, 0.9)!);
      }),
    );
  });
});
