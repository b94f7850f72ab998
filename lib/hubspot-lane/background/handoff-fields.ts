import { normaliseNumber } from '@/lib/text/numbers';
import type { HandoffPacket } from '@/lib/schemas/proposal';

/** RFQ packet fields that are no HubSpot property: they travel together in the deal's description. */
const RFQ_TERMS: Record<string, string> = {
  buyer: 'Buyer',
  product: 'Product',
  moq: 'MOQ',
  certifications: 'Certifications',
  lead_time: 'Requested lead time',
  incoterms: 'Incoterms',
  target_date: 'Target date',
};

/**
 * A packet's fields as HubSpot properties: "20000 pcs" becomes the number 20000 for `quantity`, and the RFQ
 * terms become one description. Other fields are already property names and pass unchanged.
 */
export function withPropertyFields(packet: HandoffPacket): HandoffPacket {
  const fields: Record<string, string> = {};
  const evidence: Record<string, string> = {};
  const terms: string[] = [];
  const termQuotes = new Set<string>();
  for (const [name, value] of Object.entries(packet.fields)) {
    const term = RFQ_TERMS[name];
    const quote = packet.evidence?.[name];
    if (term) {
      terms.push(`${term}: ${value}`);
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
  if (terms.length > 0) {
    fields.description = `RFQ packet: ${terms.join('; ')}.`;
    if (termQuotes.size > 0) evidence.description = [...termQuotes].join(' … ');
  }
  return { ...packet, fields, evidence };
}
