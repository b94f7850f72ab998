/**
 * The thresholds and the plain-language definitions of the lane KPIs. The computation in compute-kpis.ts
 * follows these sentences; the dashboard shows them beside the numbers so nobody reads more into a figure than it says.
 */

/** A sent draft counts as accepted without edit when at most this share of its characters changed from the generated text. */
export const ACCEPTED_EDIT_RATIO = 0.02;
/** A sent draft changed by more than this share was rewritten, not reviewed: it counts as rework. */
export const REWORK_EDIT_RATIO = 0.3;
/** A HubSpot proposal resolved (written or rejected) within this long of being proposed counts as fresh. */
export const FRESH_WITHIN_MS = 24 * 60 * 60 * 1000;
/** Below this many samples a figure says "not enough data" instead of a number. */
export const MIN_SAMPLE = 5;

export type KpiId = 'firstResponse' | 'acceptedWithoutEdit' | 'rework' | 'escalationPrecision' | 'fieldFreshness' | 'corrections' | 'routing';

export interface KpiDefinition {
  id: KpiId;
  title: string;
  definition: string;
  limits: string;
}

export const kpiDefinitions: readonly KpiDefinition[] = [
  {
    id: 'firstResponse',
    title: 'First-response time',
    definition: 'Per thread, from the moment the panel first saw it to the first reply sent from one of our drafts; median and 90th percentile (nearest rank). Counted when the reply is sent.',
    limits: 'Measures time in this tool, not how long the customer waited: mail that arrived before anyone opened it is not seen. Replies written without a draft are not counted.',
  },
  {
    id: 'acceptedWithoutEdit',
    title: 'Drafts accepted without edit',
    definition: `Of drafts sent from Gmail, the share where at most ${ACCEPTED_EDIT_RATIO * 100}% of the characters differ from the generated text (whitespace ignored): a fixed typo, not a rewrite. Counted when sent.`,
    limits: 'Edits made in the panel before inserting count as edits, as do edits in Gmail before Send.',
  },
  {
    id: 'rework',
    title: 'Rework rate',
    definition: `Of drafts generated, the share that were rejected, discarded or replaced by a newer draft for the same thread, or sent with more than ${REWORK_EDIT_RATIO * 100}% of the text changed. Counted by when the draft was generated.`,
    limits: 'Drafts still waiting for a decision are left out (shown as open); failed generations are not drafts.',
  },
  {
    id: 'escalationPrecision',
    title: 'Escalation precision',
    definition: 'Of threads the engine flagged for a human (unsure of lane or category, or a holding reply because no SOP covers the question), the share where a human confirmed it: corrected the category or owner, rejected the draft as wrong category or policy, or sent the holding reply. A flagged thread whose normal draft was sent with no correction was a false alarm.',
    limits: 'No event records an escalation outside this tool, so flagged threads with neither kind of evidence are undecided and left out.',
  },
  {
    id: 'fieldFreshness',
    title: 'Field freshness',
    definition: 'For HubSpot field proposals: median time from proposal to write, and the share of proposals resolved (written or rejected) within 24 h. Conflicts are writes stopped because someone changed the field first.',
    limits: 'Proposals made less than 24 h before the end of the range and still open are left out of the share. Undo writes have no proposal and are not timed.',
  },
  {
    id: 'routing',
    title: 'Routing accepted',
    definition: 'Of the routing decisions reps made in the panel, the share that sent the thread to the owner or queue the triage suggested (the rest were changed). Counted when routed; routing a thread again counts again.',
    limits: 'Only threads routed with the panel count: a thread forwarded or labelled in Gmail without it is not seen.',
  },
  {
    id: 'corrections',
    title: 'Corrections',
    definition: "Reps' corrections by field (category, urgency, owner) and draft rejections by reason, from the feedback log; how many category corrections the local engine learnt from.",
    limits: 'A correction is counted for the lane the thread was last classified into.',
  },
];
