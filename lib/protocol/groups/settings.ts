import { z } from 'zod';
import { engineChoiceSchema } from '@/lib/schemas/settings';
import { def } from '../define';
import { lazySchema } from '@/lib/schemas/lazy-schema';

/** What an extension page sees of the Claude settings: never the key itself. */
export const maskedClaudeSettingsSchema = lazySchema(() => z.object({
  hasKey: z.boolean(),
  keyHint: z.string().nullable(),
  classifyModel: z.string(),
  draftModel: z.string(),
  baseUrl: z.string(),
}));

export const settingsMessages = {
  'settings.getClaude': def('extension-page', () => z.object({}), () => maskedClaudeSettingsSchema),
  'settings.setClaude': def(
    'extension-page',
    () => z.object({
      /** Omitted keeps the stored key (unless the base URL's origin changes: then it is removed); an empty string removes it. */
      apiKey: z.string().max(500).optional(),
      classifyModel: z.string().min(1).max(100),
      draftModel: z.string().min(1).max(100),
      baseUrl: z.url({ protocol: /^https?$/ }),
    }),
    () => maskedClaudeSettingsSchema,
  ),
  /** Local or Claude: whether mail leaves the machine. Only extension pages read or change it. */
  'settings.getEngine': def('extension-page', () => z.object({}), () => z.object({ engine: engineChoiceSchema })),
  'settings.setEngine': def('extension-page', () => z.object({ engine: engineChoiceSchema }), () => z.object({ engine: engineChoiceSchema })),
  'settings.testClaude': def('extension-page', () => z.object({}), () => z.object({ model: z.string() })),
  /** The company's own mail domains, so the engines know which messages are the customer's. */
  'settings.getOwnDomains': def('extension-page', () => z.object({}), () => z.array(z.string())),
  'settings.setOwnDomains': def(
    'extension-page',
    () => z.object({ domains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i)).max(20) }),
    () => z.array(z.string()),
  ),
} as const;
