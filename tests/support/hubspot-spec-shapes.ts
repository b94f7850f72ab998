import { z } from 'zod';

// HubSpot's answer shapes as its published OpenAPI specifications state them (HubSpot/HubSpot-public-api-spec-collection:
// CRM Properties v3, Pipelines v3, Owners v3, Objects v3, Associations v4, and the shared Error). Written here from
// reading those files, not copied: every field the spec marks required is required here, with its type. The
// client's own schemas (lib/sites/hubspot/api-schemas.ts) are deliberately looser; these check that the stand-in
// sends no less than HubSpot promises.

const isoDateTime = z.string().datetime({ offset: true });

export const specOptionSchema = z.object({ label: z.string(), value: z.string(), hidden: z.boolean(), displayOrder: z.number().int().optional(), description: z.string().optional() });

export const specPropertySchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  fieldType: z.string(),
  groupName: z.string(),
  description: z.string(),
  options: z.array(specOptionSchema),
  calculated: z.boolean().optional(),
  externalOptions: z.boolean().optional(),
  referencedObjectType: z.string().optional(),
  hasUniqueValue: z.boolean().optional(),
  hidden: z.boolean().optional(),
  hubspotDefined: z.boolean().optional(),
  modificationMetadata: z.object({ archivable: z.boolean(), readOnlyDefinition: z.boolean(), readOnlyValue: z.boolean(), readOnlyOptions: z.boolean().optional() }).optional(),
});
export type SpecProperty = z.infer<typeof specPropertySchema>;

export const specStageSchema = z.object({
  id: z.string(),
  label: z.string(),
  displayOrder: z.number().int(),
  archived: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  metadata: z.record(z.string(), z.string()),
});
export const specPipelineSchema = z.object({
  id: z.string(),
  label: z.string(),
  displayOrder: z.number().int(),
  archived: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  stages: z.array(specStageSchema),
});
export type SpecPipeline = z.infer<typeof specPipelineSchema>;

export const specOwnerSchema = z.object({
  id: z.string(),
  type: z.enum(['PERSON', 'QUEUE']),
  archived: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  userId: z.number().int().optional(),
});
export type SpecOwner = z.infer<typeof specOwnerSchema>;

const forwardPaging = z.object({ next: z.object({ after: z.string(), link: z.string().optional() }).optional() });

export const specPropertiesResponseSchema = z.object({ results: z.array(specPropertySchema) });
export const specPipelinesResponseSchema = z.object({ results: z.array(specPipelineSchema) });
export const specOwnersResponseSchema = z.object({ results: z.array(specOwnerSchema), paging: forwardPaging.optional() });

export const specValueWithTimestampSchema = z.object({
  value: z.string(),
  timestamp: isoDateTime,
  sourceType: z.string(),
  sourceId: z.string().optional(),
  sourceLabel: z.string().optional(),
  updatedByUserId: z.number().int().optional(),
});
export const specObjectSchema = z.object({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
  propertiesWithHistory: z.record(z.string(), z.array(specValueWithTimestampSchema)).optional(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  archived: z.boolean(),
});

/** Objects v3 `BatchResponseSimplePublicObject` (200), and the same with `errors` and `numErrors` when some inputs failed (207). */
export const specBatchResponseSchema = z.object({
  status: z.enum(['PENDING', 'PROCESSING', 'CANCELED', 'COMPLETE']),
  results: z.array(specObjectSchema),
  startedAt: isoDateTime,
  completedAt: isoDateTime,
  requestedAt: isoDateTime.optional(),
  numErrors: z.number().int().optional(),
  errors: z.array(z.object({ status: z.string(), category: z.string(), message: z.string(), context: z.record(z.string(), z.array(z.string())), errors: z.array(z.unknown()), links: z.record(z.string(), z.string()) })).optional(),
  links: z.record(z.string(), z.string()).optional(),
});
/** Objects v3 (tasks) `CreatedResponseSimplePublicObject`: the create's answer. */
export const specCreatedResponseSchema = z.object({ createdResourceId: z.string(), entity: specObjectSchema, location: z.string().optional() });
/** The body of a create (`SimplePublicObjectInputForCreate`): properties, and associations each to one id with their types. */
export const specCreateInputSchema = z.object({
  properties: z.record(z.string(), z.string()),
  associations: z.array(z.object({ to: z.object({ id: z.string() }), types: z.array(z.object({ associationCategory: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED']), associationTypeId: z.number().int() })) })),
});

export const specAssociationsResponseSchema = z.object({
  results: z.array(
    z.object({
      // The spec says string; HubSpot answers with a number, and so does the stand-in.
      toObjectId: z.union([z.string(), z.number()]),
      associationTypes: z.array(z.object({ category: z.enum(['HUBSPOT_DEFINED', 'INTEGRATOR_DEFINED', 'USER_DEFINED', 'WORK']), typeId: z.number().int(), label: z.string().nullable().optional() })),
    }),
  ),
  paging: forwardPaging.optional(),
});

export const specErrorSchema = z.object({
  category: z.string(),
  correlationId: z.string(),
  message: z.string(),
  subCategory: z.string().optional(),
  context: z.record(z.string(), z.array(z.string())).optional(),
  links: z.record(z.string(), z.string()).optional(),
  errors: z.array(z.object({ message: z.string(), code: z.string().optional(), in: z.string().optional(), subCategory: z.string().optional(), context: z.record(z.string(), z.array(z.string())).optional() })).optional(),
});
/** Rate-limit answers are HubSpot's own shape, outside the Error schema. */
export const specRateLimitSchema = z.object({ status: z.literal('error'), message: z.string(), errorType: z.literal('RATE_LIMIT'), correlationId: z.string(), policyName: z.enum(['TEN_SECONDLY_ROLLING', 'DAILY']) });

/** Account Info v3 `PortalInformationResponse`: the portal a private-app token belongs to. */
export const specPortalInformationSchema = z.object({
  portalId: z.number().int(),
  accountType: z.enum(['APP_DEVELOPER', 'DEVELOPER_TEST', 'SANDBOX', 'STANDARD']),
  timeZone: z.string(),
  companyCurrency: z.string(),
  additionalCurrencies: z.array(z.string()),
  utcOffset: z.string(),
  utcOffsetMilliseconds: z.number().int(),
  uiDomain: z.string(),
  dataHostingLocation: z.string(),
});
