import { z } from 'zod';
import { appErrorSchema } from '@/lib/schemas/errors';
import { fileOutcomeSchema } from '@/lib/schemas/sop';

/**
 * SOP imports on the options page, and the messages with its parse worker. The worker parses untrusted files
 * (PDF, DOCX, HTML) and returns text: it holds no database handle. The page writes the library. Both sides parse what
 * they receive: a worker is a separate realm, and a bad message must become a visible error rather than a silent stall.
 */

/** A file as the page picked it: the Blob itself, read when its turn comes. */
export const workerFileSchema = z.object({
  /** The file's path inside a dropped or picked folder, else its name. */
  name: z.string().min(1).max(1000),
  blob: z.instanceof(Blob),
});
export type WorkerFile = z.infer<typeof workerFileSchema>;

/** An import job on the options page. */
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

/** What an import job reports to the page's UI as it runs. */
export const importReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), jobId: z.string(), progress: importProgressSchema }),
  z.object({ type: z.literal('done'), jobId: z.string(), outcomes: z.array(fileOutcomeSchema), ms: z.number().nonnegative() }),
  /** The whole job could not run (the database did not open, the request was malformed). */
  z.object({ type: z.literal('failed'), jobId: z.string(), error: appErrorSchema }),
]);
export type ImportReply = z.infer<typeof importReplySchema>;

/** One file for the parse worker: its bytes, copied into the worker. */
export const parseRequestSchema = z.object({
  type: z.literal('parse'),
  id: z.string().min(1),
  name: z.string().min(1).max(1000),
  bytes: z.instanceof(Uint8Array),
  mime: z.string().max(200).optional(),
});
export type ParseRequest = z.infer<typeof parseRequestSchema>;

/** What the parse worker read from a file, checked on the page before anything is stored. */
export const parsedSopSchema = z.object({
  title: z.string().min(1).max(500),
  text: z.string(),
  meta: z.object({
    id: z.string().nullable(),
    owner: z.string().nullable(),
    effectiveDate: z.string().nullable(),
    versionLabel: z.string().nullable(),
    lanes: z.array(z.string()),
  }),
  sourceName: z.string(),
  kind: z.enum(['markdown', 'text', 'html', 'pdf', 'docx']),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const parseReplySchema = z.object({
  type: z.literal('parsed'),
  id: z.string(),
  result: z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value: parsedSopSchema }), z.object({ ok: z.literal(false), error: appErrorSchema })]),
});
export type ParseReply = z.infer<typeof parseReplySchema>;
