import { fail, type Result } from '@/lib/schemas/errors';
import type { ParsedSop } from './parse/parsed-sop';
import { parseReplySchema } from './import-worker-protocol';

/**
 * The options page's side of the SOP parse worker: one module Worker, started on first use; each file goes in as
 * bytes and comes back as parsed text (validated), or as the reason it was refused.
 */
export class ImportWorkerClient {
  private worker: Worker | null = null;
  private readonly pending = new Map<string, (r: Result<ParsedSop>) => void>();

  /** Parses one file in the worker. Shaped as import-job's `parse`, so the page's importer uses it in place of parseSopFile. */
  readonly parse = (name: string, bytes: Uint8Array, mime?: string): Promise<Result<ParsedSop>> =>
    new Promise((resolve) => {
      const id = crypto.randomUUID();
      this.pending.set(id, resolve);
      this.start().postMessage({ type: 'parse', id, name, bytes, ...(mime ? { mime } : {}) });
    });

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.failAll('The import was stopped because the page closed.');
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // Vite bundles the worker and its imports (pdf.js, mammoth) as a separate module chunk.
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
    const reply = parseReplySchema.safeParse(data);
    const id = (data as { id?: unknown } | null)?.id;
    const job = typeof id === 'string' ? this.pending.get(id) : undefined;
    // pdf.js, loaded in the worker's own thread, announces itself on the worker's global scope: not ours, ignore.
    if (!job || typeof id !== 'string') return;
    this.pending.delete(id);
    // A malformed reply to one of our files ends that file with an error instead of leaving it waiting.
    job(reply.success ? reply.data.result : fail('import.worker_failed', 'The import worker sent an unexpected answer.', 'Reload the options page and import the file again.'));
  }

  private failAll(message: string): void {
    for (const job of this.pending.values()) job(fail('import.worker_failed', message, 'Reload the options page and import the files again.'));
    this.pending.clear();
  }
}
