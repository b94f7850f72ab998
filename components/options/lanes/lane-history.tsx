import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { LaneVersionRow, TriageDatabase } from '@/lib/db/database';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import { saveLanesAndRetrain } from './save-lanes';
import { formatDate } from '../sop-format';
import { ActionResultLine, type ActionResult } from './action-result';

const sourceLabels: Record<LaneVersionRow['source'], string> = {
  editor: 'Saved in the editor',
  file: 'Imported from a file',
  policy: "Set by the organisation's policy",
  reset: 'Reset to the starter template',
};

const laneCount = (lanes: unknown) => (Array.isArray(lanes) ? `${lanes.length} ${lanes.length === 1 ? 'lane' : 'lanes'}` : '');

/** Every saved version of the lanes, newest first: restoring one, or the starter template, saves a new version. */
export function LaneHistory({ db, locked }: { db: TriageDatabase; locked: boolean }) {
  const versions = useLiveQuery(() => db.laneVersions.orderBy('version').reverse().toArray(), [db]);
  const [result, setResult] = useState<ActionResult>(null);
  const restore = async (row: LaneVersionRow) => {
    const saved = await saveLanesAndRetrain(db, row.lanes, 'editor');
    setResult(saved.ok ? { ok: true, text: `Version ${row.version} restored as version ${saved.value.version}.` } : saved);
  };
  const reset = async () => {
    const saved = await saveLanesAndRetrain(db, defaultLanes, 'reset');
    setResult(saved.ok ? { ok: true, text: `The starter template is in force as version ${saved.value.version}.` } : saved);
  };
  return (
    <section className="card" aria-labelledby="lane-history-title">
      <h2 id="lane-history-title">History</h2>
      <p className="muted small">Each save keeps the previous lanes. Every change is also in the audit log.</p>
      {versions && versions.length === 0 && <p className="muted">No saved versions yet: the starter template is in force.</p>}
      {versions && versions.length > 0 && (
        <table className="table" data-testid="lane-versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">When</th>
              <th scope="col">How</th>
              <th scope="col">Lanes</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((row, i) => (
              <tr key={row.version} data-testid={`lane-version-${row.version}`}>
                <td>{row.version}</td>
                <td>{formatDate(row.at)}</td>
                <td>{sourceLabels[row.source]}</td>
                <td>{laneCount(row.lanes)}</td>
                <td className="lane-history__action">
                  {i === 0 ? (
                    <span className="muted">In force</span>
                  ) : (
                    <button type="button" className="button" disabled={locked} onClick={() => void restore(row)} aria-label={`Restore version ${row.version}`}>
                      Restore this version
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row row--start lane-history__reset">
        <button type="button" className="button" disabled={locked} onClick={() => void reset()}>
          Reset to the starter template
        </button>
      </div>
      <ActionResultLine result={result} testId="lane-history-result" />
    </section>
  );
}
