import type { AppError } from '@/lib/schemas/errors';

export type ActionResult = { ok: true; text: string } | { ok: false; error: AppError } | null;

/** What a lanes action did, or why it did nothing and what to do next. */
export function ActionResultLine({ result, testId }: { result: ActionResult; testId: string }) {
  if (!result) return null;
  return result.ok ? (
    <p className="status" role="status" data-testid={testId}>
      {result.text}
    </p>
  ) : (
    <p className="error" role="alert" data-testid={testId}>
      {result.error.message} {result.error.nextStep}
    </p>
  );
}
