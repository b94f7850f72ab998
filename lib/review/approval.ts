import { sha256OfText } from '@/lib/common/sha256';
import type { ReplyMode } from '@/lib/schemas/draft-record';

/** What a rep approves: this text, for this draft and thread, as a reply or reply-all. */
export interface ApprovalSubject {
  draftId: string;
  subjectId: string;
  text: string;
  mode: ReplyMode;
}

/** Fixed key order, so the same approval always hashes the same. */
export const canonicalApproval = (a: ApprovalSubject): string =>
  JSON.stringify({ draftId: a.draftId, subjectId: a.subjectId, text: a.text, mode: a.mode });

/** SHA-256 (hex) of the canonical approval: any changed character gives another hash. */
export const approvalHash = (a: ApprovalSubject): Promise<string> => sha256OfText(canonicalApproval(a));

/** The content script inserts only text whose hash is the one the background recorded. */
export async function matchesApproval(a: ApprovalSubject, hash: string): Promise<boolean> {
  return (await approvalHash(a)) === hash;
}
