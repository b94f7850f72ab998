import { describe, expect, it } from 'vitest';
import { enoughData, formatDuration, formatShare } from '@/lib/metrics/format-kpi';

describe('KPI formatting', () => {
  it('reads durations in the unit an admin would use', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(12 * 60_000)).toBe('12 min');
    expect(formatDuration(3.5 * 3_600_000)).toBe('3.5 h');
    expect(formatDuration(14 * 3_600_000)).toBe('14 h');
    expect(formatDuration(2.1 * 86_400_000)).toBe('2.1 d');
  });

  it('shares as whole percents, and small samples are not enough data', () => {
    expect(formatShare(2 / 3)).toBe('67%');
    expect(enoughData(4)).toBe(false);
    expect(enoughData(5)).toBe(true);
  });
});
