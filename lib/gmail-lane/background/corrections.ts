import { appendAudit } from '@/lib/db/audit';
import type { TriageDatabase } from '@/lib/db/database';
import { learnCorrection } from '@/lib/engine/local/local-engine';
import type { TextClassifier } from '@/lib/engine/local/text-classifier';
import type { TriageInput } from '@/lib/schemas/triage-input';

export interface Correction {
  subjectId: string;
  field: 'category' | 'urgency' | 'owner';
  from: string;
  to: string;
  input: TriageInput;
}

/**
 * Records a rep's correction as feedback and in the audit log; a category correction retrains
 * the local model at once (the caller persists it).
 */
export async function applyCorrection(db: TriageDatabase, model: TextClassifier, c: Correction, ownDomains: readonly string[] = []) {
  const learnt = c.field === 'category' ? learnCorrection(model, c.input, 'category', c.to, { ownDomains }) : null;
  await db.feedback.add({ at: Date.now(), subject: c.subjectId, field: c.field, from: c.from, to: c.to, text: '' });
  await appendAudit(db, {
    kind: 'triage.corrected',
    subject: c.subjectId,
    lane: null,
    data: { field: c.field, from: c.from, to: c.to, learnt: learnt?.ok ?? false },
  });
  return { learnt: learnt?.ok ?? false, retrainMs: learnt?.ok ? learnt.value.ms : null };
}
