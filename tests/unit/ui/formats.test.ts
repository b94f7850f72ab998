import { describe, expect, it } from 'vitest';
import { formatDay, formatMessageTime, formatUsd } from '@/lib/ui/formats';

describe('the dates and amounts the panels show', () => {
  it('writes UTC days and times in English, as the rest of the panel', () => {
    expect(formatMessageTime('2024-05-22T09:05:00.000Z')).toBe('22 May 2024, 09:05');
    expect(formatMessageTime('2026-12-31T23:59:00.000Z')).toBe('31 Dec 2026, 23:59');
    expect(formatDay(Date.UTC(2024, 0, 1))).toBe('1 Jan 2024');
  });

  it('writes an estimated cost in dollars to four decimals', () => {
    expect(formatUsd(0.0072)).toBe('$0.0072');
  });
});
