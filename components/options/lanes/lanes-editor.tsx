import { useState } from 'react';
import type { TriageDatabase } from '@/lib/db/database';
import { blankLane } from '@/lib/lanes/blank-lane';
import { saveLanesAndRetrain } from './save-lanes';
import type { AppError } from '@/lib/schemas/errors';
import type { Lane } from '@/lib/schemas/lane';
import { fieldId, LaneEditorContext } from './editor-context';
import { IssueSummary } from './issue-summary';
import { LaneForm } from './lane-form';
import { LaneNav } from './lane-nav';
import { useLaneDraft } from './use-lane-draft';

type Outcome = { ok: true; text: string } | { ok: false; error: AppError };

/** The lanes as a form: pick a lane, edit every dimension and its categories, save a new version. */
export function LanesEditor({ db, stored, locked }: { db: TriageDatabase; stored: Lane[] | undefined; locked: boolean }) {
  const lanes = useLaneDraft(stored);
  const [selected, setSelected] = useState(0);
  const [tried, setTried] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  if (!lanes.draft) return <p className="muted">Loading lanes…</p>;
  const draft = lanes.draft;
  const index = Math.min(selected, draft.length - 1);
  const lane = draft[index];
  const shownIssues = tried ? lanes.issues : [];

  const save = async () => {
    setTried(true);
    if (lanes.issues.length > 0) return setOutcome(null);
    const saved = await saveLanesAndRetrain(db, draft, 'editor');
    if (!saved.ok) return setOutcome({ ok: false, error: saved.error });
    lanes.saved(saved.value.lanes);
    setTried(false);
    setOutcome({ ok: true, text: `Saved as version ${saved.value.version}. The local model retrains on the new categories in the background.` });
  };
  const addLane = () => {
    lanes.replace([...draft, blankLane()]);
    setSelected(draft.length);
    requestAnimationFrame(() => document.getElementById(fieldId([draft.length, 'name']))?.focus());
  };
  const removeLane = () => {
    lanes.replace(draft.filter((_, i) => i !== index));
    setSelected(Math.max(0, index - 1));
  };

  return (
    <LaneEditorContext.Provider value={{ draft, update: lanes.update, issues: shownIssues }}>
      <div className="lane-editor">
        <LaneNav lanes={draft} selected={index} onSelect={setSelected} onAdd={addLane} locked={locked} />
        <form
          className="card lane-editor__form"
          // The lanes are checked by checkLanes, each problem shown on its field: not by the browser's bubbles.
          noValidate
          aria-label={`Lane ${lane?.name || 'New lane'}`}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {lane && (
            <fieldset disabled={locked} className="lane-editor__fields">
              <LaneForm key={index} index={index} lane={lane} />
              {!locked && (
                <div className="lane-editor__remove">
                  <button type="button" className="button button--quiet" onClick={removeLane} disabled={draft.length === 1}>
                    Remove lane “{lane.name || 'New lane'}”
                  </button>
                  {draft.length === 1 && <span className="muted small"> Keep at least one lane.</span>}
                </div>
              )}
            </fieldset>
          )}
          {!locked && (
            <div className="lane-savebar">
              <IssueSummary issues={shownIssues} lanes={draft} onOpenLane={setSelected} />
              {lanes.stale && (
                <p className="banner" role="status" data-testid="lanes-stale">
                  The lanes in force changed while you were editing. Save to put your version in force over them, or discard your changes to see them.
                </p>
              )}
              {outcome && !outcome.ok && (
                <p className="error" role="alert">
                  {outcome.error.message} {outcome.error.nextStep}
                </p>
              )}
              <div className="row row--start">
                <button type="submit" className="button button--primary">
                  Save lanes
                </button>
                <button type="button" className="button" disabled={!lanes.dirty} onClick={() => (lanes.discard(), setTried(false), setOutcome(null))}>
                  Discard changes
                </button>
                <p className={`grow ${lanes.dirty ? 'muted' : 'status'}`} role="status" data-testid="lanes-save-status">
                  {lanes.dirty ? 'Unsaved changes.' : outcome?.ok ? outcome.text : ''}
                </p>
              </div>
            </div>
          )}
        </form>
      </div>
    </LaneEditorContext.Provider>
  );
}
