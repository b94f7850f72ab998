import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { PassageRow, TriageDatabase } from '@/lib/db/database';
import { send } from '@/lib/protocol/client';
import type { FileOutcome } from '@/lib/schemas/sop';
import { sopHistory } from '@/lib/sop/library';
import { filesFromList } from '@/lib/sop/picked-files';
import { formatBytes, formatDate } from './sop-format';
import { OutcomeRow, type RunImport } from './sop-import';

const passageOrder = (p: PassageRow) => Number(p.id.slice(p.id.lastIndexOf('#') + 1)) || 0;

/**
 * One SOP as the panel will quote it: its passages with heading paths, as plain text. Its history, lanes, and the
 * admin's actions (replace with a new version, retire, delete); all read-only when the organisation's policy manages it.
 */
export function SopDetail({ db, sopId, lanes, runImport, onClose }: { db: TriageDatabase; sopId: string; lanes: { id: string; name: string }[]; runImport: RunImport; onClose: () => void }) {
  const history = useLiveQuery(() => sopHistory(db, sopId), [db, sopId]);
  const current = history?.find((r) => r.status !== 'superseded') ?? history?.[0];
  const [shownVersion, setShownVersion] = useState<number | null>(null);
  const version = shownVersion ?? current?.version ?? 0;
  const passages = useLiveQuery(
    async () => (await db.passages.where('sopId').equals(sopId).filter((p) => p.sopVersion === version).toArray()).sort((a, b) => passageOrder(a) - passageOrder(b)),
    [db, sopId, version],
  );
  const [status, setStatus] = useState<{ text: string; error?: boolean; outcome?: FileOutcome } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [laneDraft, setLaneDraft] = useState<string[] | null>(null);
  useEffect(() => setLaneDraft(null), [current?.id]);

  if (history === undefined) return null;
  if (!current) {
    return (
      <section className="card">
        <p className="muted">This SOP is no longer in the library.</p>
        <button type="button" className="button" onClick={onClose}>Back to the library</button>
      </section>
    );
  }
  const managed = current.managed;
  const selectedLanes = laneDraft ?? current.lanes;

  const replace = async (files: FileList | null) => {
    const [file] = filesFromList(files ?? []);
    if (!file) return;
    setStatus({ text: `Importing ${file.name}…` });
    const result = await runImport({ type: 'replace', jobId: crypto.randomUUID(), sopId, file });
    if (!result.ok) return setStatus({ text: `${result.error.message} ${result.error.nextStep}`, error: true });
    setShownVersion(null);
    setStatus({ text: '', outcome: result.value.outcomes[0] });
  };
  const retire = async () => {
    const answer = await send('sop.retire', { sopId });
    setStatus(answer.ok ? { text: `Retired: the panel no longer cites "${current.title}". Import a new version to bring it back.` } : { text: `${answer.error.message} ${answer.error.nextStep}`, error: true });
  };
  const remove = async () => {
    const answer = await send('sop.delete', { sopId });
    if (answer.ok) onClose();
    else setStatus({ text: `${answer.error.message} ${answer.error.nextStep}`, error: true });
  };
  const saveLanes = async () => {
    const answer = await send('sop.setLanes', { sopId, lanes: selectedLanes });
    setLaneDraft(null);
    setStatus(answer.ok ? { text: 'Lanes saved; the panel uses them at once.' } : { text: `${answer.error.message} ${answer.error.nextStep}`, error: true });
  };

  return (
    <section className="card sop-detail" aria-labelledby="sop-detail-title" data-testid="sop-detail">
      <div className="row">
        <h2 id="sop-detail-title">{current.title}</h2>
        <button type="button" className="button" onClick={onClose}>Back to the library</button>
      </div>
      <p className="muted">
        <span className="mono">{current.sopId}</span> · v{current.version}
        {current.versionLabel ? ` (document ${current.versionLabel})` : ''} · {current.status} · {formatBytes(current.bytes)} · owner {current.owner || 'not set'} · effective{' '}
        {current.effectiveDate ?? 'date not set'}
      </p>
      {managed && (
        <p className="banner" data-testid="sop-managed-note">
          Managed by your organisation's policy: it can't be replaced, retired, deleted or re-tagged here.
        </p>
      )}

      <fieldset className="lanes" disabled={managed}>
        <legend>Lanes that cite it <span className="muted">(none ticked: every lane)</span></legend>
        {lanes.map((lane) => (
          <label key={lane.id} className="check">
            <input
              type="checkbox"
              checked={selectedLanes.includes(lane.id)}
              onChange={(e) => setLaneDraft(e.target.checked ? [...selectedLanes, lane.id] : selectedLanes.filter((l) => l !== lane.id))}
            />
            {lane.name}
          </label>
        ))}
        <button type="button" className="button" disabled={managed || laneDraft === null} onClick={() => void saveLanes()}>
          Save lanes
        </button>
      </fieldset>

      <div className="row row--start actions">
        <label className={`button${managed ? ' button--disabled' : ''}`}>
          Replace with a new version…
          <input className="visually-hidden" type="file" disabled={managed} aria-label="Replace with a new version" onChange={(e) => void replace(e.target.files).then(() => (e.target.value = ''))} />
        </label>
        <button type="button" className="button" disabled={managed || current.status !== 'active'} onClick={() => void retire()}>
          Retire
        </button>
        {!confirmDelete ? (
          <button type="button" className="button button--danger" disabled={managed} onClick={() => setConfirmDelete(true)}>
            Delete…
          </button>
        ) : (
          <span className="confirm" role="alertdialog" aria-label="Confirm delete">
            Delete "{current.title}" and its {history.length} {history.length === 1 ? 'version' : 'versions'} for good?{' '}
            <button type="button" className="button button--danger" onClick={() => void remove()}>Delete for good</button>{' '}
            <button type="button" className="button" onClick={() => setConfirmDelete(false)}>Cancel</button>
          </span>
        )}
      </div>
      {status && (
        <div role="status" className={status.error ? 'error' : 'status'}>
          {status.text}
          {status.outcome && <ul className="outcomes"><OutcomeRow outcome={status.outcome} /></ul>}
        </div>
      )}

      <h3>History</h3>
      <ol className="history" data-testid="sop-history">
        {history.map((row) => (
          <li key={row.id}>
            <button type="button" className="link" aria-current={row.version === version} onClick={() => setShownVersion(row.version)}>
              v{row.version}
            </button>{' '}
            <span className={`badge badge--${row.status}`}>{row.status}</span> {formatDate(row.updatedAt)} · <span className="mono">{row.sourceName}</span> · {row.chunkCount} {row.chunkCount === 1 ? 'passage' : 'passages'}
          </li>
        ))}
      </ol>

      <h3>
        Passages of v{version} <span className="muted">as the panel quotes them</span>
      </h3>
      <ol className="passages" data-testid="sop-detail-passages">
        {(passages ?? []).map((p) => (
          <li key={p.id} className="passage">
            {p.headingPath.length > 0 && <div className="muted small">{p.headingPath.join(' › ')}</div>}
            <p className="passage__text">{p.text}</p>
          </li>
        ))}
      </ol>
      {passages?.length === 0 && <p className="muted">This version's passages are no longer kept.</p>}
    </section>
  );
}
