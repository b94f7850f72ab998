import type { TriageDatabase } from '@/lib/db/database';
import { appendAudit } from '@/lib/db/audit';
import { looksLikeInstruction } from '@/lib/review/instruction-guard';
import { findDate } from '@/lib/text/dates';
import { domainOf, isFreeMailDomain } from '@/lib/text/mail-domains';
import { normaliseNumber } from '@/lib/text/numbers';
import { sentenceSpans, withoutLabel } from '@/lib/text/sentences';
import { customerMessages } from '@/lib/engine/local/thread-text';
import type { Lane } from '@/lib/schemas/lane';
import { ACTION_ITEMS, handoffPacketSchema, type HandoffPacket } from '@/lib/schemas/proposal';
import { withPropertyFields } from '@/lib/hubspot-lane/background/handoff-fields';
import type { TriageInput } from '@/lib/schemas/triage-input';
import { firstMatch, type Extracted, type Extraction, type Extractor } from './extraction';
import { leadExtractors, leadIdentity, leadInterest, withoutTitle } from './lead-fields';
import { firstFiringRule } from '@/lib/lanes/routing-rules';
import type { Classification } from '@/lib/schemas/classification';
import { ticketFields } from './ticket-fields';

/**
 * A lead, RFQ, intake or support thread hands off to HubSpot: the customer's address, their company, and the fields the
 * lane names, read from the thread by rules. It waits, persisted, until a rep approves it in HubSpot.
 * Sentences that address the system are not read for facts.
 */

const UNIT = '(?:pcs|pieces|units|sets|pairs|cartons|boxes|pallets|kg|tons?|tonnes?|metres|meters|rolls|seats|licen[cs]es|devices|sensors)';
const QUANTITY = new RegExp(`\\b(\\d[\\d.,]*)\\s*(${UNIT})\\b(?!\\s+(?:per|each|/))`, 'i');
const PRODUCT = new RegExp(`\\b\\d[\\d.,]*\\s*${UNIT}\\s+(?:of\\s+)?(?!(?:per|each|a|an|in|to|for)\\b)([\\p{L}][\\p{L}\\d -]{2,60}?)\\s*(?=[,.;:()\\n]|\\s+(?:for|in|to|with|at|by|per|CIF|FOB|EXW|DAP|DDP|CFR|FCA|CPT|CIP)\\b|$)`, 'iu');
const MOQ = /\b(?:MOQ|minimum order(?: quantity)?)\b\D{0,20}(\d[\d.,]*\s*[\p{L}]*)/iu;
const CERTIFICATION = /\b(ISO\s?\d{4,5}(?::\d{4})?|CE|RoHS|REACH|UL|FDA|SASO|GCC|Halal|FSC|BSCI)\b/g;
const INCOTERMS = /\b(EXW|FCA|FAS|FOB|CFR|CIF|CPT|CIP|DAP|DPU|DDP)\b((?:\s+[A-Z][\p{L}]+){0,2})/u;
const LEAD_TIME = /\blead[- ]time\b\D{0,20}(\d+\s*(?:-\s*\d+\s*)?(?:days|weeks|months))/i;
const TARGET_CUE = /\b(?:deadline|closes|close|due|target|needed|need it|required|by|before|no later than)\b/i;
const COMPANY_SUFFIX = /\b(?:Ltd|Limited|LLC|Inc|GmbH|AG|S\.?A\.?|SARL|BV|Co\.?|Corp|Trading|Group|Industries|FZE|FZCO|Pty)\b\.?/;

