import { z } from 'zod';
import { auditMessages } from './groups/audit';
import { hubspotMessages } from './groups/hubspot';
import { draftMessages } from './groups/draft';
import { privacyMessages } from './groups/privacy';
import { settingsMessages } from './groups/settings';
import { sopMessages } from './groups/sop';
import { statusMessages } from './groups/status';
import { threadMessages } from './groups/thread';
import { triageMessages } from './groups/triage';
import { lazySchema } from '@/lib/schemas/lazy-schema';

export type { Audience } from './define';

/** Every request/response pair between content scripts, options and background, one group per namespace. */
export const messages = {
  ...threadMessages,
  ...triageMessages,
  ...auditMessages,
  ...sopMessages,
  ...hubspotMessages,
  ...draftMessages,
  ...settingsMessages,
  ...statusMessages,
  ...privacyMessages,
} as const;

export type MessageType = keyof typeof messages;
export type RequestOf<K extends MessageType> = z.infer<(typeof messages)[K]['request']>;
export type ResponseOf<K extends MessageType> = z.infer<(typeof messages)[K]['response']>;

/** The envelope every runtime message travels in. */
export const envelopeSchema = lazySchema(() => z.object({
  type: z.string(),
  payload: z.unknown(),
}));
