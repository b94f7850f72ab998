import { useState } from 'react';
import type { TriageDatabase } from '@/lib/db/database';
import { loadLanes } from '@/lib/lanes/lane-store';
import { saveLanesAndRetrain } from './save-lanes';
import { lanesFileName, lanesFileText, parseLanesFile } from '@/lib/lanes/lanes-file';
import { ActionResultLine, type ActionResult } from './action-result';
import { saveTextFile } from './save-text-file';

/** The lanes in force as a file, and a file's lanes put in force (checked as the editor's are). */
export function LanesTransfer({ db, locked }: { db: TriageDatabase; locked: boolean }) {
  const [result, setResult] = useState<ActionResult>(null);
  const exportLanes = async () => {
    const lanes = await loadLanes(db);
    const now = new Date();
    saveTextFile(lanesFileName(now), lanesFileText(lanes, now));
    setResult({ ok: true, text: `Exported ${lanes.length} lanes. Import the file in another browser, or give it to IT for the managed policy.` });
  };
  const importLanes = async (file: File | undefined) => {
    if (!file) return;
    const parsed = parseLanesFile(await file.text());
    if (!parsed.ok) return setResult(parsed);
    const saved = await saveLanesAndRetrain(db, parsed.value, 'file');
    setResult(saved.ok ? { ok: true, text: `Imported ${saved.value.lanes.length} lanes from ${file.name} as version ${saved.value.version}.` } : saved);
  };
  return (
    <section className="card" aria-labelledby="lanes-transfer-title">
      <h2 id="lanes-transfer-title">Export and import</h2>
      <div className="row row--start">
        <button type="button" className="button" onClick={() => void exportLanes()}>
          Export lanes
        </button>
        <label className={`button${locked ? ' button--disabled' : ''}`}>
          Import lanes from a file…
          <input className="visually-hidden" type="file" accept=".json,application/json" aria-label="Import lanes from a file" disabled={locked} onChange={(e) => void importLanes(e.target.files?.[0]).then(() => (e.target.value = ''))} />
        </label>
      </div>
      <ActionResultLine result={result} testId="lanes-transfer-result" />
    </section>
  );
}
