import { useEffect, useState, type FormEvent } from 'react';
import { send } from '@/lib/protocol/client';

/** The company's mail domains: messages from them are the team's, everything else is the customer's. */
export function OwnDomains() {
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  useEffect(() => {
    void send('settings.getOwnDomains', {}).then((a) => a.ok && setText(a.value.join(', ')));
  }, []);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const domains = text.split(/[\s,]+/).filter(Boolean);
    const answer = await send('settings.setOwnDomains', { domains });
    setStatus(answer.ok ? 'Saved.' : `${answer.error.message} Use plain domains like example.com.`);
    if (answer.ok) setText(answer.value.join(', '));
  };
  return (
    <section className="card" aria-labelledby="domains-title">
      <h2 id="domains-title">Your company's mail domains</h2>
      <form className="form" onSubmit={(e) => void save(e)}>
        <label>
          Domains, separated by commas
          <input name="own-domains" value={text} placeholder="northwind-supply.example" onChange={(e) => setText(e.target.value)} />
        </label>
        <div className="row row--start">
          <button className="button" type="submit">
            Save domains
          </button>
          <span role="status" className="status">
            {status}
          </span>
        </div>
      </form>
    </section>
  );
}
