import type { RecordSnapshot, TriageEngine } from '@/lib/engine/types';
import { gateCandidates, screenSources } from '@/lib/review/proposal-gate';
import type { AppError } from '@/lib/schemas/errors';
import type { PropertyDefinition, RecordView } from '@/lib/schemas/hubspot';
import type { Lane } from '@/lib/schemas/lane';
import { ACTION_ITEMS, type DroppedProposal, type EvidenceText, type FieldCandidate, type FieldProposal, type HandoffPacket, type PipelineFinding } from '@/lib/schemas/proposal';
import { isWritable } from '@/lib/hubspot-lane/shared/property-validators';
import { ENGAGEMENT_REF_PREFIX, engagementLabel } from '@/lib/hubspot-lane/shared/record-activity';
import { withPropertyFields } from './handoff-fields';
import { recapOf, type TaskCandidate } from './meeting-recap';
import { pipelineChecks } from './pipeline-checks';
import { toProposals } from './portal-check';
import { routeLead } from './lead-routing';
import { createsContactOn, newContactProposal, type LaneContact } from './new-contact';

export interface LaneProposal {
  lane: string;
  proposal: FieldProposal;
}

export interface LaneTask {
  lane: string;
  task: TaskCandidate;
}

export interface RecordProposals {
  proposals: LaneProposal[];
  /** Follow-up tasks read from the record's logged activity by the lanes that create tasks. */
  tasks: LaneTask[];
  /** New contacts proposed from lead handoffs met on a company record, each created only after approval. */
  contacts: LaneContact[];
  /** What a pipeline admin fixes on this record (lanes with pipeline checks), each with its evidence. */
  findings: (PipelineFinding & { lane: string })[];
  dropped: (DroppedProposal & { lane: string | null })[];
  ignoredSources: { ref: string; reason: string }[];
  /** The first engine failure (Claude busy, bad key...); the other engines' proposals are there regardless. */
  engineError: AppError | null;
}

/** What proposals are made from: the record as read, its portal's definitions, and the notes and emails about it. */
export interface ProposalInput {
  record: RecordSnapshot;
  definitions: PropertyDefinition[];
  sources: EvidenceText[];
  /** Whether the record's stage is closed, and a contact's tickets: where a handoff's proposals may go. */
  state?: Pick<RecordView, 'closed' | 'tickets'>;
}

/**
 * A record view as proposal input: its free-text properties and the activity logged on it are its notes. Each
 * engagement is named by its type and day, and dated, so a date without a year in it is read against that day.
 */
export const proposalInput = (view: Pick<RecordView, 'ref' | 'properties' | 'definitions' | 'notes' | 'engagements' | 'closed' | 'tickets'>): ProposalInput => ({
  record: { objectType: view.ref.objectTypeId, objectId: view.ref.objectId, properties: view.properties },
  definitions: view.definitions,
  sources: [
    ...view.notes.map((n) => ({ ...n, kind: 'note' as const })),
    ...(view.engagements ?? []).flatMap((e) => (e.text ? [{ ref: e.ref, label: engagementLabel(e), kind: 'note' as const, text: e.text, date: e.at }] : [])),
  ],
  state: { closed: view.closed, tickets: view.tickets },
});

export interface ProposeDeps {
  lanes: Lane[];
  /** Waiting handoff packets matched to this record. */
  handoffs: HandoffPacket[];
  /** The local engine, and Claude when it is the chosen engine. */
  engines: TriageEngine[];
  now: Date;
}

/** The record's HubSpot lanes: those whose trigger names this record type. */
export const lanesForRecord = (lanes: Lane[], objectTypeId: string) =>
  lanes.filter((l) => l.trigger.site === 'hubspot' && l.trigger.recordTypes.includes(objectTypeId));

// Labels a rep reads: the lane's own name, no internal thread ids.
const handoffSource = (packet: HandoffPacket, lane: Lane) => ({ kind: 'handoff' as const, ref: packet.id, label: `Customer's email in Gmail, via the ${lane.name} handoff` });

