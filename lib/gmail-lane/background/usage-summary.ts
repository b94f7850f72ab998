import type { TriageDatabase } from '@/lib/db/database';
import { z } from 'zod';

const usageDataSchema = z.object({
  input: z.number(),
  cacheRead: z.number(),
  cacheWrite: z.number(),
  output: z.number(),
  costUsd: z.number().nullable(),
});

/** Sums the Claude calls recorded for one thread: the cost per thread the panel shows. */
export async function usageForSubject(db: TriageDatabase, subjectId: string) {
  const rows = await db.audit.where('subject').equals(subjectId).filter((r) => r.kind === 'engine.usage').toArray();
  const total = { calls: 0, input: 0, cacheRead: 0, cacheWrite: 0, output: 0, costUsd: 0 as number | null };
  for (const row of rows) {
    const u = usageDataSchema.safeParse(row.data);
    if (!u.success) continue;
    total.calls++;
    total.input += u.data.input;
    total.cacheRead += u.data.cacheRead;
    total.cacheWrite += u.data.cacheWrite;
    total.output += u.data.output;
    total.costUsd = total.costUsd === null || u.data.costUsd === null ? null : total.costUsd + u.data.costUsd;
  }
  return total;
}
