import { useEffect, useState, type FormEvent } from 'react';
import { send } from '@/lib/protocol/client';

const CONFIRM_WORD = 'delete';

/** How long resolved work and the audit log are kept, and "Delete all local data" behind a typed confirmation. */
export function Retention() {
  const [days, setDays] = useState('');
  const [status, setStatus] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  useEffect(() => {
    void send('privacy.getRetention', {}).then((a) => a.ok && setDays(String(a.value.days)));
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await send('privacy.setRetention', { days: Number(days) });
    if (!answer.ok) return setStatus(`${answer.error.message} Use a whole number of days from 1 to 3650.`);
    const { pending, audit, feedback, threads } = answer.value.purged;
    setDays(String(answer.value.days));
    setStatus(`Saved. Removed now: ${pending} resolved items, ${audit} audit rows, ${feedback} feedback notes, ${threads} seen threads.`);
  };

  const deleteAll = async (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim().toLowerCase() !== CONFIRM_WORD) return;
    const answer = await send('privacy.deleteAll', { confirm: CONFIRM_WORD });
    setConfirming(false);
    setTyped('');
    setStatus(
      answer.ok
        ? 'All local data was deleted: SOP library, drafts, proposals, handoffs, audit log, settings and keys. A policy-managed library comes back at the next policy read.'
        : `${answer.error.message} ${answer.error.nextStep}`,
    );
  };

  return (
    <section className="card" aria-labelledby="privacy-title">
      <h2 id="privacy-title">Privacy and retention</h2>
      <form className="form" onSubmit={(e) => void save(e)}>
        <label>
          Keep resolved items for (days)
          <input name="retention-days" type="number" min={1} max={3650} step={1} required value={days} onChange={(e) => setDays(e.target.value)} />
        </label>
        <p className="muted small">
          Sent, discarded or rejected drafts, written or rejected field proposals, closed handoffs, audit rows, feedback notes and seen-thread
          subjects older than this are deleted at start-up and once a day. Work nobody has resolved is kept until someone does.
        </p>
        <div className="row row--start">
          <button className="button" type="submit">
            Save retention
          </button>
        </div>
      </form>
      {!confirming ? (
        <div className="row row--start">
          <button className="button button--danger" type="button" onClick={() => setConfirming(true)}>
            Delete all local data…
          </button>
        </div>
      ) : (
        <form className="form" onSubmit={(e) => void deleteAll(e)} aria-label="Confirm deleting all local data">
          <label>
            This deletes the SOP library, every draft, proposal and handoff (resolved or not), the audit log, the learnt corrections, the
            settings and the keys on this computer. Type <strong>{CONFIRM_WORD}</strong> to confirm.
            <input name="confirm-delete" value={typed} autoFocus onChange={(e) => setTyped(e.target.value)} />
          </label>
          <div className="row row--start">
            <button className="button button--danger" type="submit" disabled={typed.trim().toLowerCase() !== CONFIRM_WORD}>
              Delete everything
            </button>
            <button className="button" type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <p role="status" className="status">
        {status}
      </p>
    </section>
  );
}
