import { useEffect, useState, type FormEvent } from 'react';
import { send } from '@/lib/protocol/client';
import type { ResponseOf } from '@/lib/protocol/messages';

/**
 * The documented alternative for portals where the rep's session cannot write: a private-app token,
 * kept in the background and used against api.hubapi.com with the same approval flow.
 */
export function HubSpotToken() {
  const [status, setStatus] = useState<ResponseOf<'hubspot.tokenStatus'> | null>(null);
  const [token, setToken] = useState('');
  const [message, setMessage] = useState('');
  useEffect(() => {
    void send('hubspot.tokenStatus', {}).then((a) => (a.ok ? setStatus(a.value) : setMessage(a.error.message)));
  }, []);
  const save = async (value: string | null, event?: FormEvent) => {
    event?.preventDefault();
    const answer = await send('hubspot.setToken', { token: value });
    if (!answer.ok) return setMessage(`${answer.error.message} ${answer.error.nextStep}`);
    setStatus(answer.value);
    setToken('');
    setMessage(value ? 'Saved. HubSpot panels now read and write with this token.' : "Removed. HubSpot panels use each rep's own session.");
  };
  return (
    <section className="card" aria-labelledby="hubspot-title">
      <h2 id="hubspot-title">HubSpot</h2>
      <p className="muted">
        By default the panel reads and writes records through each rep's own HubSpot session. If your portal refuses writes that way, set a private-app token
        (scopes: crm.objects.contacts/companies/deals read and write, crm.schemas read). Every write still needs a rep's approval.
      </p>
      <p data-testid="hubspot-path">
        In use: <strong>{status?.set ? `private-app token (${status.masked})` : "each rep's session"}</strong>
      </p>
      <form className="form" onSubmit={(e) => void save(token, e)}>
        <label>
          Private-app token
          <input type="password" name="hubspot-token" autoComplete="off" value={token} placeholder="pat-…" onChange={(e) => setToken(e.target.value)} />
        </label>
        <div className="row row--start">
          <button className="button" type="submit" disabled={token.trim().length < 8}>
            Save token
          </button>
          {status?.set && (
            <button className="button" type="button" onClick={() => void save(null)}>
              Remove token
            </button>
          )}
          <span role="status" className="status">
            {message}
          </span>
        </div>
      </form>
    </section>
  );
}
