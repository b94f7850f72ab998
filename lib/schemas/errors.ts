import { z } from 'zod';
import { lazySchema } from './lazy-schema';

/** An error the UI can show: what went wrong, and what the user can do next. */
export const appErrorSchema = lazySchema(() => z.object({
  code: z.string(),
  message: z.string(),
  nextStep: z.string(),
  retryAfterMs: z.number().int().nonnegative().optional(),
}));
export type AppError = z.infer<typeof appErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string, nextStep: string, retryAfterMs?: number): Result<never> => ({
  ok: false,
  error: retryAfterMs === undefined ? { code, message, nextStep } : { code, message, nextStep, retryAfterMs },
});

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}
