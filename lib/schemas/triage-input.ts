import { z } from 'zod';
import { participantSchema } from './thread';
import { lazySchema } from './lazy-schema';

/** What an engine reads, whichever site it came from. All of it is untrusted data. */
export const triageInputSchema = lazySchema(() => z.object({
  source: z.enum(['gmail', 'hubspot']),
  subject: z.string(),
  messages: z.array(
    z.object({
      from: participantSchema,
      date: z.string().nullable(),
      text: z.string(),
      /** The sender's signature (name, title, company, phone), when Gmail shows one: read for handoff fields only. */
      signature: z.string().max(2000).optional(),
      /** File names attached to the message: that photos were sent is a fact the reply should not ask for again. */
      attachments: z.array(z.string().max(200)).max(50).optional(),
    }),
  ),
  /** The rep signed in (Gmail's account), who signs the reply; absent when the page does not show it. */
  rep: participantSchema.nullable().optional(),
}));
export type TriageInput = z.infer<typeof triageInputSchema>;
