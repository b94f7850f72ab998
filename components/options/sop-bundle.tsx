import { useEffect, useState } from 'react';
import type { TriageDatabase } from '@/lib/db/database';
import { send } from '@/lib/protocol/client';
import { exportBundle } from '@/lib/sop/bundle';
import type { ManagedStatus } from '@/lib/schemas/sop';
import { formatBytes, formatDate } from './sop-format';

/** Sharing the library as one file, and what the organisation's managed policy last did to it. */
export function SopBundle({ db }: { db: TriageDatabase }) {
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const [managed, setManaged] = useState<ManagedStatus | null>(null);
  useEffect(() => {
    void send('sop.managedStatus', {}).then((a) => a.ok && setManaged(a.value));
  }, []);

  const download = async () => {
    const bundle = await exportBundle(db);
    const blob = new Blob([JSON.stringify(bundle, null, 1)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `calm-triage-sops-${bundle.createdAt.slice(0, 10)}.json`;
    link.click();
    // The download has started from the URL; give it a moment before releasing the blob.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setMessage({ text: `Exported ${bundle.sops.length} active SOPs (${formatBytes(blob.size)}). Share the file with your team, or host it for the managed policy.` });
  };

  const upload = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setMessage({ text: `Checking ${file.name}…` });
    const answer = await send('sop.importBundle', { json: await file.text() });
    if (!answer.ok) return setMessage({ text: `${answer.error.message} ${answer.error.nextStep}`, error: true });
    const { added, replaced, unchanged } = answer.value;
    setMessage({ text: `Bundle imported: ${added.length} added, ${replaced.length} replaced with a new version, ${unchanged.length} unchanged.` });
  };

  const recheck = async () => {
    const answer = await send('sop.applyManaged', {});
    if (answer.ok) setManaged(answer.value);
  };

  return (
    <section className="card" aria-labelledby="sop-bundle-title">
      <h2 id="sop-bundle-title">Share with your team</h2>
      <div className="row row--start">
        <button type="button" className="button" onClick={() => void download()}>
          Export library bundle
        </button>
        <label className="button">
          Import a bundle…
          <input className="visually-hidden" type="file" accept=".json,application/json" aria-label="Import a bundle" onChange={(e) => void upload(e.target.files).then(() => (e.target.value = ''))} />
        </label>
      </div>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'status'} data-testid="bundle-status">
          {message.text}
        </p>
      )}
      <h3>Organisation policy</h3>
      <div className="row row--start">
        <p className="muted grow" data-testid="managed-status">
          {describeManaged(managed)}
        </p>
        <button type="button" className="button" onClick={() => void recheck()}>
          Check policy now
        </button>
      </div>
    </section>
  );
}

function describeManaged(status: ManagedStatus | null): string {
  if (!status) return 'Reading the policy…';
  if (status.state === 'none') return 'No managed policy: this library is edited here. An IT administrator can distribute a team bundle with a browser policy (see README).';
  if (status.state === 'failed') return `The managed policy could not be applied (${formatDate(status.at)}): ${status.error.message} ${status.error.nextStep}`;
  const bundle =
    status.source === null
      ? 'The policy sets no SOP bundle.'
      : `Team bundle${status.url ? ` from ${status.url}` : ' (inline)'}${status.bundleCreatedAt ? ` of ${status.bundleCreatedAt.slice(0, 10)}` : ''}: ${status.added.length} added, ${status.replaced.length} updated, ${status.unchanged.length} unchanged, ${status.retired.length} retired.`;
  const settings = status.settings.length > 0 ? ` It also sets: ${status.settings.join(', ')}.` : '';
  return `Managed policy applied ${formatDate(status.at)}. ${bundle}${settings}`;
}
