import { useId, useState } from 'react';
import type { Routing } from '@/lib/schemas/classification';

interface Props {
  suggested: string;
  owners: readonly string[];
  routing: Routing | null;
  onRoute: (owner: string) => Promise<string | null>;
}

const when = (at: number) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Routing is the rep's decision: the suggested owner in one click, or another owner or queue the lanes name. */
export function RoutingControl({ suggested, owners, routing, onRoute }: Props) {
  const [choosing, setChoosing] = useState(false);
  const [choice, setChoice] = useState(suggested);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const choices = owners.includes(suggested) ? owners : [suggested, ...owners];
  const route = async (owner: string) => {
    setProblem(await onRoute(owner));
    setChoosing(false);
  };

  return (
    <div className="routing" data-testid="routing">
      {routing && (
        <p className="small" data-testid="routed">
          Routed to <strong>{routing.owner}</strong>
          {routing.by ? ` by ${routing.by}` : ''} · {when(routing.at)}
          {routing.owner !== routing.suggested && <span className="muted"> (suggested: {routing.suggested})</span>}
        </p>
      )}
      {!choosing ? (
        <p className="actions">
          {(!routing || routing.owner !== suggested) && (
            <button type="button" className="button" onClick={() => void route(suggested)}>
              Route to {suggested}
            </button>
          )}
          <button type="button" className="link" onClick={() => (setChoice(routing?.owner ?? suggested), setChoosing(true))}>
            {routing ? 'Route elsewhere' : 'Another owner or queue'}
          </button>
        </p>
      ) : (
        <p className="actions correct">
          <label htmlFor={id} className="visually-hidden">
            Owner or queue
          </label>
          <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)}>
            {choices.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
          <button type="button" className="button" disabled={choice === routing?.owner} onClick={() => void route(choice)}>
            Route
          </button>
          <button type="button" className="link" onClick={() => setChoosing(false)}>
            Cancel
          </button>
        </p>
      )}
      {problem && (
        <p className="muted small" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
