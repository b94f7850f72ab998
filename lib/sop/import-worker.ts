import { TriageDatabase } from '@/lib/db/database';
import { runImportRequest } from './import-runner';
import { importRequestSchema, type ImportReply } from './import-worker-protocol';

/**
 * The options page's SOP import worker: parsing PDFs and indexing run here, off the page's UI thread. It opens the
 * extension's own database (same origin as the page and the background) and imports one request at a time.
 */

/** The part of a dedicated worker's global scope used here (the project compiles against the DOM lib, not WebWorker). */
interface WorkerScope {
  postMessage(message: ImportReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}
const scope = self as unknown as WorkerScope;
const db = new TriageDatabase();
const post = (reply: ImportReply) => scope.postMessage(reply);
let queue: Promise<void> = Promise.resolve();

scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  const request = importRequestSchema.safeParse(event.data);
  if (!request.success) {
    const jobId = typeof (event.data as { jobId?: unknown } | null)?.jobId === 'string' ? (event.data as { jobId: string }).jobId : '';
    post({ type: 'failed', jobId, error: { code: 'import.bad_request', message: 'The import could not start: the page sent an invalid request.', nextStep: 'Reload the options page and try again.' } });
    return;
  }
  queue = queue.then(() =>
    runImportRequest(db, request.data, post).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      post({ type: 'failed', jobId: request.data.jobId, error: { code: 'import.failed', message: `The import stopped unexpectedly (${reason.slice(0, 120)}).`, nextStep: 'Reload the options page and import the remaining files again.' } });
    }),
  );
});
