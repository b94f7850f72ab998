import { send } from '@/lib/protocol/gmail-client';
import type { DraftRecord, ReplyMode } from '@/lib/schemas/draft-record';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import type { RiskFlag } from '@/lib/schemas/lane';
import type { GmailDriver } from '@/lib/sites/gmail/driver';
import { matchesApproval } from '@/lib/review/approval';

export interface InsertRequest {
  record: DraftRecord;
  text: string;
  mode: ReplyMode;
  acknowledged: RiskFlag[];
  unsupportedAcknowledged: boolean;
}

export interface InsertFlow {
  /** Approve in the background, then put exactly the approved text into Gmail's reply box. Never sends. */
  insert(request: InsertRequest): Promise<Result<DraftRecord>>;
  /**
   * Record what the rep does with an inserted reply: Send (with the final text) or Discard. Given the editor
   * the text went into, other composes are ignored; after a reload it is not known, and any reply counts.
   */
  watch(record: DraftRecord, editor?: Element): void;
}

/** The content script's end of "Insert into reply": approval, insert, then listening for Send or Discard. */
export function createInsertFlow(gmail: Pick<GmailDriver, 'insertReply' | 'observeOutcome'>, signal: AbortSignal, onRecord: (record: DraftRecord) => void): InsertFlow {
  const watching = new Map<string, AbortController>();

  const watch = (record: DraftRecord, editor?: Element) => {
    if (watching.has(record.id) || signal.aborted) return;
    const stop = new AbortController();
    watching.set(record.id, stop);
    signal.addEventListener('abort', () => stop.abort(), { once: true });
    const settle = async (answer: Promise<Result<DraftRecord>>) => {
      stop.abort();
      watching.delete(record.id);
      const result = await answer;
      if (result.ok) onRecord(result.value);
    };
    gmail.observeOutcome(
      {
        onSend: (finalText) => void settle(send('draft.sent', { draftId: record.id, finalText }).then((r) => (r.ok ? ok(r.value.record) : r))),
        onDiscard: () => void settle(send('draft.discarded', { draftId: record.id })),
      },
      stop.signal,
      editor,
    );
  };

  const insert: InsertFlow['insert'] = async ({ record, text, mode, acknowledged, unsupportedAcknowledged }) => {
    const approved = await send('draft.approve', { draftId: record.id, subjectId: record.subjectId, text, mode, acknowledged, unsupportedAcknowledged });
    if (!approved.ok) return approved;
    onRecord(approved.value.record);
    const { hash } = approved.value;
    // Only the exact text the background approved goes in.
    if (!(await matchesApproval({ draftId: record.id, subjectId: record.subjectId, text, mode }, hash))) {
      return fail('draft.approval_mismatch', 'The approval does not match this text.', 'Insert again from the panel.');
    }
    const inserted = await gmail.insertReply(text, mode);
    if (!inserted.ok) return inserted;
    const marked = await send('draft.inserted', { draftId: record.id, hash });
    if (!marked.ok) return marked;
    watch(marked.value, inserted.value.editor);
    return marked;
  };

  return { insert, watch };
}
