import { z } from 'zod';
import { classificationSchema } from '@/lib/schemas/classification';
import { draftSchema } from '@/lib/schemas/draft';

/** What Claude writes for a draft: the draft without the passages (the engine attaches them) and without what the post-checks add. */
export const draftOutputSchema = draftSchema.omit({ passages: true, template: true, fills: true, checklist: true, notes: true });
export type DraftOutput = z.infer<typeof draftOutputSchema>;

/** The JSON Schema shape the Messages API takes as a tool's input_schema. */
export interface ToolInputSchema {
  type: 'object';
  properties: Record<string, unknown>;
  required?: string[];
  [keyword: string]: unknown;
}

export interface ToolDefinition {
  name: string;
  description: string;
  input_schema: ToolInputSchema;
}

/** Derives the tool's input_schema from the zod schema, so the tool and the validation cannot drift apart. */
export function toolInputSchema(schema: z.ZodObject): ToolInputSchema {
  // The API takes draft 2020-12 keywords; the $schema marker adds nothing to a tool definition.
  const { $schema: _marker, ...json } = z.toJSONSchema(schema, { target: 'draft-2020-12' });
  if (json.type !== 'object' || typeof json.properties !== 'object' || json.properties === null) {
    throw new Error('A tool input schema must describe an object');
  }
  return { ...json, type: 'object', properties: json.properties as Record<string, unknown> };
}

export const CLASSIFY_TOOL = 'record_classification';
export const DRAFT_TOOL = 'write_draft';

export const classificationTool: ToolDefinition = {
  name: CLASSIFY_TOOL,
  description:
    'Record the classification of the email thread: lane, category, intent, urgency, sentiment, language, a two-line summary, risk flags with evidence quotes, and the suggested owner. Every confidence is between 0 and 1.',
  input_schema: toolInputSchema(classificationSchema),
};

export const draftTool: ToolDefinition = {
  name: DRAFT_TOOL,
  description:
    'Write the reply draft one sentence per item. A claim cites the numbers of the SOP passages that support it; greeting, closing, placeholder and escalation sentences cite nothing. Set abstained and escalateTo when the passages do not cover the question.',
  input_schema: toolInputSchema(draftOutputSchema),
};
