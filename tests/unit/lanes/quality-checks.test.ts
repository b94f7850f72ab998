import { describe, expect, it } from 'vitest';
import { createLocalEngine } from '@/lib/engine/local/local-engine';
import { buildHandoffPacket } from '@/lib/gmail-lane/background/handoff';
import { toTriageResult } from '@/lib/gmail-lane/background/triage-result';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import { parseLanes } from '@/lib/lanes/parse-lanes';
import type { Lane } from '@/lib/schemas/lane';
import type { TriageInput } from '@/lib/schemas/triage-input';
import { retrieveForClassification, queryFromText } from '@/lib/sop/retrieve';
import { SopIndex } from '@/lib/sop/sop-index';
import { chunkSop } from '@/lib/sop/chunk';

/** Each quality check the lane editor shows, enforced by the code the product runs. */

const withChecks = (id: string, checks: Partial<Lane['qualityChecks']>): Lane[] =>
  defaultLanes.map((l) => (l.id === id ? { ...l, qualityChecks: { ...l.qualityChecks, ...checks } } : l));

const email = (text: string, subject = '', from = { name: 'Rania Haddad', email: 'rania@gulfbuild-trading.example' }): TriageInput => ({
  source: 'gmail',
  subject,
  messages: [{ from, date: '2026-05-04T09:00:00Z', text }],
});

describe('lane quality checks', () => {
  const refund = email('We cancelled our annual plan last week, please refund the renewal charge.', 'Refund request');

  it('the confidence floor sends an unsure category to human triage', async () => {
    const classified = await createLocalEngine().classify(refund, defaultLanes);
    if (!classified.ok) throw new Error(classified.error.message);
    const confidence = classified.value.category.confidence;
    expect(toTriageResult(classified.value, 'local', withChecks('support-replies', { confidenceFloor: Math.min(1, confidence + 0.01) }), 1).needsHumanTriage).toBe(true);
    expect(toTriageResult(classified.value, 'local', withChecks('support-replies', { confidenceFloor: Math.max(0, confidence - 0.01) }), 1).needsHumanTriage).toBe(false);
  });

  it('the grounding floor decides grounded or abstain for that lane', async () => {
    const classified = await createLocalEngine().classify(refund, defaultLanes);
    if (!classified.ok) throw new Error(classified.error.message);
    const sop = chunkSop({ sopId: 'refunds', sopVersion: 1, sopTitle: 'Refunds', lanes: ['support-replies'], text: '# Billing\n\nRefund requests are answered by the billing team within two working days.' });
    const index = SopIndex.fromPassages(sop);
    const at = (floor: number) => retrieveForClassification(index, queryFromText(refund.messages[0]!.text), classified.value, withChecks('support-replies', { minGroundingScore: floor }));
    const low = at(0.01);
    expect(low.grounded).toBe(true);
    // A partial match: the score sits between the floors tried below.
    expect(low.groundingScore).toBeLessThan(0.95);
    expect(at(Math.min(1, low.groundingScore + 0.01)).grounded).toBe(false);
    expect(at(Math.min(1, low.groundingScore + 0.01)).floor).toBeCloseTo(Math.min(1, low.groundingScore + 0.01));
  });

  it('a required field the thread does not give leaves the handoff incomplete, naming it, with nothing proposed for it', () => {
    const rfq = defaultLanes.find((l) => l.id === 'rfq-response')!;
    const packet = buildHandoffPacket({
      subjectId: 'gmail:rfq',
      input: email('Please quote 2,000 pcs of steel brackets CIF Jebel Ali. Our tender closes on 31 May.', 'RFQ brackets'),
      lane: rfq,
      id: 'handoff:gmail:rfq',
      now: Date.parse('2026-05-04T10:00:00Z'),
    });
    expect(packet?.fields.quantity).toBe('2000 pcs');
    expect(packet?.missing).toEqual([]);
    const stricter = { ...rfq, handoffFields: [...rfq.handoffFields], qualityChecks: { ...rfq.qualityChecks, requiredFields: [...rfq.qualityChecks.requiredFields, 'moq', 'lead_time'] } };
    const incomplete = buildHandoffPacket({ subjectId: 'gmail:rfq', input: email('Please quote 2,000 pcs of steel brackets CIF Jebel Ali. Our tender closes on 31 May.', 'RFQ brackets'), lane: stricter, id: 'h', now: Date.parse('2026-05-04T10:00:00Z') });
    expect(incomplete?.missing).toEqual(['moq', 'lead_time']);
    expect(incomplete?.fields).not.toHaveProperty('moq');
  });

  it('a lane may require only what its handoff carries', () => {
    const lanes = withChecks('lead-routing', { requiredFields: ['email', 'annual_revenue'] });
    const parsed = parseLanes(lanes);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe('lanes_required_field');
  });
});
