import { describe, expect, it } from 'vitest';
import { chooseTemplate } from '@/lib/drafting/conditions';
import { fillTemplate } from '@/lib/drafting/fill-template';
import { unfilledPlaceholders } from '@/lib/drafting/placeholders';
import { asksFor, isAgentInstruction, replyAsksFor } from '@/lib/drafting/sop-sentences';
import { factOf, readThreadFacts } from '@/lib/drafting/thread-facts';
import type { Passage } from '@/lib/schemas/sop';
import { parseReplyTemplate, type ReplyTemplate } from '@/lib/sop/reply-templates';

const template = (heading: string, text: string): ReplyTemplate => {
  const passage: Passage = { id: heading, sopId: 'refunds', sopVersion: 1, sopTitle: 'Refunds', headingPath: ['Refunds', heading], text, lanes: [] };
  const parsed = parseReplyTemplate(passage);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
};
const full = template('Reply template: full', 'For: refund_request\nWhen: days_since_renewal <= 14\n\nHi {{customer_first_name|there}},\nIf missing invoice_number: Could you send us the invoice number?\nFull refund of {{refund_amount}}.');
const prorata = template('Reply template: pro-rata', 'For: refund_request\nWhen: days_since_renewal > 14\n\nHi {{customer_first_name|there}},\nPro-rated refund.');
const message = (text: string, date = '2024-03-20T09:00:00Z') => [{ from: { name: 'Lena Vogt', email: 'lena@example.com' }, date, text }];

describe('rules chosen by the thread facts', () => {
  it('uses the rule whose condition the facts meet, and says which fact decided it', () => {
    const early = readThreadFacts('Refund', message('Our plan renewed on March 15. Invoice INV-4411.'));
    const choice = chooseTemplate([full, prorata], 'refund_request', 'en', early);
    expect(choice).toMatchObject({ kind: 'template', template: { label: 'full' } });
    expect(choice.kind === 'template' && choice.because[0]).toMatch(/days since renewal is 5.*renewed on March 15/);
    const late = readThreadFacts('Refund', message('Our plan renewed on February 1.'));
    expect(chooseTemplate([full, prorata], 'refund_request', 'en', late)).toMatchObject({ kind: 'template', template: { label: 'pro-rata' } });
  });

  it('knows photos were sent from pictures attached to a customer message, or from their words in German', () => {
    const attached = [{ ...message('The bowl arrived broken, order 48822.')[0]!, attachments: ['bowl.JPG', 'invoice.pdf'] }];
    expect(factOf(readThreadFacts('Damaged', attached), 'photos_attached')).toEqual({ key: 'photos_attached', value: 'yes', quote: 'Attached: bowl.JPG' });
    expect(factOf(readThreadFacts('Damaged', [{ ...attached[0]!, attachments: ['invoice.pdf'] }]), 'photos_attached')).toBeUndefined();
    expect(factOf(readThreadFacts('Beschädigt', message('Zwei Gläser sind zerbrochen. Fotos hänge ich an.')), 'photos_attached')?.quote).toBe('Fotos hänge ich an.');
  });

  it('reads a reason for cancelling in the ways customers give one', () => {
    for (const text of ['Please cancel at the end of the period. We are moving to another tool.', "We're switching to a cheaper plan elsewhere.", 'It has become too expensive for us.', 'We no longer need the extra seats.']) {
      expect([text, factOf(readThreadFacts('Cancel', message(text)), 'reason')?.quote]).toEqual([text, expect.any(String)]);
    }
    expect(factOf(readThreadFacts('Cancel', message('Please cancel our subscription.')), 'reason')).toBeUndefined();
  });

  it('reads an invoice number with more than one group whole', () => {
    expect(factOf(readThreadFacts('Refund', message('Die Rechnung hat die Nummer INV-2026-1187. Bitte erstatten.')), 'invoice_number')?.value).toBe('INV-2026-1187');
    expect(factOf(readThreadFacts('Refund', message('Invoice number: RE-20261187-B, paid twice.')), 'invoice_number')?.value).toBe('RE-20261187-B');
  });

  it('reads order and invoice numbers written in French, Spanish or Dutch', () => {
    const fr = readThreadFacts('Commande', message('Notre commande 66120 devait arriver le 28 octobre. Facture n° 2024-7781.'));
    expect([factOf(fr, 'order_number')?.value, factOf(fr, 'invoice_number')?.value]).toEqual(['66120', '2024-7781']);
    expect(factOf(readThreadFacts('Pedido', message('El pedido 55102 no ha llegado.')), 'order_number')?.value).toBe('55102');
    expect(factOf(readThreadFacts('Bestelling', message('Bestelling 44019 is nog niet binnen.')), 'order_number')?.value).toBe('44019');
  });

  it('asks for the one missing fact when the facts do not decide', () => {
    const none = readThreadFacts('Refund', message('Please refund our annual plan.'));
    expect(chooseTemplate([full, prorata], 'refund_request', 'en', none)).toMatchObject({ kind: 'missing_fact', missing: 'renewal_date' });
  });

  it('fills from the thread, never asks for what is given, and leaves human decisions as visible fields', () => {
    const facts = readThreadFacts('Refund', message('Our plan renewed yesterday and we paid $1,188. The invoice number is INV-4411.'));
    const filled = fillTemplate(full, facts, { agentName: null });
    const text = filled.lines.map((l) => l.text).join('\n');
    expect(text).toContain('Hi Lena,');
    expect(text).not.toMatch(/invoice number\?/);
    expect(unfilledPlaceholders(text)).toEqual(['refund_amount']);
    expect(filled.fills.find((f) => f.placeholder === 'customer_first_name')?.quote).toBe('From: Lena Vogt');
  });
});

describe('who a sentence speaks to', () => {
  it.each([
    'Check the renewal date on the invoice (invoice numbers start with INV-).',
    'If the workspace shows no sign-ins since the renewal, offer the pro-rated refund and mention that a full refund needs billing approval.',
    'Ask for the workspace address, the invoice number and the reason for cancelling.',
    'Escalate to the billing lead when the amount is over 2,000 USD.',
    'Look up the order number in the order system and open the carrier tracking.',
    'Partner referrals: the partner manager, and record the partner in the "Lead source detail" field.',
  ])('instruction to the agent: %s', (s) => expect(isAgentInstruction(s)).toBe(true));

  it.each([
    'Card refunds show on your statement within 5 to 10 business days.',
    'Could you send us your order number?',
    'Monthly plans are not refunded.',
    'Könnten Sie uns bitte die Rechnungsnummer senden?',
    'Replacements ship by express, and send us a photo of the label if the box arrives damaged again.',
    'Delivery times: 3 to 5 business days within the EU.',
  ])('words for the customer: %s', (s) => expect(isAgentInstruction(s)).toBe(false));

  it('reads what an instruction and a reply ask for', () => {
    expect(asksFor('Ask for the workspace address, the invoice number and the reason for cancelling.')).toEqual(['workspace_address', 'invoice_number', 'reason']);
    expect(replyAsksFor('Could you send us your order number?')).toEqual(['order_number']);
    expect(replyAsksFor('Your order 12345 ships today.')).toEqual([]);
  });
});
