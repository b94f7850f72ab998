import { z } from 'zod';
import { participantSchema } from './thread';

/** What an engine reads, whichever site it came from. All of it is untrusted data. */
export const triageInputSchema = z.object({
  source: z.enum(['gmail', 'hubspot']),
  subject: z.string(),
  messages: z.array(z.object({ from: participantSchema, date: z.string().nullable(), text: z.string() })),
  /** The rep signed in (Gmail's account), who signs the reply; absent when the page does not show it. */
  rep: participantSchema.nullable().optional(),
});
export type TriageInput = z.infer<typeof triageInputSchema>;
