import type { TriageDatabase } from '@/lib/db/database';
import { appendAudit } from '@/lib/db/audit';
import { markTriaged } from '@/lib/db/threads';
import { isAutomaticReply, latestCustomerMessage } from '@/lib/engine/local/thread-text';
import type { TriageEngine } from '@/lib/engine/types';
import type { TriageClientMessage, TriageServerMessage } from '@/lib/protocol/triage-port';
import { emptyReview, type DraftRecord } from '@/lib/schemas/draft-record';
import type { Result } from '@/lib/schemas/errors';
import type { Lane } from '@/lib/schemas/lane';
import type { Passage, Retrieval } from '@/lib/schemas/sop';
import { postChecks } from '@/lib/drafting/post-checks';
import { wholeLaneLibrary } from '@/lib/engine/claude/prompt';
import { withLocalSafeguards } from '@/lib/review/policy';
import { needsReply } from '@/lib/lanes/taxonomy';
import { isTemplatePassage } from '@/lib/sop/reply-templates';
import { asksCustomer } from '@/lib/drafting/sop-sentences';
import { queryFromText, retrieveForClassification } from '@/lib/sop/retrieve';
import type { SopIndex } from '@/lib/sop/sop-index';
import { latestDraftFor, openDraftFor, saveDraft } from './draft-store';
import { recordHandoff } from './handoff';
import { toTriageResult } from './triage-result';
import { routingOf } from './routing';

export interface TriageDeps {
  db: TriageDatabase;
  lanes(): Promise<Lane[]>;
  index(): Promise<SopIndex>;
  localEngine(): Promise<TriageEngine>;
  /** The engine chosen in the options page. */
  engineChoice(): Promise<'local' | 'claude'>;
  claudeEngine(subjectId: string): Promise<Result<TriageEngine>>;
  /** The company's own mail domains: who in a thread is the customer. */
  ownDomains(): Promise<readonly string[]>;
  newId(): string;
}

/** Drafts being written right now, by id: a restarted worker has none, so its "generating" rows are stale. */
const writing = new Set<string>();
/** Panels that opened a thread again while its draft was being written: they follow it to the end. */
const followers = new Map<string, Set<(m: TriageServerMessage) => void>>();
const PERSIST_EVERY_MS = 250;

type Start = Extract<TriageClientMessage, { type: 'start' }>;

/**
 * One triage pass over an open thread: local classification first (fast, always there), the SOP passages,
 * Claude's classification when chosen, then the draft, streamed and persisted as it is written.
 * The draft goes on being written and saved if the tab goes away; post() just stops reaching anyone.
 */
export async function runTriage(start: Start, post: (m: TriageServerMessage) => void, deps: TriageDeps): Promise<void> {
  const { subjectId, input } = start;
  const lanes = await deps.lanes();
  const begun = performance.now();
  const local = await (await deps.localEngine()).classify(input, lanes);
  if (!local.ok) return post({ type: 'error', stage: 'classify', error: local.error });
  const routing = await routingOf(deps.db, subjectId);
  let triage = { ...toTriageResult(local.value, 'local', lanes, performance.now() - begun), routing };
  post({ type: 'classified', result: triage });

  const ownDomains = await deps.ownDomains();
  const latestFromCustomer = latestCustomerMessage(input, ownDomains);
  const latest = latestFromCustomer?.text ?? '';
  const retrieval = retrieveForClassification(await deps.index(), queryFromText(`${input.subject}\n${latest}`), triage.classification, lanes);
  post({ type: 'retrieved', retrieval });

  let draftEngine = await deps.localEngine();
  if ((await deps.engineChoice()) === 'claude') {
    const claude = await deps.claudeEngine(subjectId);
    const classified = claude.ok ? await claude.value.classify(input, lanes) : claude;
    if (classified.ok && claude.ok) {
      // Claude's answer replaces the local one, except that it cannot drop a risk flag or acknowledgement the local rules raised.
      triage = withLocalSafeguards(triage, { ...toTriageResult(classified.value, 'claude', lanes, performance.now() - begun), routing });
      draftEngine = claude.value;
      post({ type: 'classified', result: triage });
    } else if (!classified.ok) {
      post({ type: 'engineError', engine: 'claude', error: classified.error });
      await appendAudit(deps.db, { kind: 'engine.failed', subject: subjectId, lane: triage.classification.lane.value, data: { engine: 'claude', code: classified.error.code } });
    }
  }
  await markTriaged(deps.db, subjectId);
  await appendAudit(deps.db, {
    kind: 'triage.classified',
    subject: subjectId,
    lane: triage.classification.lane.value,
    data: { engine: triage.engine, category: triage.classification.category.value, confidence: round(triage.classification.category.confidence), needsHumanTriage: triage.needsHumanTriage, grounded: retrieval.grounded },
  });

  const lane = lanes.find((l) => l.id === triage.classification.lane.value);
  // An out-of-office answered our mail: nobody waits for a reply to it, and it holds nothing to hand over.
  if (latestFromCustomer && isAutomaticReply(input.subject, latestFromCustomer.text)) return;
  // Lead, RFQ, intake and support lanes hand the thread's facts to HubSpot: a packet that waits for a rep there.
  if (lane?.processing.actions.includes('handoff')) await recordHandoff(deps.db, { subjectId, input, lane, now: Date.now(), classification: triage.classification });
  if (!lane || !lane.processing.actions.includes('draft')) return;
  // Newsletters and FYIs need no reply: no draft, not even a holding one.
  if (!needsReply(lanes, triage.classification.category.value)) return;
  let existing = await openDraftFor(deps.db, subjectId);
  // The team wrote last (the rep just sent our reply): nothing to answer until the customer writes again.
  const last = input.messages.at(-1);
  if (!existing && last && latestFromCustomer && last !== latestFromCustomer) {
    const previous = await latestDraftFor(deps.db, subjectId);
    if (previous) post({ type: 'draft', record: previous });
    return;
  }
  if (existing?.status === 'generating' && !writing.has(existing.id)) {
    // Its writer died with a previous service worker: keep the text, let the rep continue or regenerate.
    existing = await saveDraft(deps.db, { ...existing, status: 'interrupted', updatedAt: Date.now() });
  }
  if (existing && writing.has(existing.id)) {
    // Still being written (the rep went to another thread and came back): follow it from here to the end.
    followers.set(existing.id, (followers.get(existing.id) ?? new Set()).add(post));
    return post({ type: 'draft', record: existing });
  }
  if (existing && start.draftMode === 'restore') return post({ type: 'draft', record: existing });
  const keep = start.draftMode === 'continue' && existing?.status === 'interrupted' ? existing : null;
  if (existing && !keep) await saveDraft(deps.db, { ...existing, status: 'discarded', updatedAt: Date.now() });

  await writeDraft({ keep, triage, retrieval, lane, engine: draftEngine, start, post, deps });
}