/** A packet's fields as candidates, each quoting the customer's own sentence when the packet kept it. */
function handoffCandidates(packet: HandoffPacket, lane: Lane): FieldCandidate[] {
  const source = handoffSource(packet, lane);
  return Object.entries(packet.fields).map(([property, value]) => ({
    property,
    value,
    quote: packet.evidence?.[property] ?? value,
    reason: lane.newLeadValues?.[property] === value ? `Every new lead of the ${lane.name} lane is proposed with this value (its SOP).` : `Proposed by the ${lane.name} lane from the customer's email.`,
    confidence: 0.75,
    source,
  }));
}

const handoffText = (packet: HandoffPacket) => [...Object.values(packet.evidence ?? {}), ...Object.values(packet.fields)].join('\n');

/**
 * Proposals for one record: the record's notes and emails go to every engine for each HubSpot lane of its type; each handoff
 * packet goes through the lane that made it, so a packet can never widen what its lane may write. Everything passes
 * the review gate, then the portal's checks; one proposal per property, the most confident.
 */
export async function proposeForRecord({ record, definitions: portal, sources, state }: ProposalInput, deps: ProposeDeps): Promise<RecordProposals> {
  const { usable, ignored } = screenSources(sources);
  const out: RecordProposals = { proposals: [], tasks: [], contacts: [], findings: [], dropped: [], ignoredSources: [...ignored], engineError: null };
  const evidence = new Map<string, string>(usable.map((s) => [s.ref, s.text]));

  const accept = (lane: Lane, candidates: FieldCandidate[], idSuffix: string) => {
    const gated = gateCandidates(candidates, { lane, evidence });
    const checked = toProposals(record, portal, gated.passed, idSuffix);
    out.proposals.push(...checked.proposals.map((proposal) => ({ lane: lane.id, proposal })));
    out.dropped.push(...[...gated.dropped, ...checked.dropped].map((d) => ({ ...d, lane: lane.id })));
  };

  for (const lane of lanesForRecord(deps.lanes, record.objectType).filter((l) => l.processing.actions.includes('propose_fields'))) {
    if (usable.length === 0) break;
    const definitions = portal.filter((d) => lane.processing.writableProperties.includes(d.name) && isWritable(d));
    for (const engine of deps.engines) {
      const answer = await engine.proposeFields({ record, definitions, lane, sources: usable, now: deps.now });
      if (!answer.ok) {
        out.engineError ??= answer.error;
        continue;
      }
      out.dropped.push(...answer.value.dropped.map((d) => ({ ...d, lane: lane.id })));
      accept(lane, answer.value.candidates, engine.id === 'local' ? '' : `/${engine.id}`);
    }
  }

  // Lanes that create tasks (the meeting recap) read the logged activity for the agreed next step and the action items.
  const logged = usable.filter((s) => s.ref.startsWith(ENGAGEMENT_REF_PREFIX));
  for (const lane of deps.lanes.filter((l) => l.processing.actions.includes('create_task') && l.trigger.recordTypes.includes(record.objectType))) {
    // A recap emailed in Gmail hands its action items over: they are read as the email they came from.
    const emailed = deps.handoffs.filter((p) => p.status === 'waiting' && p.lane === lane.id && p.fields[ACTION_ITEMS]).map((p) => recapEmail(p));
    const sources = [...logged, ...emailed];
    if (sources.length === 0) continue;
    const recap = recapOf(sources, record, portal, deps.now);
    accept(lane, recap.fields, '');
    out.tasks.push(...recap.tasks.map((task) => ({ lane: lane.id, task })));
  }

  for (const lane of lanesForRecord(deps.lanes, record.objectType).filter((l) => l.processing.actions.includes('pipeline_checks'))) {
    const checks = pipelineChecks({ record, definitions: portal, closed: state?.closed, sources: usable, now: deps.now });
    accept(lane, checks.flatMap((c) => (c.candidate ? [c.candidate] : [])), '');
    out.findings.push(
      ...checks.map((c) => ({
        ...c.finding,
        lane: lane.id,
        // A property the lane may not write at all (the owner, for CRM discipline) is a person's decision too.
        humanDecision: lane.humanDecisionProperties.includes(c.finding.property) || !lane.processing.writableProperties.includes(c.finding.property),
        proposed: false,
      })),
    );
  }

  const contactEmail = record.properties.email?.toLowerCase() ?? null;
  for (const raw of deps.handoffs) {
    if (raw.status !== 'waiting') continue;
    if (contactEmail && raw.contactEmail.toLowerCase() !== contactEmail) {
      out.ignoredSources.push({ ref: raw.id, reason: 'Handoff is for another contact.' });
      continue;
    }
    const packet = withPropertyFields(raw);
    const lane = deps.lanes.find((l) => l.id === packet.lane || l.name === packet.lane);
    if (!lane) {
      for (const property of Object.keys(packet.fields)) out.dropped.push({ property, reason: `handoff from unknown lane ${packet.lane}`, lane: null });
      continue;
    }
    // A lead met on its company becomes a contact to create there, not proposals for another record type.
    const elsewhere = createsContactOn(lane, record.objectType) ? null : handoffElsewhere(lane, record.objectType, state ?? {});
    if (elsewhere) {
      out.ignoredSources.push({ ref: packet.id, reason: elsewhere });
      continue;
    }
    evidence.set(packet.id, handoffText(packet));
    // The lane's routing rules propose the owner, found among the portal's owners; they read the packet's fields as
    // extracted (seats, budget, source), before these are folded into properties.
    const routed = routeLead(raw, lane, portal, handoffSource(packet, lane));
    if (routed && 'dropped' in routed) out.dropped.push({ ...routed.dropped, lane: lane.id });
    const candidates = [...handoffCandidates(packet, lane), ...(routed && 'candidate' in routed ? [routed.candidate] : [])];
    if (createsContactOn(lane, record.objectType)) {
      const { contact, dropped } = newContactProposal(packet, lane, record, portal, candidates, evidence);
      if (contact) out.contacts.push(contact);
      out.dropped.push(...dropped.map((d) => ({ ...d, lane: lane.id })));
      continue;
    }
    accept(lane, candidates, '');
  }
  const proposals = bestPerProperty(out.proposals);
  // A gap is fixed below when any lane proposes its property: a handoff from Gmail, say, not only the activity.
  const findings = out.findings.map((f) => ({ ...f, proposed: proposals.some((p) => p.proposal.property === f.property) }));
  return { ...out, proposals, findings };
}

