import { useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { optionsDb } from '@/lib/db/options-db';
import { loadLanes } from '@/lib/lanes/lane-store';
import { listSops } from '@/lib/sop/library';
import type { SopRow } from '@/lib/db/database';
import { SopBundle } from './sop-bundle';
import { SopDetail } from './sop-detail';
import { SopImport, useImportWorker } from './sop-import';
import { SopList } from './sop-list';
import { SopTryQuestion } from './sop-try-question';

// The options page is the extension's origin: it reads the same IndexedDB as the background, live.
const db = optionsDb();

/** The admin's SOP library: add SOPs, browse and curate them, check coverage, share them with the team. */
export function SopLibrary() {
  const { runImport, importing } = useImportWorker(db);
  // While an import writes, the list is not read again after every file (each read returns every SOP with its whole
  // text, which made a 400-file import quadratic): it shows the library as it was and is read once when it ends.
  const live = useLiveQuery(() => (importing ? null : listSops(db)), [importing]);
  const shown = useRef<SopRow[] | undefined>(undefined);
  if (live) shown.current = live;
  const rows = live ?? shown.current;
  const [open, setOpen] = useState<string | null>(null);
  // The lanes in force (the team's own once saved): the lanes an SOP is tagged for and asked about.
  const laneRows = useLiveQuery(() => loadLanes(db), []);
  const lanes = useMemo(() => (laneRows ?? []).map((l) => ({ id: l.id, name: l.name })), [laneRows]);
  const laneNames = useMemo(() => new Map(lanes.map((l) => [l.id, l.name])), [lanes]);

  // The list stays mounted (hidden) while one SOP is open, so running imports keep their progress cards.
  return (
    <>
      {open && <SopDetail db={db} sopId={open} lanes={lanes} runImport={runImport} onClose={() => setOpen(null)} />}
      <div hidden={open !== null}>
        <SopImport runImport={runImport} />
        {rows === undefined ? <p className="muted">Loading the library…</p> : <SopList rows={rows} laneNames={laneNames} onOpen={setOpen} />}
        <SopTryQuestion lanes={lanes} />
        <SopBundle db={db} />
      </div>
    </>
  );
}
