import { useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { send } from '@/lib/protocol/client';
import type { Result } from '@/lib/schemas/errors';
import type { ImportProgress } from '@/lib/sop/import-job';
import type { FileOutcome } from '@/lib/schemas/sop';
import type { TriageDatabase } from '@/lib/db/database';
import { ImportWorkerClient } from '@/lib/sop/import-client';
import { runImport, type ImportResult } from '@/lib/sop/import-runner';
import type { ImportRequest, WorkerFile } from '@/lib/sop/import-worker-protocol';
import { fileFromPaste, filesFromDrop, filesFromList } from '@/lib/sop/picked-files';
import { formatBytes, formatEta } from './sop-format';
import { loadSampleSops } from './sample-sops';

/** Runs imports on the options page: files are parsed in the parse worker, the page stores them, then the background reloads its index. */
export type RunImport = (request: ImportRequest, onProgress?: (p: ImportProgress) => void) => Promise<Result<ImportResult>>;

export function useImportWorker(db: TriageDatabase): { runImport: RunImport; importing: boolean } {
  const client = useRef<ImportWorkerClient | null>(null);
  const [running, setRunning] = useState(0);
  useEffect(() => () => client.current?.terminate(), []);
  const run: RunImport = async (request, onProgress) => {
    client.current ??= new ImportWorkerClient();
    setRunning((n) => n + 1);
    try {
      const result = await runImport(db, request, client.current.parse, onProgress);
      if (result.ok && result.value.outcomes.some((o) => o.status === 'imported')) await send('sop.changed', {});
      return result;
    } finally {
      setRunning((n) => n - 1);
    }
  };
  return { runImport: run, importing: running > 0 };
}

interface Job {
  id: string;
  label: string;
  totalBytes: number;
  progress: ImportProgress | null;
  result: Result<ImportResult> | null;
}

const ACCEPT = '.md,.markdown,.txt,.text,.html,.htm,.pdf,.docx,text/markdown,text/plain,text/html,application/pdf';

/** Drop zone, file and folder pickers, pasted text and the sample library; one progress card per import. */
export function SopImport({ runImport }: { runImport: RunImport }) {
  const [jobs, setJobs] = useState<Job[]>([]);
  const [dragging, setDragging] = useState(false);
  const [pasteTitle, setPasteTitle] = useState('');
  const [pasteText, setPasteText] = useState('');
  const [samples, setSamples] = useState('');

  const update = (id: string, patch: Partial<Job>) => setJobs((all) => all.map((j) => (j.id === id ? { ...j, ...patch } : j)));

  const start = async (files: WorkerFile[], label: string) => {
    if (files.length === 0) return;
    const id = crypto.randomUUID();
    const totalBytes = files.reduce((sum, f) => sum + f.blob.size, 0);
    setJobs((all) => [{ id, label, totalBytes, progress: null, result: null }, ...all]);
    const result = await runImport({ type: 'import', jobId: id, files }, (progress) => update(id, { progress }));
    update(id, { result });
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const count = event.dataTransfer.items.length;
    void filesFromDrop(event.dataTransfer).then((files) => start(files, `Dropped ${count === 1 ? 'item' : `${count} items`}`));
  };

  const onPaste = (event: FormEvent) => {
    event.preventDefault();
    if (!pasteTitle.trim() || !pasteText.trim()) return;
    void start([fileFromPaste(pasteTitle, pasteText)], `Pasted "${pasteTitle.trim()}"`);
    setPasteTitle('');
    setPasteText('');
  };

  const loadSamples = async () => {
    setSamples('Loading the sample SOPs…');
    setSamples((await loadSampleSops()).message);
  };

  return (
    <section className="card" aria-labelledby="sop-import-title">
      <h2 id="sop-import-title">Add SOPs</h2>
      <div
        className={`dropzone${dragging ? ' dropzone--over' : ''}`}
        data-testid="sop-dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>
          <strong>Drop files or folders here</strong>
          <br />
          <span className="muted">Markdown, plain text, HTML, PDF or Word (.docx), up to 10 MB each.</span>
        </p>
        <div className="row row--start">
          <label className="button">
            Choose files…
            <input
              className="visually-hidden"
              type="file"
              multiple
              accept={ACCEPT}
              aria-label="Choose SOP files"
              onChange={(e) => {
                void start(filesFromList(e.target.files ?? []), `${e.target.files?.length ?? 0} chosen files`);
                e.target.value = '';
              }}
            />
          </label>
          <label className="button">
            Choose a folder…
            <input
              className="visually-hidden"
              type="file"
              multiple
              aria-label="Choose an SOP folder"
              ref={(input) => input?.setAttribute('webkitdirectory', '')}
              onChange={(e) => {
                const files = filesFromList(e.target.files ?? []);
                const folder = files[0]?.name.split('/')[0] ?? 'folder';
                void start(files, `Folder "${folder}"`);
                e.target.value = '';
              }}
            />
          </label>
          <button type="button" className="button" onClick={() => void loadSamples()}>
            Load sample SOPs
          </button>
          <span role="status" className="status">
            {samples}
          </span>
        </div>
      </div>

      <details className="paste">
        <summary>Paste text instead</summary>
        <form className="form" onSubmit={onPaste}>
          <label>
            Title
            <input name="paste-title" value={pasteTitle} required maxLength={200} onChange={(e) => setPasteTitle(e.target.value)} />
          </label>
          <label>
            Procedure text (Markdown headings like <code>## Refunds</code> split it into passages)
            <textarea name="paste-text" rows={8} value={pasteText} required onChange={(e) => setPasteText(e.target.value)} />
          </label>
          <div className="row row--start">
            <button className="button button--primary" type="submit">
              Import pasted text
            </button>
          </div>
        </form>
      </details>

      {jobs.map((job) => (
        <ImportJobCard key={job.id} job={job} />
      ))}
    </section>
  );
}

function ImportJobCard({ job }: { job: Job }) {
  const outcomes = job.result?.ok ? job.result.value.outcomes : [];
  const total = job.progress?.total ?? outcomes.length;
  const done = job.result?.ok ? outcomes.length : (job.progress?.done ?? 0);
  const imported = outcomes.filter((o) => o.status === 'imported').length;
  return (
    <div className="import-job" data-testid="import-job" aria-busy={job.result === null}>
      <div className="row">
        <strong>{job.label}</strong>
        <span className="muted" data-testid="import-counts">
          {done} / {total || '…'} files · {formatBytes(job.progress?.bytes ?? 0)} of {formatBytes(job.totalBytes)}
        </span>
      </div>
      <progress data-testid="import-progress" max={Math.max(total, 1)} value={done} aria-label={`${job.label}: ${done} of ${total} files`} />
      <p className="muted small" role="status">
        {job.result === null
          ? `Importing${job.progress?.current ? ` ${job.progress.current}` : ''} · ${formatEta(job.progress?.etaMs ?? null)}`
          : job.result.ok
            ? `Finished in ${(job.result.value.ms / 1000).toFixed(1)} s: ${imported} imported, ${outcomes.length - imported} rejected.`
            : ''}
      </p>
      {job.result && !job.result.ok && (
        <p className="error" role="alert">
          {job.result.error.message} {job.result.error.nextStep}
        </p>
      )}
      {outcomes.length > 0 && (
        <ul className="outcomes">
          {outcomes.map((o, i) => (
            <OutcomeRow key={`${o.name}-${i}`} outcome={o} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** Reasons name their file (they are also shown alone); beside the name already shown, say "This file". */
const withoutName = (reason: string, name: string) => reason.replace(`"${name}": `, '').replace(`"${name}"`, 'This file');

export function OutcomeRow({ outcome }: { outcome: FileOutcome }) {
  if (outcome.status === 'imported') {
    return (
      <li className="outcome outcome--ok" data-testid="import-outcome" data-status="imported">
        <span aria-hidden="true">✓</span> <span className="mono">{outcome.name}</span>: imported as <strong>{outcome.sopId}</strong> v{outcome.version}
        {outcome.replaced ? ' (new version; the old one is kept in history)' : ''}, {outcome.chunkCount} {outcome.chunkCount === 1 ? 'passage' : 'passages'}
      </li>
    );
  }
  return (
    <li className="outcome outcome--bad" data-testid="import-outcome" data-status="rejected" data-code={outcome.code}>
      <span aria-hidden="true">✗</span> <span className="mono">{outcome.name}</span>: rejected. {withoutName(outcome.reason, outcome.name)}{' '}
      <span className="muted">{outcome.nextStep}</span>
    </li>
  );
}
