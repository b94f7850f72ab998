import '@/lib/schemas/zod-config';
import { z } from 'zod';
import { crossValidate } from './cross-validate';

/** Cross-validation off the options page's main thread: a fold of a large history trains for seconds. */
const requestSchema = z.object({ examples: z.array(z.object({ text: z.string(), label: z.string() })) });

self.onmessage = (event: MessageEvent<unknown>) => {
  const request = requestSchema.safeParse(event.data);
  if (!request.success) {
    self.postMessage({ type: 'error', message: 'The history sent for checking was not valid.' });
    return;
  }
  const steps = crossValidate(request.data.examples);
  let step = steps.next();
  while (!step.done) {
    self.postMessage({ type: 'progress', ...step.value });
    step = steps.next();
  }
  self.postMessage({ type: 'done', result: step.value });
};
