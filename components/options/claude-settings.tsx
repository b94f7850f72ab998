import { useEffect, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { send } from '@/lib/protocol/client';
import type { ResponseOf } from '@/lib/protocol/messages';
import { baseUrlProblem } from '@/lib/schemas/settings';

type Masked = ResponseOf<'settings.getClaude'>;
const DEFAULT_ORIGIN = 'https://api.anthropic.com';

/** Asks Chrome for access to a company gateway; the manifest only covers Anthropic's own API. */
async function ensureHostPermission(baseUrl: string): Promise<string | null> {
  const origin = new URL(baseUrl).origin;
  if (origin === DEFAULT_ORIGIN) return null;
  const granted = await browser.permissions.request({ origins: [`${origin}/*`] });
  return granted ? null : `Chrome did not grant access to ${origin}, so the Claude engine cannot reach it. Save again and allow access, or use the default base URL.`;
}

/** Key (write-only, shown masked), models and base URL of the Claude engine, with a connection test. */
export function ClaudeSettings() {
  const [current, setCurrent] = useState<Masked | null>(null);
  const [key, setKey] = useState('');
  const [classifyModel, setClassifyModel] = useState('');
  const [draftModel, setDraftModel] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (s: Masked) => {
    setCurrent(s);
    setClassifyModel(s.classifyModel);
    setDraftModel(s.draftModel);
    setBaseUrl(s.baseUrl);
  };
  useEffect(() => {
    void send('settings.getClaude', {}).then((a) => (a.ok ? show(a.value) : setStatus({ kind: 'error', text: `${a.error.message} ${a.error.nextStep}` })));
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      let url: string;
      try {
        url = new URL(baseUrl).toString();
      } catch {
        return setStatus({ kind: 'error', text: 'The base URL is not a valid URL, e.g. https://api.anthropic.com' });
      }
      const problem = baseUrlProblem(url);
      if (problem) return setStatus({ kind: 'error', text: problem });
      const refused = await ensureHostPermission(url);
      if (refused) return setStatus({ kind: 'error', text: refused });
      const answer = await send('settings.setClaude', { ...(key ? { apiKey: key } : {}), classifyModel, draftModel, baseUrl: url });
      if (!answer.ok) return setStatus({ kind: 'error', text: `${answer.error.message} ${answer.error.nextStep}` });
      const keyDropped = current?.hasKey === true && !answer.value.hasKey && !key;
      show(answer.value);
      setKey('');
      setStatus({ kind: 'ok', text: keyDropped ? "Saved. The stored key was removed because the base URL's server changed: enter the key for the new server." : 'Saved.' });
    } finally {
      setBusy(false);
    }
  };

  const test = async () => {
    setBusy(true);
    setStatus({ kind: 'ok', text: 'Testing…' });
    const answer = await send('settings.testClaude', {});
    setBusy(false);
    setStatus(answer.ok ? { kind: 'ok', text: `Connected: ${answer.value.model} answered.` } : { kind: 'error', text: `${answer.error.message} ${answer.error.nextStep}` });
  };

  const removeKey = async () => {
    const answer = await send('settings.setClaude', { apiKey: '', classifyModel, draftModel, baseUrl });
    if (answer.ok) show(answer.value);
    setStatus(answer.ok ? { kind: 'ok', text: 'Key removed.' } : { kind: 'error', text: answer.error.message });
  };

  if (!current) return <p className="muted">Loading Claude settings…</p>;
  return (
    <form className="form" onSubmit={(e) => void save(e)} aria-labelledby="claude-title">
      <h3 id="claude-title">Claude</h3>
      <p className="muted">The key stays in the extension's background; pages and panels never see it. It goes only to the base URL's server: changing the server removes it. Plain http:// only for localhost.</p>
      <label>
        API key
        <input
          type="password"
          name="claude-key"
          autoComplete="off"
          value={key}
          placeholder={current.hasKey ? `Saved (${current.keyHint}). Type to replace.` : 'sk-ant-…'}
          onChange={(e) => setKey(e.target.value)}
        />
      </label>
      <label>
        Model for classification
        <input name="classify-model" value={classifyModel} onChange={(e) => setClassifyModel(e.target.value)} required />
      </label>
      <label>
        Model for drafting
        <input name="draft-model" value={draftModel} onChange={(e) => setDraftModel(e.target.value)} required />
      </label>
      <label>
        API base URL
        <input name="base-url" type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} required />
      </label>
      <div className="row row--start">
        <button className="button button--primary" type="submit" disabled={busy}>
          Save
        </button>
        <button className="button" type="button" onClick={() => void test()} disabled={busy || !current.hasKey}>
          Test connection
        </button>
        {current.hasKey && (
          <button className="button" type="button" onClick={() => void removeKey()} disabled={busy}>
            Remove key
          </button>
        )}
      </div>
      <p role="status" className={status?.kind === 'error' ? 'error' : 'status'} data-testid="claude-status">
        {status?.text ?? ''}
      </p>
    </form>
  );
}
