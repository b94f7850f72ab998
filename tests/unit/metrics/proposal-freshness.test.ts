import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TriageDatabase } from '@/lib/db/database';
import { applyOutcomes, reviewRow, storeProposals } from '@/lib/hubspot-lane/background/proposal-store';
import { computeKpis } from '@/lib/metrics/compute-kpis';
import type { FieldProposal } from '@/lib/schemas/proposal';
import type { PropertyDefinition } from '@/lib/schemas/hubspot';

// The freshness figure read from the rows the real proposal store writes: created, rejected, written.

const HOUR = 3_600_000;
const subject = 'hubspot:1/0-1/42';
const lane = 'crm-discipline';
const definition = (name: string): PropertyDefinition => ({ name, label: name, type: 'string', fieldType: 'text', options: [] });
const proposal = (property: string): FieldProposal => ({
  id: `p-${property}`,
  objectType: '0-1',
  objectId: '42',
  property,
  label: property,
  currentValue: null,
  proposedValue: 'new value',
  reason: 'said in a note',
  evidence: { quote: 'new value', source: { kind: 'note', ref: 'n1', label: 'Note' } },
  confidence: 0.9,
  humanDecision: false,
  status: 'pending',
});

let db: TriageDatabase;
beforeEach(() => {
  db = new TriageDatabase(`kpi-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('field freshness over the proposal store', () => {
  it('times a write, counts a rejection as resolved, and leaves the open one out of the share until a day has passed', async () => {
    const t0 = Date.UTC(2026, 2, 1);
    const props = ['jobtitle', 'phone', 'city'];
    const rows = await storeProposals(db, subject, { proposals: props.map((p) => ({ lane, proposal: proposal(p) })), dropped: [] }, props.map(definition), t0);
    const id = (p: string) => rows.find((r) => r.proposal.property === p)!.id;

    const accepted = await reviewRow(db, subject, id('jobtitle'), 'accept', undefined, t0 + 2 * HOUR);
    if (!accepted.ok) throw new Error(accepted.error.message);
    const hash = accepted.value.find((r) => r.proposal.property === 'jobtitle')!.approvalHash!;
    await applyOutcomes(db, subject, [{ status: 'written', property: 'jobtitle', approvalHash: hash, before: null, after: 'new value' }], 'token', t0 + 3 * HOUR);
    expect((await reviewRow(db, subject, id('phone'), 'reject', undefined, t0 + 30 * HOUR)).ok).toBe(true);

    const audit = await db.audit.orderBy('seq').toArray();
    expect(audit.map((r) => r.kind)).toContain('proposal.rejected');
    // The log as it stood 20 h in.
    const soon = computeKpis(audit.filter((r) => r.at < t0 + 20 * HOUR), [], { from: t0, to: t0 + 20 * HOUR }).lanes.find((l) => l.lane === lane)!.fieldFreshness;
    // At 20 h: the write (3 h) is judged; the rejection has not happened yet, so phone and city are open and too young.
    expect(soon).toMatchObject({ written: 1, rejected: 0, open: 2, toWrite: { n: 1, median: 3 * HOUR } });
    const later = computeKpis(audit, [], { from: t0, to: t0 + 48 * HOUR }).lanes.find((l) => l.lane === lane)!.fieldFreshness;
    expect(later).toMatchObject({ written: 1, rejected: 1, open: 1, writes: 1 });
    expect(later.resolvedWithin24h).toEqual({ n: 3, hits: 1, value: 1 / 3 });
  });
});
