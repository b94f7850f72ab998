import { describe, expect, it } from 'vitest';
import { summarize } from '@/lib/engine/local/extractive-summary';
import { detectLanguage } from '@/lib/engine/local/language-detection';
import { detectRisks } from '@/lib/engine/local/risk-rules';
import { sentenceSpans } from '@/lib/text/sentences';
import { detectSentiment } from '@/lib/engine/local/sentiment-rules';
import { detectUrgency } from '@/lib/engine/local/urgency-rules';

const flags = (text: string) => detectRisks(text).map((h) => h.flag).sort();

describe('risk rules', () => {
  it('flag each risk in English with its evidence', () => {
    expect(flags('Please refund the renewal.')).toEqual(['refund']);
    expect(detectRisks('We will file a chargeback with our bank.')[0]).toMatchObject({ flag: 'billing_dispute', evidence: expect.stringContaining('chargeback') });
    expect(flags('What is your best price and lead time, CIF Jebel Ali?')).toEqual(['pricing_commitment']);
    expect(flags('Our lawyer will take legal action.')).toEqual(['legal']);
    expect(flags('I think our account was hacked last night.')).toEqual(['security']);
    expect(flags('The patient needs the medication delivered.')).toEqual(['medical']);
    expect(flags('My date of birth is on file.')).toEqual(['personal_data']);
  });

  it('flag German, French and Spanish wording', () => {
    expect(flags('Bitte erstatten Sie den Betrag.')).toEqual(['refund']);
    expect(flags('Wir wurden doppelt belastet.')).toEqual(['billing_dispute']);
    expect(flags('Sonst schalten wir unseren Anwalt ein.')).toEqual(['legal']);
    expect(flags('Unser Konto wurde gehackt.')).toEqual(['security']);
    expect(flags('Bitte senden Sie ein Angebot über 500 Stück.')).toEqual(['pricing_commitment']);
    expect(flags('Je souhaite être remboursé.')).toEqual(['refund']);
    expect(flags('Solicitamos cotización para 4.000 unidades.')).toEqual(['pricing_commitment']);
  });

  it('stay quiet on ordinary text and match whole words only', () => {
    expect(detectRisks('Thanks for the courtesy call, see you next week.')).toEqual([]);
    expect(detectRisks('Unsere Bestellung ist noch nicht angekommen.')).toEqual([]);
  });

  it('find IBANs and card numbers by checksum and show only the last four characters', () => {
    const hits = detectRisks('Please pay to DE89 3704 0044 0532 0130 00, or charge 4111 1111 1111 1111.');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.flag).toBe('personal_data');
    expect(hits[0]!.evidence).not.toMatch(/3704|1111 1111/);
    expect(detectRisks('Card 4111 1111 1111 1111')[0]!.evidence).toBe('card number •••• 1111');
    expect(detectRisks('Tracking 1234 5678 9012 3456 78')).toEqual([]);
    expect(detectRisks('IBAN DE00 3704 0044 0532 0130 00')).toEqual([]);
  });
});

describe('urgency', () => {
  it('ranks outages and legal threats first, then deadlines and tone, and bulk mail last', () => {
    expect(detectUrgency('Our whole site is down since 6 am.').value).toBe('P1');
    expect(detectUrgency('Our lawyer will contact you.').value).toBe('P1');
    // The words that flag a security incident make it urgent too.
    expect(detectUrgency('We got an alert that someone logged in from Brazil at 3am and changed the billing email.')).toMatchObject({ value: 'P1', reason: expect.stringContaining('logged in from') });
    expect(detectUrgency('There was a suspicious sign-in to our workspace last night.').value).toBe('P1');
    expect(detectUrgency('Can you send replacements before the weekend?')).toMatchObject({ value: 'P2', reason: expect.stringContaining('before the weekend') });
    expect(detectUrgency('Bitte dringend zurückrufen.').value).toBe('P2');
    // A same-day need said in passing is a deadline too; "today" alone is not.
    expect(detectUrgency("I can't log in. We have payroll to run today, please help!")).toMatchObject({ value: 'P2', reason: expect.stringContaining('payroll to run today') });
    expect(detectUrgency('We need to ship the order this afternoon.').value).toBe('P2');
    expect(detectUrgency('Your parcel arrived today, thanks.').value).toBe('P3');
    expect(detectUrgency('We have received the invoice today.').value).toBe('P3');
    expect(detectUrgency('This is unacceptable.').value).toBe('P2');
    expect(detectUrgency('Where can I download invoices?').value).toBe('P3');
    expect(detectUrgency('Read the May update. Unsubscribe here.').value).toBe('P4');
    expect(detectUrgency('Three things changed this month.', { bulk: true }).value).toBe('P4');
  });
});

