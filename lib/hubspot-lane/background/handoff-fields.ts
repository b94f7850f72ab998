import { normaliseNumber } from '@/lib/text/numbers';
import { ACTION_ITEMS, type HandoffPacket } from '@/lib/schemas/proposal';

/** Packet fields that are no HubSpot property: each lane's travel together in the record's description, under its heading. */
const DESCRIPTION_TERMS: Record<string, { heading: string; label: string }> = {
  buyer: { heading: 'RFQ packet', label: 'Buyer' },
  product: { heading: 'RFQ packet', label: 'Product' },
  moq: { heading: 'RFQ packet', label: 'MOQ' },
  certifications: { heading: 'RFQ packet', label: 'Certifications' },
  lead_time: { heading: 'RFQ packet', label: 'Requested lead time' },
  incoterms: { heading: 'RFQ packet', label: 'Incoterms' },
  target_date: { heading: 'RFQ packet', label: 'Target date' },
  contact_person: { heading: 'Onboarding', label: 'Contact person' },
  seats: { heading: 'Onboarding', label: 'Seats' },
  requirements: { heading: 'Onboarding', label: 'Requirements' },
};

/**
 * A packet's fields as HubSpot properties: "20000 pcs" becomes the number 20000 for `quantity`, and the RFQ or
 * onboarding terms become one description. Other fields are already property names and pass unchanged.
 */
export function withPropertyFields(packet: HandoffPacket): HandoffPacket {
  const fields: Record<string, string> = {};
  const evidence: Record<string, string> = {};
  const terms = new Map<string, string[]>();
  const termQuotes = new Set<string>();
  for (const [name, value] of Object.entries(packet.fields)) {
    // A recap's action items become follow-up tasks, not a property.
    if (name === ACTION_ITEMS) continue;
    const term = DESCRIPTION_TERMS[name];
    const quote = packet.evidence?.[name];
    if (term) {
      terms.set(term.heading, [...(terms.get(term.heading) ?? []), `${term.label}: ${value}`]);
      if (quote) termQuotes.add(quote);
    } else if (name === 'quantity') {
      const units = normaliseNumber(/^\s*(\d[\d.,\s]*)/.exec(value)?.[1] ?? '');
      if (units !== null) fields.quantity = units;
      if (units !== null && quote) evidence.quantity = quote;
    } else {
      fields[name] = value;
      if (quote) evidence[name] = quote;
    }
  }
  if (terms.size > 0) {
    fields.description = [...terms].map(([heading, lines]) => `${heading}: ${lines.join('; ')}.`).join(' ');
    if (termQuotes.size > 0) evidence.description = [...termQuotes].join(' … ');
  }
  return { ...packet, fields, evidence };
}
