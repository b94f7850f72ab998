import '@/lib/schemas/zod-config';
import { parseSopFile } from './parse/parse-sop-file';
import { parseRequestSchema, type ParseReply } from './import-worker-protocol';

/**
 * The options page's SOP parse worker: PDF, DOCX and HTML files are untrusted input, parsed here off the page's UI
 * thread. It only parses and returns the text; it opens no database (the page stores what it returns), so a file
 * that subverted a parser would find no keys, tokens or library here.
 */

/** The part of a dedicated worker's global scope used here (the project compiles against the DOM lib, not WebWorker). */
interface WorkerScope {
  postMessage(message: ParseReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}
const scope = self as unknown as WorkerScope;
let queue: Promise<void> = Promise.resolve();

scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  const request = parseRequestSchema.safeParse(event.data);
  const id = typeof (event.data as { id?: unknown } | null)?.id === 'string' ? (event.data as { id: string }).id : '';
  if (!request.success) {
    scope.postMessage({ type: 'parsed', id, result: { ok: false, error: { code: 'import.bad_request', message: 'The file could not be read: the page sent an invalid request.', nextStep: 'Reload the options page and try again.' } } });
    return;
  }
  const { name, bytes, mime } = request.data;
  queue = queue.then(async () => {
    const result = await parseSopFile(name, bytes, mime).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false as const, error: { code: 'import.failed', message: `Reading "${name}" stopped unexpectedly (${reason.slice(0, 120)}).`, nextStep: 'Check the file and import it again.' } };
    });
    scope.postMessage({ type: 'parsed', id, result });
  });
});
