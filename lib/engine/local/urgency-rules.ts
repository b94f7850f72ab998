import type { Classification } from '@/lib/schemas/classification';
import { daysBetween, findDate } from '@/lib/text/dates';
import { sentenceSpans } from '@/lib/text/sentences';
import { SECURITY_INCIDENT } from './risk-rules';

/** Urgency from what the text says: outages and legal deadlines first, then dates and tone. */

export type Urgency = Classification['urgency'];

interface UrgencyRule {
  value: Urgency['value'];
  reason: string;
  pattern: RegExp;
  confidence: number;
}

const w = (source: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}])`, 'iu');

const rules: UrgencyRule[] = [
  { value: 'P1', reason: 'Outage or work stopped', confidence: 0.85, pattern: w('outage|(?:is|are|went) down|production (?:is )?(?:stopped|halted|down)|cannot (?:operate|ship|work) at all|nobody (?:can|is able to) (?:log ?in|sign in|work)|ausfall|stillstand|geht nichts mehr|panne') },
  { value: 'P1', reason: 'Security incident', confidence: 0.85, pattern: SECURITY_INCIDENT },
  { value: 'P1', reason: 'Legal deadline or threat', confidence: 0.8, pattern: w('legal action|lawsuit|court|lawyer|attorney|anwalt|rechtliche schritte|klage|frist(?:setzung)?|avocat|abogado') },
  { value: 'P2', reason: 'Chargeback threatened', confidence: 0.8, pattern: w('charge ?back|zur(?:ü|ue)ckbuchen|r(?:ü|ue)ckbuchung') },
  { value: 'P2', reason: 'Deadline or near date', confidence: 0.75, pattern: w('urgent\\p{L}*|asap|as soon as possible|(?:by|before|until|end of) (?:today|tonight)|today if possible|need (?:it|this|them) today|(?:have|need|must|got)\\b[^.!?]{0,30}\\bto [^.!?]{0,40}\\b(?:today|tonight|this (?:morning|afternoon|evening))|by tomorrow|by (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|end of (?:day|week))|before the weekend|eod|deadline|tender closes|closes on|dringend|sofort|heute noch|bis heute|bis morgen|bis (?:montag|dienstag|mittwoch|donnerstag|freitag)|vor dem wochenende|urgente|avant ce soir|para hoy|vandaag nog') },
  { value: 'P2', reason: 'Angry tone', confidence: 0.65, pattern: w('unacceptable|ridiculous|furious|worst|third time|fed up|inakzeptabel|unversch(?:ä|ae)mt|inadmissible|inaceptable|onacceptabel') },
  { value: 'P4', reason: 'Bulk mail or no action asked', confidence: 0.8, pattern: w('unsubscribe|newsletter|no action (?:is )?needed|for your information|abmelden|se d(?:é|e)sabonner|darse de baja|afmelden') },
];

/** A deadline this close (in days after the message) is urgent: the SOPs ask for same-day handling under 5 business days. */
export const NEAR_DEADLINE_DAYS = 5;
const DEADLINE_CUE = /(?<![\p{L}])(?:by|before|until|no later than|closes?|closing|deadline|due|need (?:it|this|them)|bis|vor|sp(?:ä|ae)testens|frist|endet|schlie(?:ß|ss)t)(?![\p{L}])/iu;

/** A deadline stated in words ("by Saturday", "before the weekend", "our tender closes on 31 May"), read from the message's date. */
export function statedDeadline(text: string, reference: Date): { words: string; day: string; days: number } | null {
  const today = reference.toISOString().slice(0, 10);
  for (const sentence of sentenceSpans(text)) {
    if (!DEADLINE_CUE.test(sentence)) continue;
    const found = findDate(sentence, reference);
    if (!found) continue;
    const days = daysBetween(today, found.day);
    if (days >= 0) return { words: found.text, day: found.day, days };
  }
  return null;
}

/** The most urgent level any rule finds; P3 (normal) when none does. Bulk mail is P4 unless something urgent is in it. */
export function detectUrgency(text: string, options: { bulk?: boolean; reference?: Date } = {}): Urgency {
  const deadline = options.reference ? statedDeadline(text, options.reference) : null;
  for (const level of ['P1', 'P2'] as const) {
    if (level === 'P2' && deadline && deadline.days <= NEAR_DEADLINE_DAYS) {
      return { value: 'P2', reason: `Deadline “${deadline.words}”: ${deadline.day}, ${deadline.days} day${deadline.days === 1 ? '' : 's'} after the message`, confidence: 0.8 };
    }
    for (const rule of rules.filter((r) => r.value === level)) {
      // A deadline read as a date far enough away is not urgent by its words alone ("closes on 31 May", nine days on).
      if (rule.reason === 'Deadline or near date' && deadline && deadline.days > NEAR_DEADLINE_DAYS) continue;
      const m = rule.pattern.exec(text);
      if (m) return { value: level, reason: `${rule.reason}: “${m[0]}”`, confidence: rule.confidence };
    }
  }
  const bulk = rules.find((r) => r.value === 'P4')!;
  const m = bulk.pattern.exec(text);
  if (m) return { value: 'P4', reason: `${bulk.reason}: “${m[0]}”`, confidence: bulk.confidence };
  if (options.bulk) return { value: 'P4', reason: 'Newsletter or announcement: no reply needed', confidence: 0.7 };
  if (deadline) return { value: 'P3', reason: `Deadline “${deadline.words}”: ${deadline.day}, ${deadline.days} days after the message`, confidence: 0.65 };
  return { value: 'P3', reason: 'No deadline, outage or risk of harm stated', confidence: 0.6 };
}
