import type { Lane } from '@/lib/schemas/lane';
import type { DroppedProposal, EvidenceText, FieldCandidate } from '@/lib/schemas/proposal';
import { sentenceSpans } from '@/lib/text/sentences';
import { looksLikeInstruction } from './instruction-guard';

/**
 * The gate every field proposal passes, whichever engine found it, before a rep sees it: the lane must propose
 * fields and allow the property, the evidence must be a verbatim span of the source it names and not an
 * instruction, the confidence must clear the lane's floor, and the lane's human decisions are marked as such.
 * The portal's own checks (property exists, writable, value accepted) come after, in the HubSpot lane.
 */

export interface ScreenedSources {
  usable: EvidenceText[];
  /** Sources left out because they contain instructions to the system (refs only: never their text). */
  ignored: { ref: string; reason: string }[];
}

/** A source that tries to instruct the system is left out whole, before any engine reads it. */
export function screenSources(sources: EvidenceText[]): ScreenedSources {
  const ignored: ScreenedSources['ignored'] = [];
  const usable = sources.filter((s) => {
    if (!sentenceSpans(s.text).some(looksLikeInstruction)) return true;
    ignored.push({ ref: s.ref, reason: 'Contains instructions addressed to the system; not used as evidence.' });
    return false;
  });
  return { usable, ignored };
}

/**
 * Whether a lane may write this property: the allow-list, asked again just before a write, so a row stored by an
 * older gate or put in the database by anything else than the gate writes nothing the lane does not list.
 */
export function laneMayWrite(lanes: readonly Lane[], laneId: string, property: string): boolean {
  const lane = lanes.find((l) => l.id === laneId);
  return lane !== undefined && lane.processing.actions.includes('propose_fields') && lane.processing.writableProperties.includes(property);
}

export interface GatedCandidate extends FieldCandidate {
  /** The lane marks this property "decision: human" (stage, amount, close date...). */
  humanDecision: boolean;
}

export interface GateInput {
  lane: Lane;
  /** What each evidence ref's text is: the screened sources, and handoff packets' customer sentences. */
  evidence: ReadonlyMap<string, string>;
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

export function gateCandidates(candidates: FieldCandidate[], { lane, evidence }: GateInput): { passed: GatedCandidate[]; dropped: DroppedProposal[] } {
  const dropped: DroppedProposal[] = [];
  const drop = (property: string, reason: string) => {
    if (!dropped.some((d) => d.property === property && d.reason === reason)) dropped.push({ property, reason });
  };
  if (!lane.processing.actions.includes('propose_fields')) {
    for (const c of candidates) drop(c.property, `The ${lane.name} lane does not propose field updates.`);
    return { passed: [], dropped };
  }
  const passed: GatedCandidate[] = [];
  for (const c of candidates) {
    const source = evidence.get(c.source.ref);
    if (!lane.processing.writableProperties.includes(c.property)) drop(c.property, 'not in lane allow-list');
    else if (source === undefined || !normalise(source).includes(normalise(c.quote)) || normalise(c.quote) === '') drop(c.property, 'evidence quote not found in its source');
    else if (looksLikeInstruction(c.quote)) drop(c.property, 'evidence reads as an instruction to the system');
    else if (c.confidence < lane.qualityChecks.confidenceFloor) drop(c.property, `confidence ${c.confidence} below the lane's floor of ${lane.qualityChecks.confidenceFloor}`);
    else passed.push({ ...c, humanDecision: lane.humanDecisionProperties.includes(c.property) });
  }
  return { passed, dropped };
}
