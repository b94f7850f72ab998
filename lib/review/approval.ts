import type { ReplyMode } from '@/lib/sites/gmail/compose';

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
export async function approvalHash(a: ApprovalSubject): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalApproval(a)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The content script inserts only text whose hash is the one the background recorded. */
export async function matchesApproval(a: ApprovalSubject, hash: string): Promise<boolean> {
  return (await approvalHash(a)) === hash;
}
