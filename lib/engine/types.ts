import type { Classification } from '@/lib/schemas/classification';
import type { Draft } from '@/lib/schemas/draft';
import type { Result } from '@/lib/schemas/errors';
import type { Lane } from '@/lib/schemas/lane';
import type { Retrieval } from '@/lib/schemas/sop';
import type { TriageInput } from '@/lib/schemas/triage-input';

export interface DraftRequest {
  input: TriageInput;
  classification: Classification;
  lane: Lane;
  retrieval: Retrieval;
  signal?: AbortSignal;
  /** Called with each piece of text as it is produced, in order. */
  onText?: (delta: string) => void;
}

/** The one interface the panel's work goes through, whichever engine is set. */
export interface TriageEngine {
  readonly id: 'local' | 'claude';
  classify(input: TriageInput, lanes: Lane[], signal?: AbortSignal): Promise<Result<Classification>>;
  draft(request: DraftRequest): Promise<Result<Draft>>;
}
