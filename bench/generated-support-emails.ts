// A deterministic generator of support emails for the draft checks: categories and languages (EN, DE), facts varied
// (names, order and invoice numbers, workspaces, dates, amounts, photos present or not) and wording varied. Each email
// carries the truth of which facts it states, so the bench can tell whether a draft asks for what was given.
// Written once from the SOPs' categories, not tuned against the drafts.
import { seededRandom } from '@/lib/common/seeded-random';
import type { TriageInput } from '@/lib/schemas/triage-input';

export type GivenFact = 'order_number' | 'invoice_number' | 'workspace_address' | 'reason' | 'photos_attached' | 'renewal_date';

export interface GeneratedEmail {
  id: string;
  category: string;
  language: 'en' | 'de';
  input: TriageInput;
  given: GivenFact[];
}

const FIRST = ['Anna', 'Ben', 'Chloé', 'David', 'Elif', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Lars', 'Mira', 'Noah', 'Olga', 'Pablo'];
const LAST = ['Schmidt', 'Okafor', 'Larsen', 'Moreau', 'Yilmaz', 'Tanaka', 'Novak', 'Fischer', 'Silva', 'Brennan'];
const COMPANY = ['acme', 'brightlane', 'kestrel', 'nordlicht', 'bluefin', 'orchard', 'tessera', 'alpen'];

type Pick = <T>(list: readonly T[]) => T;

interface Parts {
  subject: string[];
  open: string[];
  facts: Partial<Record<GivenFact, string[]>>;
  ask: string[];
  close: string[];
}

function partsFor(category: string, language: 'en' | 'de', v: Record<string, string>): Parts {
  const en = language === 'en';
  switch (category) {
    case 'refund_request':
      return {
        subject: en ? ['Refund for our annual plan', 'Cancel and refund please', 'Refund request'] : ['Erstattung Jahrestarif', 'Kündigung und Erstattung', 'Bitte um Rückerstattung'],
        open: en ? ['I would like to cancel our annual plan and get a refund.', 'We want to cancel the subscription and ask for our money back.'] : ['Wir möchten unseren Jahrestarif kündigen und eine Erstattung erhalten.', 'Ich möchte das Abo kündigen und bitte um Rückerstattung.'],
        facts: {
          renewal_date: en ? [`Our annual plan renewed ${v.ago} and we were charged $1,188.`, `The annual plan was renewed ${v.ago}.`] : [`Unser Jahrestarif wurde ${v.agoDe} verlängert.`, `Der Jahrestarif wurde ${v.agoDe} verlängert und abgebucht.`],
          workspace_address: en ? [`Our workspace is ${v.workspace}.`, `The workspace address is ${v.workspace}.`] : [`Unser Arbeitsbereich ist ${v.workspace}.`],
          invoice_number: en ? [`The invoice number is ${v.invoice}.`, `It is on invoice ${v.invoice}.`] : [`Die Rechnungsnummer ist ${v.invoice}.`, `Es geht um Rechnung ${v.invoice}.`],
          reason: en ? ['We moved to a different tool last month.', 'We no longer need it because the project ended.'] : ['Wir sind zu einem anderen Tool gewechselt.', 'Wir brauchen es nicht mehr, weil das Projekt beendet ist.'],
        },
        ask: en ? ['Can you confirm the refund?', 'How long will the refund take?'] : ['Können Sie die Erstattung bestätigen?'],
        close: en ? ['Thanks,', 'Best regards,'] : ['Viele Grüße', 'Mit freundlichen Grüßen'],
      };
    case 'shipping_delay':
      return {
        subject: en ? ['Where is my order?', 'Late delivery', 'Order not arrived'] : ['Lieferverzögerung', 'Wo bleibt meine Bestellung?'],
        open: en ? ['Our order has still not arrived.', 'The delivery is late and we have not received anything.'] : ['Unsere Lieferung ist immer noch nicht da.', 'Die Bestellung ist noch nicht angekommen.'],
        facts: { order_number: en ? [`The order number is ${v.order}.`, `It is order ${v.order}.`] : [`Es geht um Bestellung ${v.order}.`, `Die Bestellnummer ist ${v.order}.`] },
        ask: en ? ['Can you tell us the current status?', 'When will it arrive?'] : ['Können Sie uns den aktuellen Status nennen?'],
        close: en ? ['Thanks,', 'Regards,'] : ['Viele Grüße'],
      };
    case 'damaged_order':
      return {
        subject: en ? ['Damaged delivery', 'Items arrived broken'] : ['Beschädigte Lieferung', 'Ware kaputt angekommen'],
        open: en ? ['Several items arrived broken.', 'The parcel arrived and two items are cracked.'] : ['Mehrere Artikel sind beschädigt angekommen.', 'Das Paket kam an und zwei Teile sind zerbrochen.'],
        facts: {
          order_number: en ? [`Order ${v.order}.`, `The order number is ${v.order}.`] : [`Bestellung ${v.order}.`, `Die Bestellnummer ist ${v.order}.`],
          photos_attached: en ? ['I have attached photos of the items and the box.', 'Photos are attached.'] : ['Fotos sind im Anhang.', 'Ich habe Fotos der Teile beigefügt.'],
        },
        ask: en ? ['Can you send replacements?'] : ['Können Sie Ersatz schicken?'],
        close: en ? ['Thanks,'] : ['Viele Grüße'],
      };
    case 'billing_dispute':
      return {
        subject: en ? ['Charged twice', 'Wrong charge on our card'] : ['Doppelte Abbuchung', 'Falsche Belastung'],
        open: en ? ['We were billed twice this month, both for the same amount.', 'There is a charge we do not recognise.'] : ['Wir wurden diesen Monat zweimal belastet.', 'Es gibt eine Abbuchung, die wir nicht kennen.'],
        facts: { invoice_number: en ? [`The invoice number is ${v.invoice}.`] : [`Die Rechnungsnummer ist ${v.invoice}.`] },
        ask: en ? ['Please confirm what happened.'] : ['Bitte erklären Sie uns, was passiert ist.'],
        close: en ? ['Regards,'] : ['Mit freundlichen Grüßen'],
      };
    default:
      return {
        subject: en ? ['RFQ: 5,000 pcs hinges', 'Request for quotation'] : ['Anfrage: 5.000 Stück Scharniere'],
        open: en ? ['Please quote 5,000 pcs of stainless hinges, CIF Hamburg.', 'We need a quotation for 2,000 pcs of brackets, FOB Rotterdam.'] : ['Bitte bieten Sie 5.000 Stück Edelstahlscharniere an, CIF Hamburg.'],
        facts: {},
        ask: en ? ['Could you also confirm the MOQ for private label packing?', 'What certificates can you provide?'] : ['Welche Zertifikate können Sie liefern?'],
        close: en ? ['Best regards,'] : ['Mit freundlichen Grüßen'],
      };
  }
}

const CATEGORIES = ['refund_request', 'shipping_delay', 'damaged_order', 'billing_dispute', 'rfq'] as const;

export function generateSupportEmails(count: number, seed = 20261201): GeneratedEmail[] {
  const random = seededRandom(seed);
  const pick: Pick = (list) => list[Math.floor(random() * list.length)]!;
  const out: GeneratedEmail[] = [];
  for (let i = 0; i < count; i++) {
    const category = CATEGORIES[i % CATEGORIES.length]!;
    const language = random() < 0.4 ? 'de' : 'en';
    const first = pick(FIRST);
    const company = pick(COMPANY);
    const days = 1 + Math.floor(random() * 40);
    const v = {
      workspace: `${company}.northwind-app.example`,
      invoice: `INV-${10000 + Math.floor(random() * 89999)}`,
      order: String(10000 + Math.floor(random() * 89999)),
      ago: days === 1 ? 'yesterday' : `${days} days ago`,
      agoDe: days === 1 ? 'gestern' : `vor ${days} Tagen`,
    };
    const parts = partsFor(category, language, v);
    const given: GivenFact[] = [];
    const lines = [language === 'de' ? pick(['Guten Tag,', 'Hallo,']) : pick(['Hi,', 'Hello,', 'Dear support,']), pick(parts.open)];
    for (const [fact, wordings] of Object.entries(parts.facts) as Array<[GivenFact, string[]]>) {
      if (random() < 0.6) {
        lines.push(pick(wordings));
        given.push(fact);
      }
    }
    if (random() < 0.7) lines.push(pick(parts.ask));
    lines.push(pick(parts.close), `${first} ${pick(LAST)}`);
    const date = new Date(Date.UTC(2024, Math.floor(random() * 12), 1 + Math.floor(random() * 27), 8 + Math.floor(random() * 9))).toISOString();
    out.push({
      id: `gen-${i}`,
      category,
      language,
      given,
      input: { source: 'gmail', subject: pick(parts.subject), messages: [{ from: { name: `${first} ${pick(LAST)}`, email: `${first.toLowerCase()}@${company}.example` }, date, text: lines.join(' ') }] },
    });
  }
  return out;
}
