import { useId, useState } from 'react';
import type { RejectReason } from '@/lib/schemas/review';

const reasons: Record<RejectReason, string> = {
  wrong_category: 'Wrong category',
  wrong_policy: 'Wrong or missing policy',
  tone: 'Tone',
  other: 'Other',
};

/** Reject the draft with a reason: it is stored as feedback for learning. */
export function ReviewReject({ busy, onReject }: { busy: boolean; onReject: (reason: RejectReason, note: string) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<RejectReason>('wrong_policy');
  const [note, setNote] = useState('');
  const id = useId();
  if (!open) {
    return (
      <button type="button" className="link" onClick={() => setOpen(true)}>
        Reject this draft…
      </button>
    );
  }
  return (
    <form
      className="reject"
      aria-label="Reject the draft"
      onSubmit={(event) => {
        event.preventDefault();
        onReject(reason, note.trim());
      }}
    >
      <label htmlFor={`${id}-reason`}>Why is it wrong?</label>
      <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value as RejectReason)}>
        {Object.entries(reasons).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-note`}>Note (optional)</label>
      <textarea id={`${id}-note`} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          Reject draft
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