const TYPE_NAMES: Record<string, string> = { '0-1': 'contact', '0-2': 'company', '0-3': 'deal', '0-5': 'ticket' };

/**
 * Why a packet's proposals do not go on this record, or null when they do: a lane writes only the record types it
 * names, and a ticket lane only on an open ticket. On a contact, a ticket lane's packet names the contact's open ticket.
 */
export function handoffElsewhere(lane: Lane, objectType: string, state: NonNullable<ProposalInput['state']>): string | null {
  const types = lane.trigger.recordTypes;
  if (types.includes(objectType)) {
    return objectType === '0-5' && state.closed === true ? `This ticket is closed: the ${lane.name} handoff is proposed on the contact's open ticket only.` : null;
  }
  if (objectType === '0-1' && types.includes('0-5')) {
    const open = (state.tickets ?? []).find((t) => t.open);
    return open
      ? `Its updates go on this contact's open ticket "${open.name}" (ticket ${open.id}): open the ticket to review them.`
      : `This contact has no open ticket: nothing is proposed from the ${lane.name} handoff.`;
  }
  return `The ${lane.name} lane writes to ${types.map((t) => TYPE_NAMES[t] ?? t).join(' or ') || 'no record type'}, not to this ${TYPE_NAMES[objectType] ?? 'record'}.`;
}

/** One proposal per property, whichever lane or engine made it: the most confident wins. */
export function bestPerProperty(proposals: LaneProposal[]): LaneProposal[] {
  const best = new Map<string, LaneProposal>();
  for (const candidate of proposals) {
    const held = best.get(candidate.proposal.property);
    if (!held || candidate.proposal.confidence > held.proposal.confidence) best.set(candidate.proposal.property, candidate);
  }
  return [...best.values()];
}

/** A recap packet's action items as the email they were read from, dated as it was written. */
function recapEmail(packet: HandoffPacket): EvidenceText {
  const day = packet.writtenAt?.slice(0, 10);
  return { ref: packet.id, kind: 'email', label: day ? `Customer's email of ${day}` : "Customer's email", text: packet.fields[ACTION_ITEMS] ?? '', ...(packet.writtenAt ? { date: packet.writtenAt } : {}) };
}
