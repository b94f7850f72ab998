import { useEffect, useLayoutEffect, useRef } from 'react';
import { threadFactsElement } from '@/components/dock/thread-facts-dom';
import type { GmailThread } from '@/lib/schemas/thread';

/**
 * What the extension read from the open thread. The markup is the dock's (components/dock/thread-facts-dom.ts), so the
 * facts look the same before and after the React panel loads; the open/closed state of "participants" is kept.
 */
export function ThreadFacts({ thread }: { thread: GmailThread }) {
  const host = useRef<HTMLDivElement>(null);
  const participantsOpen = useRef(false);
  useEffect(() => {
    const node = host.current;
    if (!node) return;
    // <details> fires "toggle" without bubbling: listen in the capture phase.
    const onToggle = (event: Event) => {
      if (event.target instanceof HTMLDetailsElement) participantsOpen.current = event.target.open;
    };
    node.addEventListener('toggle', onToggle, true);
    return () => node.removeEventListener('toggle', onToggle, true);
  }, []);
  useLayoutEffect(() => {
    host.current?.replaceChildren(threadFactsElement(thread, { participantsOpen: participantsOpen.current }));
  }, [thread]);
  return <div ref={host} />;
}
