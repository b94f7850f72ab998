import type { Classification } from '@/lib/schemas/classification';
import type { Draft } from '@/lib/schemas/draft';
import type { Result } from '@/lib/schemas/errors';
import type { PropertyDefinition } from '@/lib/schemas/hubspot';
import type { Lane } from '@/lib/schemas/lane';
import type { DroppedProposal, EvidenceText, FieldCandidate } from '@/lib/schemas/proposal';
import type { Passage, Retrieval } from '@/lib/schemas/sop';
import type { TriageInput } from '@/lib/schemas/triage-input';

export interface DraftRequest {
  input: TriageInput;
  classification: Classification;
  lane: Lane;
  retrieval: Retrieval;
  /** Reply-template sections of the SOPs the retrieval drew on (passages under a "Reply template" heading). */
  templates?: Passage[];
  /** Passages of those SOPs that say what to ask the customer for: the checklist marks each item supplied or not. */
  askPassages?: Passage[];
  /** Every passage of the lane's SOPs, when they fit Claude's SOP token budget: sent whole instead of the retrieved ones. */
  laneLibrary?: Passage[];
  signal?: AbortSignal;
  /** Called with each piece of text as it is produced, in order. */
  onText?: (delta: string) => void;
}

/** A CRM record as the engines see it: its type, id and current property values. */
export interface RecordSnapshot {
  objectType: string;
  objectId: string;
  properties: Record<string, string | null>;
}

export interface ProposeFieldsRequest {
  record: RecordSnapshot;
  /** The portal's definitions of the properties this lane may write (the engine may name no other). */
  definitions: PropertyDefinition[];
  lane: Lane;
  /** Notes and emails already screened by the review gate; untrusted data, oldest first. */
  sources: EvidenceText[];
  /** Dates without a year are read relative to this (the newest source's date, else now). */
  now: Date;
  signal?: AbortSignal;
}

export interface FieldCandidates {
  candidates: FieldCandidate[];
  /** What the engine itself refused (e.g. an answer that did not match its schema). */
  dropped: DroppedProposal[];
}

/** The one interface the panels' work goes through, whichever engine is set. Every output passes the review gate. */
export interface TriageEngine {
  readonly id: 'local' | 'claude';
  classify(input: TriageInput, lanes: Lane[], signal?: AbortSignal): Promise<Result<Classification>>;
  draft(request: DraftRequest): Promise<Result<Draft>>;
  /** Values for the lane's writable properties found in the sources, each with its evidence quote. */
  proposeFields(request: ProposeFieldsRequest): Promise<Result<FieldCandidates>>;
}
