import { ok } from '@/lib/schemas/errors';
import type { Handlers } from '@/lib/protocol/server';
import { approveDraft, markDiscarded, markInserted, markSent, rejectDraft, saveReview, verifyDraft } from '@/lib/gmail-lane/background/draft-review';
import { libraryLookup } from '@/lib/gmail-lane/background/library-lookup';
import { handoffFor } from '@/lib/gmail-lane/background/handoff';
import type { Services } from './services';

/** Review of drafts in the panel: each step checked against the stored draft and the library, and audited. */
export function setUpDrafts(services: Services): Handlers {
  const { db } = services;
  const lookup = libraryLookup(db);
  return {
    'draft.verify': ({ draftId }) => verifyDraft(db, draftId, lookup),
    'draft.saveReview': ({ draftId, review }) => saveReview(db, draftId, review),
    'draft.approve': (request) => approveDraft(db, request, lookup),
    'draft.inserted': ({ draftId, hash }) => markInserted(db, draftId, hash),
    'draft.sent': ({ draftId, finalText }) => markSent(db, draftId, finalText),
    'draft.discarded': ({ draftId }) => markDiscarded(db, draftId),
    'draft.reject': ({ draftId, reason, note }) => rejectDraft(db, draftId, reason, note),
    'handoff.forSubject': async ({ subjectId }) => ok(await handoffFor(db, subjectId)),
  };
}
