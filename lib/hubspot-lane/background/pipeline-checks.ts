import type { RecordSnapshot } from '@/lib/engine/types';
import { looksLikeInstruction } from '@/lib/review/instruction-guard';
import type { PropertyDefinition } from '@/lib/schemas/hubspot';
import type { EvidenceSource, EvidenceText, FieldCandidate, PipelineFinding } from '@/lib/schemas/proposal';
import { ENGAGEMENT_REF_PREFIX, ENGAGEMENT_TYPES } from '@/lib/hubspot-lane/shared/record-activity';
import { findDate } from '@/lib/text/dates';
import { sentenceSpans } from '@/lib/text/sentences';
import { dateReason, recapOf } from './meeting-recap';

/** One gap a pipeline admin fixes, and the proposal that fixes it when the record's activity gives a value. */
export interface PipelineCheck {
  finding: Omit<PipelineFinding, 'humanDecision' | 'proposed'>;
  candidate: FieldCandidate | null;
}

export interface PipelineCheckInput {
  record: RecordSnapshot;
  /** The portal's definitions, with the record's own pipeline stages and the owners filled in. */
  definitions: PropertyDefinition[];
  /** Whether the record's stage is a closed one; unknown (undefined) concludes nothing about an open deal. */
  closed: boolean | undefined;
  /** Screened sources (instruction-bearing ones already left out); logged engagements among them are read. */
  sources: EvidenceText[];
  now: Date;
}

const DEAL = '0-3';
const CONTACT = '0-1';
const CLOSE_CUE = /\b(?:close|closing|sign|signing|signature|contract|PO|purchase order|decision|go[- ]live)\b/i;
const NEGATION = /\b(?:not|never|no longer|yet to)\b|n't\b/i;
const WON = /\b(?:signed|countersigned)\b[^.;]*\b(?:contract|agreement|order|PO|SOW)\b|\b(?:contract|agreement|order|PO|SOW)\b[^.;]*\b(?:signed|countersigned)\b/i;
const LOST = /\b(?:went|go(?:ing)?|chose to go) with (?:another|a different|a competitor|\p{Lu}\p{L}+ instead)|\bdecided (?:not to|against)\b|\bnot (?:moving|going) (?:forward|ahead)\b|\bcancel(?:l?ed) the (?:project|deal|pilot|order)\b|\bno longer interested\b/iu;
/** Lifecycle stages and lead statuses of a contact nobody has worked yet. */
const NEW_LEAD_STAGES = new Set(['subscriber', 'lead', 'marketingqualifiedlead']);
const NEW_LEAD_STATUSES = new Set(['NEW', 'OPEN']);
const MEETING_TYPE_IDS = new Set<string>([ENGAGEMENT_TYPES.meeting.typeId, ENGAGEMENT_TYPES.call.typeId]);

const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);
const labelOf = (definitions: PropertyDefinition[], property: string) => definitions.find((d) => d.name === property)?.label ?? property;
const optionLabel = (definitions: PropertyDefinition[], property: string, value: string | null | undefined) =>
  value ? (definitions.find((d) => d.name === property)?.options.find((o) => o.value === value)?.label ?? value) : '(empty)';
const dayOf = (value: string) => {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(0, 10);
};

/** Logged engagements, newest first, with the day their year-less dates are read against. */
function loggedNewestFirst(sources: EvidenceText[], now: Date) {
  return sources
    .filter((s) => s.ref.startsWith(ENGAGEMENT_REF_PREFIX))
    .map((s) => ({ source: s, at: s.date && !Number.isNaN(Date.parse(s.date)) ? new Date(s.date) : now }))
    .sort((a, b) => b.at.getTime() - a.at.getTime());
}

const clausesOf = (text: string) => sentenceSpans(text).flatMap((s) => s.split(';')).map((c) => c.trim().replace(/[.;,!]+$/, '')).filter((c) => c && !looksLikeInstruction(c));
const sourceOf = (s: EvidenceText): EvidenceSource => ({ kind: s.kind, ref: s.ref, label: s.label });

/**
 * The record-level checks of a pipeline admin: an open deal without next step, an open deal whose close date has
 * passed, a deal stage the last logged meeting or call contradicts, a new lead without owner. Each names its evidence:
 * the property as it stands, or the engagement clause quoted. A fix is proposed only from the record's own activity,
 * with dates read against the engagement's day (shown as inferred when the text gave no year).
 */
