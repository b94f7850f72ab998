import { useLayoutEffect, useRef } from 'react';
import { threadFactsElement } from '@/components/dock/thread-facts-dom';
import type { GmailThread } from '@/lib/schemas/thread';

/**
 * What the extension read from the open thread. The markup is the dock's (components/dock/thread-facts-dom.ts), so the
 * facts look the same before and after the React panel loads; the open/closed state of "participants" is kept.
 */
export function ThreadFacts({ thread }: { thread: GmailThread }) {
  const host = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const open = host.current?.querySelector('details')?.open ?? false;
    const facts = threadFactsElement(thread);
    facts.querySelector('details')!.open = open;
    host.current?.replaceChildren(facts);
  }, [thread]);
  return <div ref={host} />;
}
