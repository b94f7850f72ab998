import { describe, expect, it } from 'vitest';
import { runFaultCases } from '../../support/hardening-cases';

describe('faults get a clear error and lose nothing', () => {
  it('API 429/529/401/truncated/network down, HubSpot 400/429/conflict/405, malformed SOP, tampered bundle, worker restart mid-draft', async () => {
    const outcomes = await runFaultCases();
    expect(outcomes.length).toBe(12);
    expect(outcomes.filter((o) => !o.passed || o.dataLost)).toEqual([]);
  });
});
