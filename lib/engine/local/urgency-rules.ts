import type { Classification } from '@/lib/schemas/classification';

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
  { value: 'P1', reason: 'Security incident', confidence: 0.85, pattern: w('hacked|data breach|security breach|compromised|gehackt|piraté') },
  { value: 'P1', reason: 'Legal deadline or threat', confidence: 0.8, pattern: w('legal action|lawsuit|court|lawyer|attorney|anwalt|rechtliche schritte|klage|frist(?:setzung)?|avocat|abogado') },
  { value: 'P2', reason: 'Chargeback threatened', confidence: 0.8, pattern: w('charge ?back|zur(?:ü|ue)ckbuchen|r(?:ü|ue)ckbuchung') },
  { value: 'P2', reason: 'Deadline or near date', confidence: 0.75, pattern: w('urgent\\p{L}*|asap|as soon as possible|(?:by|before|until|end of) (?:today|tonight)|today if possible|need (?:it|this|them) today|by tomorrow|by (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|end of (?:day|week))|before the weekend|eod|deadline|tender closes|closes on|dringend|sofort|heute noch|bis heute|bis morgen|bis (?:montag|dienstag|mittwoch|donnerstag|freitag)|vor dem wochenende|urgente|avant ce soir|para hoy|vandaag nog') },
  { value: 'P2', reason: 'Angry tone', confidence: 0.65, pattern: w('unacceptable|ridiculous|furious|worst|third time|fed up|inakzeptabel|unversch(?:ä|ae)mt|inadmissible|inaceptable|onacceptabel') },
  { value: 'P4', reason: 'Bulk mail or no action asked', confidence: 0.8, pattern: w('unsubscribe|newsletter|no action (?:is )?needed|for your information|abmelden|se d(?:é|e)sabonner|darse de baja|afmelden') },
];

/** The most urgent level any rule finds; P3 (normal) when none does. Bulk mail is P4 unless something urgent is in it. */
export function detectUrgency(text: string, options: { bulk?: boolean } = {}): Urgency {
  for (const level of ['P1', 'P2'] as const) {
    for (const rule of rules.filter((r) => r.value === level)) {
      const m = rule.pattern.exec(text);
      if (m) return { value: level, reason: `${rule.reason}: “${m[0]}”`, confidence: rule.confidence };
    }
  }
  const bulk = rules.find((r) => r.value === 'P4')!;
  const m = bulk.pattern.exec(text);
  if (m) return { value: 'P4', reason: `${bulk.reason}: “${m[0]}”`, confidence: bulk.confidence };
  if (options.bulk) return { value: 'P4', reason: 'Newsletter or announcement: no reply needed', confidence: 0.7 };
  return { value: 'P3', reason: 'No deadline, outage or risk of harm stated', confidence: 0.6 };
}
