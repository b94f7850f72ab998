import { z } from 'zod';
import { propertyDefinitionSchema } from '@/lib/schemas/hubspot';
import { lazySchema } from '@/lib/schemas/lazy-schema';

// Shapes of HubSpot CRM v3/v4 answers, after the published OpenAPI specifications.
// Objects are parsed loosely (unknown keys dropped) so new fields HubSpot adds do not break reading, and lists
// entry by entry, so one entry of an unexpected shape is left out and counted instead of failing the whole read.

/** A list read entry by entry: what parses, and how many entries did not. */
export function tolerantList<T>(item: z.ZodType<T>) {
  return z.array(z.unknown()).transform((entries) => {
    const items: T[] = [];
    let skipped = 0;
    for (const entry of entries) {
      const parsed = item.safeParse(entry);
      if (parsed.success) items.push(parsed.data);
      else skipped += 1;
    }
    return { items, skipped };
  });
}

export const propertiesResponseSchema = lazySchema(() => z.object({ results: tolerantList(propertyDefinitionSchema) }));

/** Cursor paging of list answers: `paging.next.after` is the cursor of the next page. */
const forwardPagingSchema = lazySchema(() => z.object({ next: z.object({ after: z.string() }).optional() }));

export const valueWithTimestampSchema = lazySchema(() => z.object({
  value: z.string(),
  timestamp: z.string(),
  sourceType: z.string(),
  sourceId: z.string().optional(),
  sourceLabel: z.string().optional(),
  updatedByUserId: z.number().optional(),
}));
export type ValueWithTimestamp = z.infer<typeof valueWithTimestampSchema>;

export const crmRecordSchema = lazySchema(() => z
  .object({
    id: z.string(),
    /** Requested properties that are not set come back as null. */
    properties: z.record(z.string(), z.string().nullable()),
    propertiesWithHistory: z.record(z.string(), tolerantList(valueWithTimestampSchema)).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    archived: z.boolean().optional(),
  })
  .transform(({ propertiesWithHistory, ...record }) => {
    const lists = Object.entries(propertiesWithHistory ?? {});
    return {
      ...record,
      ...(propertiesWithHistory ? { propertiesWithHistory: Object.fromEntries(lists.map(([name, list]) => [name, list.items])) } : {}),
      /** History entries that did not parse and were left out. */
      skippedHistory: lists.reduce((n, [, list]) => n + list.skipped, 0),
    };
  }));
export type CrmRecord = z.infer<typeof crmRecordSchema>;

/** Batch read (`POST /crm/v3/objects/{type}/batch/read`): the records found, each parsed on its own. */
export const batchReadResponseSchema = lazySchema(() => z.object({ status: z.string(), results: tolerantList(crmRecordSchema) }));

/**
 * A created object: the spec's `CreatedResponseSimplePublicObject` ({ createdResourceId, entity }), or the object
 * itself as older versions of the API answer (201).
 */
export const createdRecordSchema = lazySchema(() => z.union([z.object({ createdResourceId: z.string(), entity: crmRecordSchema }).transform((r) => r.entity), crmRecordSchema]));

/** An association to send with a created object (`PublicAssociationsForObject`). */
export interface NewAssociation {
  toObjectId: string;
  /** HubSpot's association type id for this pair (e.g. 216: task to deal). */
  typeId: number;
}

export const associationsResponseSchema = lazySchema(() => z.object({
  results: z.array(
    z.object({
      // The spec says string; the live API answers with a number.
      toObjectId: z.union([z.string(), z.number()]).transform(String),
      associationTypes: z.array(
        z.object({ category: z.string(), typeId: z.number(), label: z.string().nullable().optional() }),
      ),
    }),
  ),
  paging: forwardPagingSchema.optional(),
}));
export interface Association {
  toObjectId: string;
  labels: string[];
}

export const ownerSchema = lazySchema(() => z.object({
  id: z.string(),
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  userId: z.number().optional(),
  type: z.string().optional(),
  archived: z.boolean().optional(),
}));
export type Owner = z.infer<typeof ownerSchema>;
export const ownersResponseSchema = lazySchema(() => z.object({ results: tolerantList(ownerSchema), paging: forwardPagingSchema.optional() }));

export const pipelineSchema = lazySchema(() => z.object({
  id: z.string(),
  label: z.string(),
  displayOrder: z.number(),
  archived: z.boolean().optional(),
  stages: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      displayOrder: z.number(),
      archived: z.boolean().optional(),
      metadata: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
}));
export type Pipeline = z.infer<typeof pipelineSchema>;
export const pipelinesResponseSchema = lazySchema(() => z.object({ results: z.array(pipelineSchema) }));

/** HubSpot's error body: category, correlationId and message are always present. */
export const hubspotErrorBodySchema = lazySchema(() => z.object({
  status: z.string().optional(),
  category: z.string().optional(),
  correlationId: z.string().optional(),
  message: z.string(),
  errors: z
    .array(
      z.object({
        message: z.string(),
        code: z.string().optional(),
        in: z.string().optional(),
        context: z.record(z.string(), z.array(z.string())).optional(),
      }),
    )
    .optional(),
  // Rate-limit answers carry these instead of a category.
  errorType: z.string().optional(),
  policyName: z.string().optional(),
}));
export type HubSpotErrorBody = z.infer<typeof hubspotErrorBodySchema>;
