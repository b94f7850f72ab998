import { describe, expect, it } from 'vitest';
import { computeKpis } from '@/lib/metrics/compute-kpis';
import { auditRow } from '../../support/audit-rows';

describe('routing accepted', () => {
  it('counts each routing decision in the range and lane, taken or changed', () => {
    const day = 24 * 60 * 60 * 1000;
    const routed = (at: number, lane: string, accepted: boolean, n: number) =>
      auditRow(at, 'triage.routed', `gmail:t${n}`, lane, { owner: accepted ? 'Billing team' : 'Support lead', suggested: 'Billing team', accepted, by: 'Dana' });
    const rows = [routed(1 * day, 'support-replies', true, 1), routed(2 * day, 'support-replies', false, 2), routed(3 * day, 'support-replies', true, 3), routed(3 * day, 'lead-routing', true, 4), routed(20 * day, 'support-replies', false, 5)];
    const report = computeKpis(rows, [], { from: 0, to: 10 * day });
    expect(report.overall.routing).toEqual({ n: 4, hits: 3, value: 0.75 });
    expect(report.lanes.find((l) => l.lane === 'support-replies')?.routing).toEqual({ n: 3, hits: 2, value: 2 / 3 });
    expect(computeKpis(rows, [], { from: 0, to: 30 * day, lane: 'lead-routing' }).overall.routing).toEqual({ n: 1, hits: 1, value: 1 });
  });
});
