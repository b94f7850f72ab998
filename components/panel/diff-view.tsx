import { wordDiff } from '@/lib/review/edit-ratio';

/** The rep's edits against the generated draft, word by word. Parts are rendered as text, never HTML. */
export function DiffView({ generated, edited }: { generated: string; edited: string }) {
  const parts = wordDiff(generated, edited);
  if (parts.every((p) => !p.added && !p.removed)) return <p className="muted small" data-testid="diff-none">No changes to the generated draft.</p>;
  return (
    <p className="draft diff" data-testid="diff-view" aria-label="Your changes to the generated draft">
      {parts.map((part, i) =>
        part.added ? (
          <ins key={i} className="diff__added">
            {part.value}
          </ins>
        ) : part.removed ? (
          <del key={i} className="diff__removed">
            {part.value}
          </del>
        ) : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </p>
  );
}
