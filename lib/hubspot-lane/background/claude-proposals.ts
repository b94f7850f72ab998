import { proposeFieldsWithClaude, type ClaudeProposalDeps } from '@/lib/engine/claude/propose-fields';
import { evidenceSources, gateCandidates } from '@/lib/engine/local/field-proposals';
import type { AppError } from '@/lib/schemas/errors';
import type { Lane } from '@/lib/schemas/lane';
import type { ClaudeSettings } from '@/lib/schemas/settings';
import { lanesForRecord, type RecordProposals } from './propose-for-record';
import type { RecordView } from '@/lib/schemas/hubspot';

type Snapshot = Pick<RecordView, 'ref' | 'properties' | 'definitions' | 'notes'>;

/**
 * Claude's proposals from the record's notes, one call per HubSpot lane for the record type. They pass the same
 * gate as the local rules (allow-list, portal definitions, validators, confidence floor), after a check that
 * every evidence quote really is in the source it names.
 */
export async function proposeForRecordWithClaude(
  view: Snapshot,
  lanes: Lane[],
  settings: ClaudeSettings,
  now: Date,
  deps: ClaudeProposalDeps = {},
): Promise<RecordProposals & { error: AppError | null }> {
  const record = { objectType: view.ref.objectTypeId, objectId: view.ref.objectId, properties: view.properties };
  const { texts, ignoredSources } = evidenceSources({ sources: { notes: view.notes } });
  const out: RecordProposals & { error: AppError | null } = { proposals: [], dropped: [], ignoredSources, error: null };
  if (texts.length === 0) return out;
  for (const lane of lanesForRecord(lanes, record.objectType).filter((l) => l.processing.actions.includes('propose_fields'))) {
    const answer = await proposeFieldsWithClaude(settings, { record, definitions: view.definitions, lane, sources: texts }, deps);
    if (!answer.ok) {
      out.error = answer.error;
      break;
    }
    const gated = gateCandidates({ record, definitions: view.definitions, lane, now }, answer.value.candidates);
    out.proposals.push(...gated.proposals.map((proposal) => ({ lane: lane.id, proposal: { ...proposal, id: `${proposal.id}/claude` } })));
    out.dropped.push(...[...answer.value.dropped, ...gated.dropped].map((d) => ({ ...d, lane: lane.id })));
  }
  return out;
}