/** "gulfbuild-trading.example" → "Gulfbuild Trading"; free-mail domains name no company. */
export function companyFromDomain(email: string): string {
  const domain = domainOf(email);
  if (!domain || isFreeMailDomain(domain)) return '';
  const name = domain.split('.').slice(0, -1).join(' ') || domain;
  return name
    .split(/[-_.\s]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

/** A signature line naming a company ("GulfBuild Trading LLC"), under the sign-off. */
function companyFromSignature(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const tail = lines.slice(-6);
  const line = tail.find((l) => COMPANY_SUFFIX.test(l) && l.length <= 80 && !/[@]/.test(l) && !/[.!?]$/.test(l));
  return line ? withoutTitle(line) : '';
}

const START_CUE = /\b(?:start|kick-?off|go[- ]live|launch|begin|pilot|onboarding|meeting|call|beginnen|starten|start(?:termin)?)\b/i;

const CONTACT_PERSON = /\b(?:(?:main |primary |our )?contact(?: person)?|point of contact|project lead)\b(?:\s+(?:for|on|during)\s+(?:the\s+)?[\p{L} ]{1,30}?)?\s*(?:is|will be|:)\s+(\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?)/u;
/** What onboarding needs beyond the start: single sign-on and security reviews, which a person decides on. */
const REQUIREMENTS: [RegExp, string][] = [
  [/\b(?:SSO|single sign[- ]on|SAML)\b(?:\s+(?:with|via|through)\s+(Okta|Azure AD|Entra ID|Google Workspace|OneLogin|Ping))?/i, 'SSO'],
  [/\bSCIM\b/i, 'SCIM provisioning'],
  [/\bsecurity questionnaire\b/i, 'security questionnaire'],
  [/\bsecurity review\b|\bvendor (?:security )?assessment\b/i, 'security review'],
  [/\b(?:DPA|data processing agreement)\b/i, 'data processing agreement'],
];
/**
 * The dated clauses of the customer's latest message ("Dana sends the onboarding checklist by Friday"), one per line:
 * the meeting-recap lane's action items. The clauses are their own evidence; HubSpot reads who does what by when.
 */
function actionItems(text: string, written: Date): Record<string, Extracted> {
  const clauses = sentenceSpans(text)
    .flatMap((sentence) => sentence.split(';'))
    .map((clause) => withoutLabel(clause.trim()))
    .filter((clause) => clause !== '' && !looksLikeInstruction(clause) && findDate(clause, written) !== null)
    .slice(0, 10);
  return clauses.length > 0 ? { [ACTION_ITEMS]: { value: clauses.join('\n'), quote: clauses.join(' … ') } } : {};
}

const startDate: Extractor = (sources) => firstMatch(sources, ({ text, now }) => (START_CUE.test(text) ? (findDate(text, now)?.day ?? null) : null));

/** The next meeting a recap names ("Next check-in is June 10", "we meet again on Friday"). */
const NEXT_MEETING = /\b(?:next (?:meeting|call|check-?in|sync|session)|follow-?up (?:meeting|call)|check-?in|meet again|reconvene|nächste[sn]? (?:Termin|Treffen|Call))\b/i;

const extractors: Record<string, Extractor> = {
  // Recap: the next meeting's day, read from the sentence naming it, else from the first that says when things start.
  notes_next_activity_date: (sources) => firstMatch(sources, ({ text, now }) => (NEXT_MEETING.test(text) ? (findDate(text, now)?.day ?? null) : null)) ?? startDate(sources),
  // Intake and recap: when things start, and the step the sentence names. The sentence itself is the evidence.
  onboarding_start_date: startDate,
  contact_person: (sources) => firstMatch(sources, ({ text }) => CONTACT_PERSON.exec(text)?.[1] ?? null),
  requirements: (sources) => {
    const found = new Map<string, string>();
    for (const { text } of sources) {
      for (const [pattern, name] of REQUIREMENTS) {
        const m = pattern.exec(text);
        if (m && !found.has(name)) found.set(name, m[1] ? `${name} (${m[1]})` : name);
      }
    }
    const quotes = sources.filter(({ text }) => REQUIREMENTS.some(([pattern]) => pattern.test(text))).map((s) => s.text.trim());
    return found.size > 0 ? { value: [...found.values()].join(', '), quote: [...new Set(quotes)].join(' … ') } : null;
  },
  hs_next_step: (sources) => firstMatch(sources, ({ text }) => (START_CUE.test(text) && text.length <= 240 && !text.trim().endsWith('?') ? withoutLabel(text.trim()) : null)),
  quantity: (sources) =>
    firstMatch(sources, ({ text }) => {
      const m = QUANTITY.exec(text);
      const n = m?.[1] ? normaliseNumber(m[1]) : null;
      return n && m && !/\b(?:MOQ|minimum)\b/i.test(text.slice(Math.max(0, m.index - 25), m.index)) ? `${n} ${m[2]}` : null;
    }),
  product: (sources) => firstMatch(sources, ({ text }) => PRODUCT.exec(text)?.[1]?.trim() ?? null),
  moq: (sources) => firstMatch(sources, ({ text }) => MOQ.exec(text)?.[1]?.trim() ?? null),
  certifications: (sources) => {
    const quoted = sources.filter(({ text }) => new RegExp(CERTIFICATION.source).test(text));
    const found = new Set(quoted.flatMap(({ text }) => [...text.matchAll(CERTIFICATION)].map((m) => m[1]!.replace(/\s+/g, ' '))));
    return found.size > 0 ? { value: [...found].join(', '), quote: quoted.map((q) => q.text.trim()).join(' … ') } : null;
  },
  incoterms: (sources) => firstMatch(sources, ({ text }) => INCOTERMS.exec(text)?.[0]?.trim() ?? null),
  lead_time: (sources) => firstMatch(sources, ({ text }) => LEAD_TIME.exec(text)?.[1]?.trim() ?? null),
  target_date: (sources) => firstMatch(sources, ({ text, now }) => (TARGET_CUE.test(text) && !text.trim().endsWith('?') ? (findDate(text, now)?.day ?? null) : null)),
};

export interface HandoffInput {
  subjectId: string;
  input: TriageInput;
  lane: Lane;
  id: string;
  now: number;
  /** The thread's classification: a support thread's ticket priority and category come from it. */
  classification?: Pick<Classification, 'category' | 'urgency'>;
}

/** The packet for a thread, or null when the lane does not hand off or no customer address is known. */
export function buildHandoffPacket({ subjectId, input, lane, id, now, classification }: HandoffInput): HandoffPacket | null {
  if (!lane.processing.actions.includes('handoff')) return null;
  const messages = customerMessages(input);
  const customer = messages.at(-1);
  if (!customer?.from.email) return null;
  const email = customer.from.email.toLowerCase();
  const signature = customer.signature ?? null;
  const company = companyFromSignature(signature ?? '') || companyFromSignature(customer.text) || companyFromDomain(email);
  const dated = (date: string | null) => (date && !Number.isNaN(Date.parse(date)) ? new Date(date) : new Date(now));
  // Newest first: a follow-up corrects the first request. Instruction-bearing sentences are dropped.
  const sentences: Extraction[] = [
    ...[...messages].reverse().flatMap((m) => sentenceSpans(m.text).map((text) => ({ text, now: dated(m.date) }))),
    ...sentenceSpans(input.subject).map((text) => ({ text, now: dated(messages[0]?.date ?? null) })),
    // The signature last: what the customer says in the message wins over it.
    ...(signature ?? '').split('\n').map((line) => ({ text: line.trim(), now: new Date(now) })).filter((l) => l.text !== ''),
  ].filter((s) => !looksLikeInstruction(s.text));

  const [first = '', ...rest] = customer.from.name.trim().split(/\s+/);
  // The company's web address is its mail domain, unless that is a free-mail one.
  const domain = domainOf(email);
  const website = domain && !isFreeMailDomain(domain) ? domain : '';
  const known: Record<string, string> = { email, company, buyer: company, firstname: first, lastname: rest.join(' '), website };
  const identity = leadIdentity(customer.from, sentences, signature);
  // The values the lane gives every new lead (its SOP's "lifecycle stage Lead"), quoting the sentence that makes them one.
  const interest = leadInterest(sentences);
  const classified = classification ? ticketFields(classification, lane, sentenceSpans(customer.text).filter((s) => !looksLikeInstruction(s))) : {};
  const recap = lane.handoffFields.includes(ACTION_ITEMS) ? actionItems(customer.text, dated(customer.date)) : {};
  const fields: Record<string, string> = {};
  const evidence: Record<string, string> = {};
  for (const field of lane.handoffFields) {
    const given = known[field];
    const leadValue = lane.newLeadValues?.[field];
    const found = given
      ? null
      : leadValue !== undefined && interest
        ? { value: leadValue, quote: interest }
        : (classified[field] ?? recap[field] ?? (extractors[field] ?? leadExtractors[field])?.(sentences) ?? null);
    if (given) {
      fields[field] = given;
      if (identity[field]) evidence[field] = identity[field];
    } else if (found) {
      fields[field] = found.value;
      evidence[field] = found.quote;
    }
  }
  if (Object.keys(fields).every((f) => f === 'email')) return null;
  // The lane's quality check: a required field the thread does not give leaves the packet incomplete, and nothing
  // is proposed for it (there is no value to propose).
  const missing = lane.qualityChecks.requiredFields.filter((f) => !fields[f]);
  const rule = firstFiringRule(lane.routing ?? [], fields);
  const routing = rule ? { routing: { owner: rule.owner, reason: rule.reason } } : {};
  const writtenAt = customer.date && !Number.isNaN(Date.parse(customer.date)) ? { writtenAt: new Date(customer.date).toISOString() } : {};
  const packet = handoffPacketSchema.parse({ id, createdAt: now, fromThreadId: subjectId, lane: lane.id, laneName: lane.name, contactEmail: email, company, fields, evidence, status: 'waiting', missing, ...routing, ...writtenAt });
  // A packet the lane may write nothing of would wait in HubSpot forever: it is closed at once and says why.
  const writable = Object.keys(withPropertyFields(packet).fields).filter((f) => lane.processing.writableProperties.includes(f));
  return writable.length > 0 ? packet : { ...packet, status: 'dismissed', nothingWritable: true };
}

const handoffId = (subjectId: string) => `handoff:${subjectId}`;

/** One packet per thread: updated while it waits, left alone once a rep consumed or dismissed it. */
export async function recordHandoff(db: TriageDatabase, build: Omit<HandoffInput, 'id'>): Promise<HandoffPacket | null> {
  const id = handoffId(build.subjectId);
  const existing = await handoffFor(db, build.subjectId);
  if (existing && existing.status !== 'waiting') return existing;
  const built = buildHandoffPacket({ ...build, id });
  if (!built) return existing;
  const packet = existing ? { ...built, createdAt: existing.createdAt } : built;
  await db.pending.put({ id, kind: 'handoff', subject: build.subjectId, status: packet.status, createdAt: packet.createdAt, updatedAt: build.now, value: packet });
  if (!existing) {
    await appendAudit(db, { kind: 'handoff.created', subject: build.subjectId, lane: build.lane.id, data: { handoffId: id, fields: Object.keys(packet.fields) } });
  }
  return packet;
}

export async function handoffFor(db: TriageDatabase, subjectId: string): Promise<HandoffPacket | null> {
  const row = await db.pending.get(handoffId(subjectId));
  const parsed = handoffPacketSchema.safeParse(row?.value);
  return row?.kind === 'handoff' && parsed.success ? parsed.data : null;
}
