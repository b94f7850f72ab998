import { z } from 'zod';
import { appErrorSchema } from '@/lib/schemas/errors';
import { fileOutcomeSchema } from '@/lib/schemas/sop';

/**
 * Messages between the options page and its SOP import worker. Both sides parse what they receive: a worker is a
 * separate realm, and a bad message must become a visible error rather than a silent stall.
 */

/** A file as the page hands it over: the Blob itself (structured-cloned, read inside the worker, off the UI thread). */
export const workerFileSchema = z.object({
  /** The file's path inside a dropped or picked folder, else its name. */
  name: z.string().min(1).max(1000),
  blob: z.instanceof(Blob),
});
export type WorkerFile = z.infer<typeof workerFileSchema>;

export const importRequestSchema = z.discriminatedUnion('type', [
  /** Import a batch: each file becomes a new SOP, or a new version of the SOP whose id it has. */
  z.object({ type: z.literal('import'), jobId: z.string().min(1), files: z.array(workerFileSchema).min(1).max(5000) }),
  /** Make one file the new version of a given SOP, whatever id its own front matter names. */
  z.object({ type: z.literal('replace'), jobId: z.string().min(1), sopId: z.string().min(1).max(64), file: workerFileSchema }),
]);
export type ImportRequest = z.infer<typeof importRequestSchema>;

export const importProgressSchema = z.object({
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  bytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
  etaMs: z.number().nonnegative().nullable(),
  current: z.string().nullable(),
});

export const importReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), jobId: z.string(), progress: importProgressSchema }),
  z.object({ type: z.literal('done'), jobId: z.string(), outcomes: z.array(fileOutcomeSchema), ms: z.number().nonnegative() }),
  /** The whole job could not run (the database did not open, the request was malformed). */
  z.object({ type: z.literal('failed'), jobId: z.string(), error: appErrorSchema }),
]);
export type ImportReply = z.infer<typeof importReplySchema>;
