import { fail, ok, type Result } from '@/lib/schemas/errors';
import type { ImportProgress } from './import-job';
import type { FileOutcome } from '@/lib/schemas/sop';
import { importReplySchema, type ImportRequest } from './import-worker-protocol';

/**
 * The options page's side of the SOP import worker: one module Worker, started on first use, running one job at a
 * time; each job's progress and outcome come back as validated messages.
 */

export interface ImportResult {
  outcomes: FileOutcome[];
  ms: number;
}

type Pending = { onProgress: (p: ImportProgress) => void; resolve: (r: Result<ImportResult>) => void };

export class ImportWorkerClient {
  private worker: Worker | null = null;
  private readonly pending = new Map<string, Pending>();

  run(request: ImportRequest, onProgress: (p: ImportProgress) => void = () => {}): Promise<Result<ImportResult>> {
    return new Promise((resolve) => {
      this.pending.set(request.jobId, { onProgress, resolve });
      this.start().postMessage(request);
    });
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.failAll('The import was stopped because the page closed.');
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // Vite bundles the worker and its imports (pdf.js, Dexie, MiniSearch) as a separate module chunk.
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module', name: 'sop-import' });
    worker.addEventListener('message', (event: MessageEvent<unknown>) => this.receive(event.data));
    worker.addEventListener('error', (event) => {
      this.worker = null;
      this.failAll(`The import worker stopped (${event.message || 'it could not start'}).`);
    });
    this.worker = worker;
    return worker;
  }

  private receive(data: unknown): void {
    const reply = importReplySchema.safeParse(data);
    if (!reply.success) {
      // pdf.js, loaded in the worker's own thread, announces itself on the worker's global scope: not ours, ignore.
      // A malformed reply to one of our jobs ends that job with an error instead of leaving it waiting.
      const jobId = (data as { jobId?: unknown } | null)?.jobId;
      const job = typeof jobId === 'string' ? this.pending.get(jobId) : undefined;
      if (job && typeof jobId === 'string') {
        this.pending.delete(jobId);
        job.resolve(fail('import.worker_failed', 'The import worker sent an unexpected answer.', 'Reload the options page and import the files again.'));
      }
      return;
    }
    const message = reply.data;
    const job = this.pending.get(message.jobId);
    if (!job) return;
    if (message.type === 'progress') {
      job.onProgress(message.progress);
      return;
    }
    this.pending.delete(message.jobId);
    job.resolve(message.type === 'done' ? ok({ outcomes: message.outcomes, ms: message.ms }) : { ok: false, error: message.error });
  }

  private failAll(message: string): void {
    for (const job of this.pending.values()) job.resolve(fail('import.worker_failed', message, 'Reload the options page and import the files again.'));
    this.pending.clear();
  }
}
