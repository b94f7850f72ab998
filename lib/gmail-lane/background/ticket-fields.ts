import type { Classification } from '@/lib/schemas/classification';
import type { Lane } from '@/lib/schemas/lane';

/** HubSpot's ticket priorities by the thread's urgency: outages and near deadlines are high, bulk mail low. */
export const TICKET_PRIORITY: Record<Classification['urgency']['value'], string> = { P1: 'HIGH', P2: 'HIGH', P3: 'MEDIUM', P4: 'LOW' };

export interface TicketField {
  value: string;
  /** The customer's sentence the value rests on. */
  quote: string;
}

/**
 * A support thread's ticket fields: priority from the urgency, category from the thread's category as the lane's data
 * maps it. The evidence is the customer's sentence holding the words the urgency was read from, else their first one.
 */
export function ticketFields(classification: Pick<Classification, 'category' | 'urgency'>, lane: Lane, sentences: string[]): Record<string, TicketField> {
  const first = sentences.find((s) => s.trim().length >= 12) ?? sentences[0];
  if (!first) return {};
  const words = /“([^”]+)”/.exec(classification.urgency.reason)?.[1]?.toLowerCase();
  const urgent = (words && sentences.find((s) => s.toLowerCase().includes(words))) || first;
  const out: Record<string, TicketField> = { hs_ticket_priority: { value: TICKET_PRIORITY[classification.urgency.value], quote: urgent.trim() } };
  const category = lane.categories.find((c) => c.id === classification.category.value)?.ticketCategory;
  if (category) out.hs_ticket_category = { value: category, quote: first.trim() };
  return out;
}
