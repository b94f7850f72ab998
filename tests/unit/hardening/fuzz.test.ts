import { describe, expect, it } from 'vitest';
import { runFuzzTargets } from '../../support/hardening-cases';

describe('fuzzing: hostile input never throws and always gets a typed answer', () => {
  it('dispatcher, Gmail reader, SOP parser, HubSpot error bodies and record URLs', async () => {
    const outcomes = await runFuzzTargets(1);
    expect(outcomes.filter((o) => o.failure !== null)).toEqual([]);
    expect(outcomes.every((o) => o.runs > 0)).toBe(true);
  });
});
