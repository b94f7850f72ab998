import { appendAudit } from '@/lib/db/audit';
import type { TriageDatabase } from '@/lib/db/database';
import { learnCorrection } from '@/lib/engine/local/local-engine';
import type { TextClassifier } from '@/lib/engine/local/text-classifier';
import type { TriageInput } from '@/lib/schemas/triage-input';
import type { Lane } from '@/lib/schemas/lane';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { findCategory } from '@/lib/lanes/taxonomy';
import { classifierText } from '@/lib/engine/local/thread-text';
import { addCorrectionExample, removeCorrectionExample } from '@/lib/engine/local/examples-store';

export interface Correction {
  subjectId: string;
  field: 'category' | 'urgency' | 'owner';
  from: string;
  to: string;
  input: TriageInput;
}

/**
 * Records a rep's correction as feedback and in the audit log. A category correction to a category of the lanes in
 * force is remembered by the model at once (the same text gets its label back) and joins the training data, so the
 * next retraining (the keeper starts it) moves similar-but-different messages too. The caller persists the model.
 */
export async function applyCorrection(db: TriageDatabase, model: TextClassifier | null, lanes: readonly Lane[], c: Correction, ownDomains: readonly string[] = []) {
  const learnt = c.field === 'category' ? learnCategory(model, lanes, c, ownDomains) : null;
  if (learnt?.ok) await addCorrectionExample(db, learnt.value.text, c.to);
  await db.feedback.add({ at: Date.now(), subject: c.subjectId, field: c.field, from: c.from, to: c.to, text: '' });
  await appendAudit(db, {
    kind: 'triage.corrected',
    subject: c.subjectId,
    lane: null,
    data: { field: c.field, from: c.from, to: c.to, learnt: learnt?.ok ?? false },
  });
  return { learnt: learnt?.ok ?? false, retrainMs: learnt?.ok ? learnt.value.ms : null, problem: learnt && !learnt.ok ? learnt.error : null };
}

function learnCategory(model: TextClassifier | null, lanes: readonly Lane[], c: Correction, ownDomains: readonly string[]): Result<{ ms: number; text: string }> {
  if (!findCategory(lanes, c.to)) return fail('correction_unknown_category', `"${c.to}" is not a category of your lanes.`, 'Choose a category from the list, or add it to a lane in the options page.');
  const text = classifierText(c.input, ownDomains);
  if (!model) return text ? ok({ ms: 0, text }) : fail('correction_empty', 'This thread has no text to learn from.', 'Correct a thread whose message is open.');
  const learnt = learnCorrection(model, c.input, 'category', c.to, { ownDomains });
  return learnt.ok ? ok({ ms: learnt.value.ms, text }) : learnt;
}

/**
 * An admin removes one correction (options, History): it leaves the training data, the model forgets it at once (a
 * near-copy no longer takes its label), and the audit log records which category it taught. The caller persists the
 * model and retrains.
 */
export async function removeCorrection(db: TriageDatabase, model: TextClassifier | null, id: number): Promise<Result<{ forgotten: boolean }>> {
  const row = await removeCorrectionExample(db, id);
  if (!row) return fail('correction_not_found', 'That correction is no longer stored.', 'Reload the page to see the corrections kept now.');
  const forgotten = model?.forget(row.text, row.label) ?? false;
  await appendAudit(db, { kind: 'correction.removed', subject: null, lane: null, data: { label: row.label } });
  return ok({ forgotten });
}