describe('sentiment and language', () => {
  it('tells an angry message from a thank-you', () => {
    expect(detectSentiment('This is unacceptable, the box arrived broken and still no reply.').value).toBe('negative');
    expect(detectSentiment('Thanks, that was really helpful!').value).toBe('positive');
    expect(detectSentiment('The meeting is at 3 pm.').value).toBe('neutral');
    expect(detectSentiment('Leider ist die Ware immer noch nicht da.').value).toBe('negative');
  });

  it('detects the seven languages from stopwords', () => {
    expect(detectLanguage('Can you please tell us where the order is?').value).toBe('en');
    expect(detectLanguage('Können Sie uns bitte sagen, wo die Bestellung ist?').value).toBe('de');
    expect(detectLanguage('Pouvez-vous nous dire où est la commande, merci').value).toBe('fr');
    expect(detectLanguage('Hola, ¿nos pueden decir dónde está el pedido? Gracias').value).toBe('es');
    expect(detectLanguage('Kunt u ons laten weten waar de bestelling is? Bedankt').value).toBe('nl');
    expect(detectLanguage('Buongiorno, potete dirci dove si trova il nostro ordine? Grazie').value).toBe('it');
    expect(detectLanguage('Olá, vocês podem dizer onde está o nosso pedido? Obrigado').value).toBe('pt');
  });
});

describe('summary', () => {
  it('gives the first salient sentence and the ask, without greetings', () => {
    const summary = summarize('Order late', ['Hi team, our pallet did not arrive on Monday. It was due last week. Could you check with the carrier? Thanks']);
    expect(summary).toBe('Our pallet did not arrive on Monday.\nAsk: Could you check with the carrier?');
    expect(summary.length).toBeLessThanOrEqual(400);
  });

  it("is about the customer's request when their latest message only answers the rep's question", () => {
    const thread = ['Hi, our annual plan renewed yesterday and we were charged $1,188. Can we get a refund?', 'Sure, the invoice number is INV-20931.'];
    expect(summarize('Refund for annual plan', thread)).toBe('Our annual plan renewed yesterday and we were charged $1,188.\nAsk: Can we get a refund?');
    // A later message with a request of its own is the one summarised.
    expect(summarize('Refund', [...thread, 'Also, could you send the invoice as PDF?'])).toMatch(/^Also, could you send the invoice as PDF\?\n/);
    // With no request anywhere, the latest message.
    expect(summarize('Update', ['We moved offices.', 'Our new phone number is 555-0100.'])).toBe('Our new phone number is 555-0100.\nSubject: Update');
  });

  it('does not end a sentence at a German day number', () => {
    expect(sentenceSpans('Die Lieferung war für den 9. Februar geplant. Wo ist sie?')).toEqual(['Die Lieferung war für den 9. Februar geplant.', 'Wo ist sie?']);
  });

  it('stays within two short lines for long text', () => {
    const summary = summarize('x', [`${'word '.repeat(300)}.`]);
    expect(summary.split('\n')).toHaveLength(2);
    expect(summary.length).toBeLessThanOrEqual(400);
  });
});

describe('summary of a message with two requests', () => {
  it('keeps both requests, and cuts long text between words', () => {
    const summary = summarize('Invoice address', ['Hello, please change our invoice address to Hafenstrasse 12, 20457 Hamburg; who is our account manager now?']);
    const [, asks] = summary.split('\n');
    expect(asks).toMatch(/^Asks: /);
    expect(asks).toContain('change our invoice address');
    expect(asks).toContain('Who is our account manager now?');
    const long = summarize('x', [`Please ${'replace the broken widget housing '.repeat(20)}now.`]);
    for (const line of long.split('\n')) {
      const cut = line.endsWith('…') ? line.slice(0, -1) : line;
      expect(`${'replace the broken widget housing '.repeat(20)}now.`).toContain(cut.replace(/^(Ask: )?Please /, '').split(' ').at(-1)!);
      expect(/\S…$/.test(line) ? /(?:housing|broken|widget|replace|the|now\.)…$/.test(line) : true).toBe(true);
    }
  });
});
