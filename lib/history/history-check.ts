import { z } from 'zod';
import type { LabelledText } from '@/lib/engine/local/text-classifier';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import type { CrossValidation } from './cross-validate';

const replySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), fold: z.number(), folds: z.number() }),
  z.object({
    type: z.literal('done'),
    result: z
      .object({
        folds: z.number(),
        examples: z.number(),
        accuracy: z.number(),
        perCategory: z.array(z.object({ category: z.string(), examples: z.number(), recall: z.number() })),
        confused: z.array(z.object({ actual: z.string(), predicted: z.string(), count: z.number() })),
      })
      .nullable(),
  }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);

/**
 * Cross-validates the history in a Worker so the options page stays responsive; one worker per check, ended when
 * it answers or the caller aborts. Null when the history has fewer than two categories.
 */
export function checkHistory(examples: readonly LabelledText[], onProgress: (done: number, of: number) => void, signal?: AbortSignal): Promise<Result<CrossValidation | null>> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./history-worker.ts', import.meta.url), { type: 'module', name: 'history-check' });
    const end = (result: Result<CrossValidation | null>) => {
      worker.terminate();
      resolve(result);
    };
    signal?.addEventListener('abort', () => end(fail('history_check_stopped', 'The check was stopped.', 'Choose the file again to check it.')));
    worker.addEventListener('error', (event) => end(fail('history_check_failed', `The check stopped (${event.message || 'the worker could not start'}).`, 'Reload the options page and try again.')));
    worker.addEventListener('message', (event: MessageEvent<unknown>) => {
      const reply = replySchema.safeParse(event.data);
      if (!reply.success) return end(fail('history_check_failed', 'The check sent an unexpected answer.', 'Reload the options page and try again.'));
      if (reply.data.type === 'progress') onProgress(reply.data.fold, reply.data.folds);
      else if (reply.data.type === 'done') end(ok(reply.data.result));
      else end(fail('history_check_failed', reply.data.message, 'Reload the options page and try again.'));
    });
    worker.postMessage({ examples });
  });
}