export function pipelineChecks({ record, definitions, closed, sources, now }: PipelineCheckInput): PipelineCheck[] {
  const props = record.properties;
  const subject = `${record.objectType}/${record.objectId}`;
  const recordSource = (property: string): EvidenceSource => ({ kind: 'record', ref: `${subject}#${property}`, label: `This record's ${lower(labelOf(definitions, property))}` });
  const logged = loggedNewestFirst(sources, now);
  const today = now.toISOString().slice(0, 10);
  const checks: PipelineCheck[] = [];
  const stageLabel = optionLabel(definitions, 'dealstage', props.dealstage);

  if (record.objectType === DEAL && closed === false && !props.hs_next_step?.trim()) {
    const agreed = recapOf(logged.map((l) => l.source), record, definitions, now).fields[0] ?? null;
    checks.push({
      finding: { rule: 'missing_next_step', property: 'hs_next_step', message: 'This open deal has no next step.', evidence: { quote: `Next step: (empty); deal stage: ${stageLabel}`, source: recordSource('hs_next_step') } },
      candidate: agreed ? { ...agreed, reason: `The open deal has no next step. ${agreed.reason}` } : null,
    });
  }

  const closeDay = props.closedate ? dayOf(props.closedate) : null;
  if (record.objectType === DEAL && closed === false && closeDay && closeDay < today) {
    let candidate: FieldCandidate | null = null;
    for (const { source, at } of logged) {
      const clause = clausesOf(source.text).find((c) => CLOSE_CUE.test(c) && !NEGATION.test(c) && (findDate(c, at)?.day ?? '') > today);
      const date = clause ? findDate(clause, at) : null;
      if (!clause || !date) continue;
      candidate = { property: 'closedate', value: date.day, quote: clause, reason: `The close date ${closeDay} has passed on an open deal. ${dateReason(date, source.label)}`, confidence: 0.75, source: sourceOf(source) };
      break;
    }
    checks.push({
      finding: { rule: 'close_date_past', property: 'closedate', message: `The close date ${closeDay} is in the past, and the deal is still open.`, evidence: { quote: `Close date: ${closeDay}`, source: recordSource('closedate') } },
      candidate,
    });
  }

  const lastMeeting = logged.find((l) => MEETING_TYPE_IDS.has(l.source.ref.slice(ENGAGEMENT_REF_PREFIX.length).split('/')[0] ?? ''));
  if (record.objectType === DEAL && lastMeeting && props.dealstage) {
    const stages = definitions.find((d) => d.name === 'dealstage')?.options ?? [];
    for (const clause of clausesOf(lastMeeting.source.text)) {
      const won = WON.test(clause) && !NEGATION.test(clause);
      const lost = LOST.test(clause);
      if (!won && !lost) continue;
      const target = stages.find((o) => (won ? /\bwon\b/i : /\blost\b/i).test(o.label));
      if (target?.value === props.dealstage) break;
      const said = won ? 'the contract is signed' : 'the customer is not going ahead';
      checks.push({
        finding: {
          rule: 'stage_contradicted',
          property: 'dealstage',
          message: `The last ${lower(lastMeeting.source.label)} says ${said}, but the deal stage is ${stageLabel}.`,
          evidence: { quote: clause, source: sourceOf(lastMeeting.source) },
        },
        candidate: target ? { property: 'dealstage', value: target.value, quote: clause, reason: `The last ${lower(lastMeeting.source.label)} says ${said}.`, confidence: 0.75, source: sourceOf(lastMeeting.source) } : null,
      });
      break;
    }
  }

  const newLead = NEW_LEAD_STAGES.has(props.lifecyclestage ?? 'lead') || NEW_LEAD_STATUSES.has(props.hs_lead_status ?? '');
  if (record.objectType === CONTACT && !props.hubspot_owner_id && newLead) {
    const stage = optionLabel(definitions, 'lifecyclestage', props.lifecyclestage);
    checks.push({
      finding: { rule: 'owner_missing', property: 'hubspot_owner_id', message: 'This new lead has no owner: assign one so it is worked.', evidence: { quote: `Contact owner: (empty); lifecycle stage: ${stage}`, source: recordSource('hubspot_owner_id') } },
      candidate: null,
    });
  }
  return checks;
}
