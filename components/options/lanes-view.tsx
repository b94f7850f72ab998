import { useLiveQuery } from 'dexie-react-hooks';
import { optionsDb } from '@/lib/db/options-db';
import { loadLanes, loadLanesPolicy } from '@/lib/lanes/lane-store';
import { LaneHistory } from './lanes/lane-history';
import { LanesEditor } from './lanes/lanes-editor';
import { LanesTransfer } from './lanes/lanes-transfer';
import { ManagedNote } from './lanes/managed-note';
import './lanes/lanes.css';

/** The Lanes tab: the team's lanes and categories to edit, their history, and a file to share them. */
export function LanesView() {
  const db = optionsDb();
  const lanes = useLiveQuery(() => loadLanes(db), [db]);
  const policy = useLiveQuery(() => loadLanesPolicy(db), [db]);
  if (!policy) return <p className="muted">Loading lanes…</p>;
  return (
    <>
      <p className="muted">Each lane has one trigger, one bounded action, one review edge, and a system of record (Gmail or HubSpot) that stays authoritative. Its categories are your team's taxonomy: the panel classifies into them and routes to their owners.</p>
      <ManagedNote policy={policy} />
      <LanesEditor db={db} stored={lanes} locked={policy.managed} />
      <LaneHistory db={db} locked={policy.managed} />
      <LanesTransfer db={db} locked={policy.managed} />
    </>
  );
}
