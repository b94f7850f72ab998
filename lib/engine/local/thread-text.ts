import type { TriageInput } from '@/lib/schemas/triage-input';
import { sentenceSpans, withoutPleasantries } from '@/lib/text/sentences';

/** Which parts of a thread the local engine reads. Everything in them is data, never instructions. */

type Message = TriageInput['messages'][number];

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/**
 * Messages written by the customer, not by the company. The company is given by its domains;
 * when they are unknown, the customer is whoever wrote the first message of the thread.
 */
export function customerMessages(input: TriageInput, ownDomains: readonly string[] = []): Message[] {
  const own = new Set(ownDomains.map((d) => d.toLowerCase()));
  const written = input.messages.filter((m) => m.text.trim().length > 0);
  const customerDomain = input.messages[0] ? domainOf(input.messages[0].from.email) : '';
  const fromCustomer = written.filter((m) =>
    own.size > 0 ? !own.has(domainOf(m.from.email)) : domainOf(m.from.email) === customerDomain,
  );
  return fromCustomer.length > 0 ? fromCustomer : written;
}

/** The customer's messages since the team last wrote: what is still open. All of them when the team wrote last or never. */
export function openCustomerMessages(input: TriageInput, ownDomains: readonly string[] = []): Message[] {
  const customer = customerMessages(input, ownDomains);
  const lastTeam = input.messages.findLastIndex((m) => m.text.trim().length > 0 && !customer.includes(m));
  const open = customer.filter((m) => input.messages.indexOf(m) > lastTeam);
  return open.length > 0 ? open : customer;
}

export function latestCustomerMessage(input: TriageInput, ownDomains: readonly string[] = []): Message | null {
  return customerMessages(input, ownDomains).at(-1) ?? null;
}

/** What the classifier reads: the subject and the latest customer message. */
export function classifierText(input: TriageInput, ownDomains: readonly string[] = []): string {
  return `${input.subject}\n${latestCustomerMessage(input, ownDomains)?.text ?? ''}`.trim();
}

/** What an out-of-office or other automatic reply says of itself, in its subject or its opening sentence. */
const AUTOMATIC_REPLY = new RegExp(
  [
    'this is an automatic(?:ally generated)? (?:reply|response|message)',
    'auto(?:matic)?[- ]?reply',
    "(?:i am|i[’']m|i will be|i[’']ll be)(?: currently)? (?:out of (?:the )?office|away from (?:the|my) (?:office|desk)|on (?:annual |parental )?leave|on holiday|on vacation)",
    'ich bin (?:derzeit |zurzeit |momentan )?(?:bis (?:zum |einschließlich )?[^!?\n]{1,30} )?(?:nicht im büro|abwesend|im urlaub)',
    'abwesenheitsnotiz|automatische antwort',
    'je suis (?:actuellement )?absente?|réponse automatique',
    'estoy (?:fuera de la oficina|de vacaciones)|respuesta automática',
    'ik ben (?:afwezig|met vakantie)|automatisch antwoord',
  ].join('|'),
  'iu',
);
/** "Thank you for your email." before the out-of-office sentence. */
const THANKS_FOR_MAIL = /^(?:thank you|thanks|many thanks|vielen dank|danke|merci|gracias|bedankt)\b[^.!?]{0,40}(?:e-?mail|message|nachricht|mensaje|bericht)/iu;

/**
 * Whether a message is an out-of-office or other automatic reply: nobody is waiting for an answer to it. Only its
 * opening sentence counts (after a greeting and a "thank you for your email"): a person who mentions their holiday
 * after asking for something is not an auto-reply.
 */
export function isAutomaticReply(subject: string, text: string): boolean {
  if (AUTOMATIC_REPLY.test(subject)) return true;
  const sentences = sentenceSpans(text.slice(0, 600)).map(withoutPleasantries).filter(Boolean);
  const opening = sentences[0] !== undefined && THANKS_FOR_MAIL.test(sentences[0]) ? sentences[1] : sentences[0];
  return opening !== undefined && AUTOMATIC_REPLY.test(opening);
}
