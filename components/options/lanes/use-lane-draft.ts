import { useEffect, useMemo, useState } from 'react';
import { checkLanes } from '@/lib/lanes/parse-lanes';
import type { Lane } from '@/lib/schemas/lane';
import { withValueAt, type FieldPath } from './editor-context';

/**
 * The lanes being edited against the lanes in force. While nothing is changed, the draft follows the stored lanes
 * (a restore, an import, the policy); once the admin edits, their draft stays until saved or discarded.
 */
export function useLaneDraft(stored: Lane[] | undefined) {
  const [base, setBase] = useState<Lane[] | null>(null);
  const [draft, setDraft] = useState<Lane[] | null>(null);
  const dirty = base !== null && draft !== null && JSON.stringify(base) !== JSON.stringify(draft);
  /** The lanes in force changed under an edited draft (a restore, an import, the policy). */
  const stale = dirty && stored !== undefined && JSON.stringify(stored) !== JSON.stringify(base);
  useEffect(() => {
    if (!stored || dirty) return;
    setBase(stored);
    setDraft(stored);
    // Only a change of the stored lanes is followed; discarding the draft takes the stored lanes itself.
  }, [stored]);
  const issues = useMemo(() => (draft ? checkLanes(draft).issues : []), [draft]);
  return {
    draft,
    dirty,
    stale,
    issues,
    update: (path: FieldPath, value: unknown) => setDraft((d) => (d ? withValueAt(d, path, value) : d)),
    replace: (lanes: Lane[]) => setDraft(lanes),
    discard: () => {
      if (!stored) return;
      setBase(stored);
      setDraft(stored);
    },
    /** After a save: the saved lanes are the new base. */
    saved: (lanes: Lane[]) => {
      setBase(lanes);
      setDraft(lanes);
    },
  };
}
