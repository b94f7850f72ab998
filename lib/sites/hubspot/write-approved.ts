import type { ApprovedField, FailedOutcome, FieldOutcome, RecordRef, WrittenOutcome } from '@/lib/schemas/hubspot';
import type { FieldProposal } from '@/lib/schemas/proposal';
import type { AppError, Result } from '@/lib/schemas/errors';
import type { HubSpotClient, HubSpotError } from './api-client';
import { approvalMatches } from './approval-hash';

export interface WriteReport {
  outcomes: FieldOutcome[];
  /** Whether a PATCH was sent (at most one per call). */
  patched: boolean;
}

// HubSpot answers null for a property never set and '' for one cleared: both mean empty.
const sameRead = (a: string | null | undefined, b: string | null | undefined) => (a ?? '') === (b ?? '');

/** The part of HubSpot's error that travels in an outcome: what the rep reads and when to retry. */
const appError = ({ code, message, nextStep, retryAfterMs }: HubSpotError): AppError => (retryAfterMs === undefined ? { code, message, nextStep } : { code, message, nextStep, retryAfterMs });

const failed = (field: ApprovedField, code: string, message: string, nextStep: string): FailedOutcome => ({
  property: field.property,
  approvalHash: field.approvalHash,
  status: 'failed',
  error: { code, message, nextStep },
});

export interface WriteHooks {
  /** Runs right before the PATCH with the fields it carries (the background records `field.write_started`); a failure sends nothing. */
  beforePatch?: (fields: ApprovedField[]) => Promise<Result<unknown>>;
}

/**
 * Writes approved fields to one record. Refuses any field whose approval hash does not match the exact payload,
 * re-reads the record right before writing, leaves fields someone else changed as conflicts,
 * and sends the rest in exactly one PATCH. A field HubSpot already holds with the approved value (a PATCH that went
 * through before a crash, or that answered 5xx after saving) is recorded as written without sending it again.
 */
export async function writeApproved(
  client: Pick<HubSpotClient, 'getRecord' | 'updateRecord'>,
  ref: Pick<RecordRef, 'objectTypeId' | 'objectId'>,
  approved: ApprovedField[],
  hooks: WriteHooks = {},
): Promise<WriteReport> {
  const outcomes = new Map<ApprovedField, FieldOutcome>();
  const counts = new Map<string, number>();
  for (const field of approved) counts.set(field.property, (counts.get(field.property) ?? 0) + 1);

  const candidates: ApprovedField[] = [];
  for (const field of approved) {
    if ((counts.get(field.property) ?? 0) > 1) {
      outcomes.set(field, failed(field, 'approval.duplicate', `${field.property} was approved twice with different values.`, 'Keep one approval for this field and approve again.'));
      continue;
    }
    const payload = { objectType: ref.objectTypeId, objectId: ref.objectId, property: field.property, basedOnValue: field.basedOnValue, value: field.value };
    if (!(await approvalMatches(payload, field.approvalHash))) {
      outcomes.set(field, failed(field, 'approval.hash_mismatch', `Not written: the value for ${field.property} is not exactly what was approved.`, 'Review the value and approve it again.'));
      continue;
    }
    candidates.push(field);
  }

  let patched = false;
  if (candidates.length > 0) {
    const current = await client.getRecord(ref.objectTypeId, ref.objectId, candidates.map((f) => f.property));
    if (!current.ok) {
      for (const field of candidates) outcomes.set(field, { property: field.property, approvalHash: field.approvalHash, status: 'failed', error: appError(current.error) });
    } else {
      const readId = current.correlationId ? { correlationId: current.correlationId } : {};
      const toWrite: ApprovedField[] = [];
      for (const field of candidates) {
        const theirs = current.value.properties[field.property] ?? null;
        if (sameRead(theirs, field.basedOnValue)) toWrite.push(field);
        else if (sameRead(theirs, field.value)) {
          outcomes.set(field, { property: field.property, approvalHash: field.approvalHash, status: 'written', before: field.basedOnValue, after: theirs, alreadyThere: true, ...readId });
        } else outcomes.set(field, { property: field.property, approvalHash: field.approvalHash, status: 'conflict', theirs, ours: field.value, base: field.basedOnValue, ...readId });
      }
      const started = toWrite.length > 0 && hooks.beforePatch ? await hooks.beforePatch(toWrite) : null;
      if (started && !started.ok) {
        for (const field of toWrite) outcomes.set(field, { property: field.property, approvalHash: field.approvalHash, status: 'failed', error: started.error });
      } else if (toWrite.length > 0) {
        patched = true;
        const update = await client.updateRecord(ref.objectTypeId, ref.objectId, Object.fromEntries(toWrite.map((f) => [f.property, f.value])));
        const correlationId = update.ok ? update.correlationId : update.error.correlationId;
        const updateId = correlationId ? { correlationId } : {};
        for (const field of toWrite) {
          const before = current.value.properties[field.property] ?? null;
          if (update.ok) {
            outcomes.set(field, { property: field.property, approvalHash: field.approvalHash, status: 'written', before, after: update.value.properties[field.property] ?? field.value, ...updateId });
            continue;
          }
          const own = update.error.propertyErrors?.find((e) => e.property === field.property);
          // Another field of this PATCH was named as refused: this one was sound but not saved with it.
          const otherRefused = (update.error.propertyErrors ?? []).some((e) => toWrite.some((f) => f.property === e.property));
          if (own && update.error.code === 'hubspot.duplicate_value') {
            outcomes.set(field, { ...failed(field, 'hubspot.duplicate_value', `Not written: another record already has this ${field.property} (${field.value}).`, update.error.nextStep), ...updateId });
          } else if (own) outcomes.set(field, { ...failed(field, 'hubspot.validation', `HubSpot refused ${field.property}: ${own.message}`, 'Correct the value, then approve again.'), ...updateId });
          else if (otherRefused) {
            outcomes.set(field, { ...failed(field, 'hubspot.not_written', 'Not written: HubSpot refused another field in the same update, so nothing in it was saved.', 'Fix or reject the refused field, then write again.'), ...updateId });
          } else outcomes.set(field, { property: field.property, approvalHash: field.approvalHash, status: 'failed', error: appError(update.error), ...updateId });
        }
      }
    }
  }
  return { outcomes: approved.flatMap((field) => { const o = outcomes.get(field); return o ? [o] : []; }), patched };
}

/** Undo: a new pending proposal to put back the value a write replaced. It needs its own approval. */
export function reverseProposal(outcome: WrittenOutcome, original: FieldProposal, id: string = crypto.randomUUID()): FieldProposal {
  return {
    id,
    objectType: original.objectType,
    objectId: original.objectId,
    property: outcome.property,
    label: original.label,
    currentValue: outcome.after,
    // An empty string clears the value in HubSpot: the field was empty before the write.
    proposedValue: outcome.before ?? '',
    reason: `Undo of the approved write of ${original.label}.`,
    evidence: {
      quote: `${original.label} was "${outcome.before ?? ''}" before the write that set it to "${outcome.after ?? ''}".`,
      source: { kind: 'record', ref: outcome.approvalHash, label: 'Audit log' },
    },
    confidence: 1,
    humanDecision: original.humanDecision,
    status: 'pending',
  };
}
