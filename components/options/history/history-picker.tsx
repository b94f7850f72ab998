import { useEffect, useRef, useState } from 'react';
import { parseHistoryCsv } from '@/lib/history/history-csv';
import { parseEmlFolder } from '@/lib/history/history-eml';
import type { HistoryFile } from '@/lib/history/history-file';
import type { Result } from '@/lib/schemas/errors';

/** A CSV of text,category (lane optional) or a folder with one subfolder of .eml files per category. */
export function HistoryPicker({ onPicked }: { onPicked: (file: HistoryFile) => void }) {
  const [status, setStatus] = useState('');
  const folder = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // React has no prop for folder picking; Chromium reads the attribute.
    folder.current?.setAttribute('webkitdirectory', '');
  }, []);

  const take = (parsed: Result<HistoryFile>) => {
    if (!parsed.ok) return setStatus(`${parsed.error.message} ${parsed.error.nextStep}`);
    setStatus('');
    onPicked(parsed.value);
  };

  const pickCsv = async (files: FileList | null) => {
    const csv = files?.[0];
    if (!csv) return;
    setStatus(`Reading ${csv.name}…`);
    take(parseHistoryCsv(await csv.text()));
  };

  const pickFolder = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setStatus(`Reading ${files.length} files…`);
    const emls = await Promise.all([...files].filter((f) => /\.eml$/i.test(f.name)).map(async (f) => ({ path: f.webkitRelativePath || f.name, bytes: await f.arrayBuffer() })));
    take(await parseEmlFolder(emls));
  };

  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">Import the team's history</h2>
      <p className="muted">
        Past threads your team already filed teach the local model your own categories. Use a CSV with a <code>text</code> and a <code>category</code> column
        (and <code>lane</code> if you have one), or a folder holding one subfolder of <code>.eml</code> files per category, the way a Gmail label is exported.
        Everything stays on this device.
      </p>
      <div className="row row--start">
        <label className="button">
          Choose a CSV file…
          <input className="visually-hidden" type="file" accept=".csv,text/csv" data-testid="history-csv" onChange={(e) => void pickCsv(e.target.files)} />
        </label>
        <label className="button">
          Choose a folder of .eml files…
          <input ref={folder} className="visually-hidden" type="file" multiple data-testid="history-folder" onChange={(e) => void pickFolder(e.target.files)} />
        </label>
      </div>
      {status && (
        <p className="muted" role="status" data-testid="history-status">
          {status}
        </p>
      )}
    </section>
  );
}
