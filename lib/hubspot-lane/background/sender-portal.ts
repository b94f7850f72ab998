import type { Browser } from 'wxt/browser';
import { fail, type Result } from '@/lib/schemas/errors';
import type { RecordRef } from '@/lib/schemas/hubspot';
import { portalOfSubject, portalOfUrl, recordSubject } from '@/lib/sites/hubspot/url';

type Sender = Browser.runtime.MessageSender;
type Refusal = Result<never>;

const refused = (): Refusal =>
  fail('hubspot.wrong_portal', 'This request names a HubSpot record outside the portal open in this tab.', 'This request was refused. Reload the page.');

/**
 * Ties a HubSpot request to the portal of the tab that sent it: a page of portal A may only ask about records of
 * portal A, on the same HubSpot host. Returns the refusal, or null when the request is within the tab's portal.
 */
export function outsideSenderPortal(sender: Sender, asked: { ref?: Pick<RecordRef, 'host' | 'portalId'>; subject?: string }): Refusal | null {
  const tab = sender.url ? portalOfUrl(sender.url) : null;
  if (!tab) return refused();
  if (asked.ref && (asked.ref.portalId !== tab.portalId || asked.ref.host !== tab.host)) return refused();
  if (asked.subject !== undefined && portalOfSubject(asked.subject) !== tab.portalId) return refused();
  return null;
}

/** A record view's subject must be the one its ref names: the subject keys what the background stores. */
export function viewOutsideSenderPortal(sender: Sender, view: { ref: RecordRef; subject: string }): Refusal | null {
  if (view.subject !== recordSubject(view.ref)) return refused();
  return outsideSenderPortal(sender, { ref: view.ref, subject: view.subject });
}