interface WriteDraft {
  keep: DraftRecord | null;
  triage: DraftRecord['triage'];
  retrieval: Retrieval;
  lane: Lane;
  engine: TriageEngine;
  start: Start;
  post: (m: TriageServerMessage) => void;
  deps: TriageDeps;
}

async function writeDraft({ keep, triage, retrieval, lane, engine, start, post, deps }: WriteDraft): Promise<void> {
  const now = Date.now();
  let record: DraftRecord = {
    id: keep?.id ?? deps.newId(),
    subjectId: start.subjectId,
    lane: lane.id,
    engine: engine.id,
    status: 'generating',
    triage,
    retrieval,
    partialText: keep?.partialText ?? '',
    draft: null,
    review: keep?.review ?? emptyReview,
    approval: null,
    error: null,
    createdAt: keep?.createdAt ?? now,
    updatedAt: now,
  };
  writing.add(record.id);
  // Followers get whole records (their text may lag the writer's), the first panel gets deltas.
  const toFollowers = () => followers.get(record.id)?.forEach((follow) => follow({ type: 'draft', record }));
  try {
    record = await saveDraft(deps.db, record);
    post({ type: 'draft', record });
    // What the panel shows: on Continue, the interrupted text, which the new text retraces before going on.
    let shown = record.partialText;
    let written = '';
    let lastSave = performance.now();
    const { templates, askPassages } = await sopCompanions(deps.db, retrieval);
    const laneLibrary = engine.id === 'claude' ? await laneLibraryFor(deps.db, lane) : undefined;
    const drafted = await engine.draft({
      input: start.input,
      classification: triage.classification,
      lane,
      retrieval,
      templates,
      askPassages,
      laneLibrary,
      onText: (delta) => {
        written += delta;
        if (shown.startsWith(written)) return;
        record = { ...record, partialText: written };
        if (written.startsWith(shown)) post({ type: 'draftDelta', id: record.id, delta: written.slice(shown.length) });
        // The new text went another way (an engine is not bound to repeat itself): the panel restarts from it.
        else post({ type: 'draft', record });
        toFollowers();
        shown = written;
        if (performance.now() - lastSave > PERSIST_EVERY_MS) {
          lastSave = performance.now();
          void saveDraft(deps.db, { ...record, updatedAt: Date.now() });
        }
      },
    });
    const ownDomains = await deps.ownDomains();
    // The same post-checks on every engine's draft, shown to the rep as review notes.
    const result = drafted.ok
      ? { ...drafted, value: { ...drafted.value, notes: postChecks(drafted.value, { input: start.input, lane, language: triage.classification.language.value, ownDomains }) } }
      : drafted;
    record = result.ok
      ? { ...record, status: 'ready', draft: result.value, updatedAt: Date.now() }
      : { ...record, status: 'failed', error: result.error, updatedAt: Date.now() };
    record = await saveDraft(deps.db, record);
    post({ type: 'draft', record });
    toFollowers();
    await appendAudit(deps.db, {
      kind: 'draft.generated',
      subject: start.subjectId,
      lane: lane.id,
      data: result.ok
        ? { draftId: record.id, engine: engine.id, sentences: result.value.sentences.length, abstained: result.value.abstained, grounded: retrieval.grounded }
        : { draftId: record.id, engine: engine.id, failed: result.error.code },
    });
  } finally {
    writing.delete(record.id);
    followers.delete(record.id);
  }
}

/** Of the SOPs the retrieval drew on, as the library holds them now: their reply templates and what they say to ask for. */
async function sopCompanions(db: TriageDatabase, retrieval: Retrieval): Promise<{ templates: Passage[]; askPassages: Passage[] }> {
  const sopIds = [...new Set(retrieval.passages.map((p) => p.sopId))];
  if (sopIds.length === 0) return { templates: [], askPassages: [] };
  const rows = (await db.passages.where('sopId').anyOf(sopIds).toArray()).filter((r) => r.active === 1).map(({ active: _active, ...passage }) => passage);
  return { templates: rows.filter(isTemplatePassage), askPassages: rows.filter((p) => !isTemplatePassage(p) && asksCustomer(p)) };
}

async function laneLibraryFor(db: TriageDatabase, lane: Lane): Promise<Passage[] | undefined> {
  const rows = await db.passages.where('active').equals(1).toArray();
  return wholeLaneLibrary(rows.map(({ active: _active, ...passage }) => passage), lane.id);
}

const round = (n: number) => Math.round(n * 1000) / 1000;
