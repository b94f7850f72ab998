import type { TriageInput } from '@/lib/schemas/triage-input';

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
