import { z } from 'zod';
import type { Engagement, RecordRef } from '@/lib/schemas/hubspot';
import { type HubSpotClient, type HubSpotError, BATCH_READ_LIMIT } from '@/lib/sites/hubspot/api-client';
import type { CrmRecord } from '@/lib/sites/hubspot/api-schemas';
import { htmlToText } from '@/lib/text/html';
import { type DateMention, findDate } from '@/lib/text/dates';
import { sentenceSpans } from '@/lib/text/sentences';
import { lazySchema } from '@/lib/schemas/lazy-schema';

/**
 * HubSpot's engagement objects (activity logged on a record), with the properties that hold their title and text.
 * Bodies of notes, meetings, calls and tasks are HTML; an email's `hs_email_text` is plain text.
 */
export const ENGAGEMENT_TYPES = {
  note: { typeId: '0-46', label: 'Note', title: null, body: 'hs_note_body' },
  email: { typeId: '0-49', label: 'Email', title: 'hs_email_subject', body: 'hs_email_text' },
  call: { typeId: '0-48', label: 'Call', title: 'hs_call_title', body: 'hs_call_body' },
  meeting: { typeId: '0-47', label: 'Meeting', title: 'hs_meeting_title', body: 'hs_meeting_body' },
  task: { typeId: '0-27', label: 'Task', title: 'hs_task_subject', body: 'hs_task_body' },
} as const;
export type EngagementType = keyof typeof ENGAGEMENT_TYPES;

/** Evidence refs of engagements start with this: "engagement/<type id>/<id>". */
export const ENGAGEMENT_REF_PREFIX = 'engagement/';

/** The most engagements a record view holds, newest first (each type reads at most one batch). */
export const MAX_ENGAGEMENTS = 20;
const MAX_TEXT = 8_000;

export interface RecordActivity {
  engagements: Engagement[];
  /** Engagements HubSpot sent that did not parse (no date, nothing to read) and were left out. */
  skipped: number;
  /** The first read that failed (a missing scope...): what was read still shows. */
  error: HubSpotError | null;
}

const epochOrIso = lazySchema(() => z.string().transform((value, ctx) => {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: 'not a date' });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
}));

function engagementOf(type: EngagementType, record: CrmRecord): Engagement | null {
  const spec = ENGAGEMENT_TYPES[type];
  const at = epochOrIso.safeParse(record.properties.hs_timestamp ?? record.createdAt);
  if (!at.success) return null;
  const rawBody = record.properties[spec.body] ?? '';
  const text = (type === 'email' ? rawBody : htmlToText(rawBody, { useDomParser: false }).text).trim().slice(0, MAX_TEXT);
  const title = (spec.title ? record.properties[spec.title] : null)?.trim() || null;
  if (!text && !title) return null;
  return { ref: `${ENGAGEMENT_REF_PREFIX}${spec.typeId}/${record.id}`, type, id: record.id, at: at.data, title, text, ...(type === 'task' && record.properties.hs_task_status ? { status: record.properties.hs_task_status } : {}) };
}

/**
 * The activity logged on a record: its associated notes, emails, calls, meetings and tasks, through v4 associations
 * and one batch read per type, newest first and at most MAX_ENGAGEMENTS. An engagement that does not parse is left
 * out and counted; a type that cannot be read leaves the others.
 */
export async function readRecordActivity(client: Pick<HubSpotClient, 'getAssociations' | 'batchReadRecords'>, ref: Pick<RecordRef, 'objectTypeId' | 'objectId'>): Promise<RecordActivity> {
  // The five types are read side by side: a record view waits for the slowest, not for the sum.
  const reads = await Promise.all((Object.keys(ENGAGEMENT_TYPES) as EngagementType[]).map((type) => readType(client, ref, type)));
  const engagements = reads.flatMap((r) => r.engagements);
  const skipped = reads.reduce((n, r) => n + r.skipped, 0);
  const error = reads.find((r) => r.error)?.error ?? null;
  engagements.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return { engagements: engagements.slice(0, MAX_ENGAGEMENTS), skipped, error };
}

async function readType(client: Pick<HubSpotClient, 'getAssociations' | 'batchReadRecords'>, ref: Pick<RecordRef, 'objectTypeId' | 'objectId'>, type: EngagementType): Promise<RecordActivity> {
  const spec = ENGAGEMENT_TYPES[type];
  const associated = await client.getAssociations(ref.objectTypeId, ref.objectId, spec.typeId);
  if (!associated.ok) return { engagements: [], skipped: 0, error: associated.error };
  // Ids grow with creation: the highest are the newest, so a long history still reads its latest batch.
  const ids = associated.value.map((a) => a.toObjectId).sort((a, b) => Number(b) - Number(a)).slice(0, BATCH_READ_LIMIT);
  if (ids.length === 0) return { engagements: [], skipped: 0, error: null };
  const properties = ['hs_timestamp', spec.body, ...(spec.title ? [spec.title] : []), ...(type === 'task' ? ['hs_task_status'] : [])];
  const read = await client.batchReadRecords(spec.typeId, ids, properties);
  if (!read.ok) return { engagements: [], skipped: 0, error: read.error };
  const engagements: Engagement[] = [];
  let skipped = read.skipped ?? 0;
  for (const record of read.value) {
    const engagement = engagementOf(type, record);
    if (engagement) engagements.push(engagement);
    else skipped += 1;
  }
  return { engagements, skipped, error: null };
}

/** How an engagement is named as evidence: its type and day ("Meeting note of 2026-05-28: Pilot kickoff"). */
export function engagementLabel(e: Pick<Engagement, 'type' | 'at' | 'title'>): string {
  const kind = e.type === 'meeting' ? 'Meeting note' : e.type === 'call' ? 'Call note' : ENGAGEMENT_TYPES[e.type].label;
  return `${kind} of ${e.at.slice(0, 10)}${e.title ? `: ${e.title}` : ''}`;
}

/** The dates an engagement names without a full date, each resolved against the engagement's own date (never today). */
export function inferredDates(e: Pick<Engagement, 'at' | 'text'>): DateMention[] {
  const reference = new Date(e.at);
  const found: DateMention[] = [];
  for (const sentence of sentenceSpans(e.text)) {
    // A sentence may name several dates ("June 3; ... by Friday"): its clauses are read one by one.
    for (const clause of sentence.split(/[;:]/)) {
      const date = findDate(clause, reference);
      if (date && date.basis !== 'stated' && !found.some((d) => d.text === date.text)) found.push(date);
    }
  }
  return found;
}
