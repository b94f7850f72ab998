import type { ManagedStatus } from '@/lib/schemas/sop';
import type { StatusSummary } from '@/lib/schemas/status';

const siteName = { gmail: 'Gmail', hubspot: 'HubSpot' } as const;
const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The popup's sentences, one per row: kept apart from the markup so each reads as the user will see it. */
export function panelLine(s: StatusSummary): string {
  if (!s.site) return 'Not a Gmail or HubSpot page: the panel only appears there.';
  return `Panel ${s.panelOn ? 'on' : 'off'} for ${siteName[s.site]}.`;
}

export function engineLine(s: StatusSummary): string {
  if (s.engine === 'local') return 'Local: runs in the extension, no key, no network.';
  if (!s.claudeKey?.set) return 'Claude, but no API key is set: the local engine answers until one is.';
  return `Claude, key ${s.claudeKey.hint ?? 'set'}.`;
}

export function libraryLine(s: StatusSummary): string {
  const { sops, passages, updatedAt } = s.library;
  if (sops === 0) return 'Empty: the panel cannot ground replies until SOPs are loaded.';
  return `${plural(sops, 'SOP')}, ${plural(passages, 'passage')}${updatedAt ? `, updated ${day.format(updatedAt)}` : ''}.`;
}

export function policyLine(m: ManagedStatus): string {
  if (m.state === 'none') return 'No organisation policy.';
  if (m.state === 'failed') return `Failed ${day.format(m.at)}: ${m.error.message}`;
  return `Applied ${day.format(m.at)}${m.settings.length ? ` (sets ${m.settings.join(', ')})` : ''}.`;
}

export function pendingLine(s: StatusSummary): string {
  const { drafts, proposals, handoffs } = s.pending;
  if (drafts + proposals + handoffs === 0) return 'Nothing waiting for review.';
  return `${plural(drafts, 'draft')}, ${plural(proposals, 'field proposal')}, ${plural(handoffs, 'handoff')} waiting.`;
}
