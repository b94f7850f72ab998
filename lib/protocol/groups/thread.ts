import { z } from 'zod';
import { gmailReadDiagnosticSchema } from '@/lib/schemas/thread';
import { def, subjectIdSchema } from '../define';

export const threadMessages = {
  'thread.seen': def(
    'gmail',
    () => z.object({ id: subjectIdSchema, subject: z.string().max(1000) }),
    () => z.object({ firstSeen: z.number(), lastTriaged: z.number().nullable(), isNew: z.boolean() }),
  ),
  /** The reader could not read the page: counted in the audit log so a Gmail change is noticed on the first day. */
  'thread.unreadable': def('gmail', () => gmailReadDiagnosticSchema, () => z.object({ recorded: z.boolean() })),
} as const;
