import { sha256OfText } from '@/lib/common/sha256';
import type { AppError, Result } from '@/lib/schemas/errors';
import type { ApprovedContact, ContactCreation, ContactOutcome } from '@/lib/schemas/hubspot';
import type { HubSpotClient, HubSpotError } from './api-client';
import { OBJECT_TYPE_IDS } from './url';

/** HubSpot-defined association type id from a contact to its primary company. */
export const CONTACT_TO_PRIMARY_COMPANY = 1;

/** What an approval of a new contact covers: every property it is created with and the company it is associated with. */
export function contactApprovalHash(content: ContactCreation): Promise<string> {
  // Keys in a fixed order, so equal content always hashes the same.
  const properties = Object.fromEntries(Object.entries(content.properties).sort(([a], [b]) => a.localeCompare(b)));
  return sha256OfText(JSON.stringify({ companyId: content.companyId, objectType: OBJECT_TYPE_IDS.contact, properties }));
}

const appError = ({ code, message, nextStep, retryAfterMs }: HubSpotError): AppError => (retryAfterMs === undefined ? { code, message, nextStep } : { code, message, nextStep, retryAfterMs });
const failed = (contact: ApprovedContact, error: AppError, correlationId?: string): ContactOutcome => ({ key: contact.key, approvalHash: contact.approvalHash, status: 'failed', error, ...(correlationId ? { correlationId } : {}) });

export interface ContactHooks {
  /** Runs right before each contact's POST (the background records `contact.write_started`); a failure sends nothing. */
  beforeCreate?: (contact: ApprovedContact) => Promise<Result<unknown>>;
}

/**
 * Creates approved contacts, one POST each with the company association in the body. Refuses a contact whose approval
 * hash does not match its content. HubSpot keeps emails unique: its 409 (a contact with this email exists, made by a
 * colleague or by an earlier POST that went through) is the row's error and nothing is created twice.
 */
export async function createApprovedContacts(client: Pick<HubSpotClient, 'createRecord'>, approved: ApprovedContact[], hooks: ContactHooks = {}): Promise<ContactOutcome[]> {
  const outcomes: ContactOutcome[] = [];
  for (const contact of approved) {
    if ((await contactApprovalHash(contact.content)) !== contact.approvalHash) {
      outcomes.push(failed(contact, { code: 'approval.hash_mismatch', message: 'Not created: the contact is not exactly what was approved.', nextStep: 'Review the contact and approve it again.' }));
      continue;
    }
    const started = hooks.beforeCreate ? await hooks.beforeCreate(contact) : null;
    if (started && !started.ok) {
      outcomes.push(failed(contact, started.error));
      continue;
    }
    const { companyId, properties } = contact.content;
    const created = await client.createRecord(OBJECT_TYPE_IDS.contact, properties, companyId ? [{ toObjectId: companyId, typeId: CONTACT_TO_PRIMARY_COMPANY }] : []);
    if (created.ok) {
      outcomes.push({ key: contact.key, approvalHash: contact.approvalHash, status: 'created', contactId: created.value.id, ...(created.correlationId ? { correlationId: created.correlationId } : {}) });
      continue;
    }
    const { error } = created;
    const own = error.propertyErrors?.[0];
    const email = properties.email ?? '';
    const outcome: AppError =
      error.code === 'hubspot.duplicate_value'
        ? { code: error.code, message: `Not created: another record already has this email (${email}).`, nextStep: 'Open that contact in HubSpot: the lead’s handoff waits there.' }
        : own && error.code === 'hubspot.validation'
          ? { code: error.code, message: `HubSpot refused the new contact's ${own.property}: ${own.message}`, nextStep: 'Reject this row and create the contact in HubSpot yourself, or correct the lane.' }
          : appError(error);
    outcomes.push(failed(contact, outcome, error.correlationId));
  }
  return outcomes;
}
