import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { participantSchema } from '@/lib/schemas/thread';
import type { Classification } from '@/lib/schemas/classification';
import { categorySchema, type Lane } from '@/lib/schemas/lane';
import { kpiAlarmSettingsSchema } from '@/lib/schemas/kpi-alarms';
import type { ClaudeSettings } from '@/lib/schemas/settings';
import type { Retrieval } from '@/lib/schemas/sop';
import type { TriageInput } from '@/lib/schemas/triage-input';

/** The refund thread of the saved Gmail pages, as the Gmail reader reports it. */
export function refundThreadInput(): TriageInput {
  const path = fileURLToPath(new URL('../../../fixtures/gmail/thread-2024-layout-refund.truth.json', import.meta.url));
  const truth = z
    .object({
      subject: z.string(),
      messages: z.array(z.object({ from: participantSchema, date: z.string().nullable(), bodyText: z.string().optional() })),
    })
    .parse(JSON.parse(readFileSync(path, 'utf8')));
  return {
    source: 'gmail',
    subject: truth.subject,
    // Collapsed messages have no text in the saved page; the reader passes what it saw.
    messages: truth.messages.map((m) => ({ from: m.from, date: m.date, text: m.bodyText ?? '(collapsed)' })),
  };
}

export function emailInput(text: string, subject = 'Question'): TriageInput {
  return { source: 'gmail', subject, messages: [{ from: { name: 'Sam Buyer', email: 'sam@example.com' }, date: '2024-03-05T09:17:00Z', text }] };
}

export const supportLane: Lane = {
  id: 'sop-support-replies',
  name: 'SOP-grounded support replies',
  objective: 'Answer support questions with replies grounded on the SOP library.',
  trigger: { site: 'gmail', recordTypes: [] },
  categories: [
    categorySchema.parse({ id: 'refund_request', label: 'Billing / refund request', intent: 'request refund', owner: 'Billing team', description: 'Money back for something paid.' }),
    categorySchema.parse({ id: 'how_to', label: 'How-to question', intent: 'ask how to', owner: 'Support queue' }),
  ],
  inputs: ['thread messages', 'SOP passages'],
  processing: { actions: ['classify', 'route', 'draft'], writableProperties: [] },
  outputs: ['draft'],
  consumers: ['Support queue'],
  decisionsNotMade: ['refunds', 'pricing'],
  humanDecisionProperties: [],
  qualityChecks: { minGroundingScore: 0.5, confidenceFloor: 0.6, requiredFields: [] },
  failureFeedback: { escalateTo: 'Support lead', escalateWhen: ['no SOP covers it'], recordForLearning: ['category corrections'] },
  riskAcknowledgements: ['refund'],
  handoffFields: [],
  kpis: ['first response time'],
  alarms: kpiAlarmSettingsSchema.parse({}),
};

export const triageLane: Lane = {
  ...supportLane,
  id: 'shared-inbox-triage',
  name: 'Shared inbox triage',
  objective: 'Route every new thread to the right queue.',
  consumers: ['Triage desk'],
  categories: [categorySchema.parse({ id: 'general_question', label: 'General question', intent: 'ask a question', owner: 'Triage desk' })],
};

export const lanes = [supportLane, triageLane];

export const retrieval: Retrieval = {
  grounded: true,
  groundingScore: 0.8,
  floor: 0.5,
  basis: { relevance: 0.8, categoryMatch: false, categoryConfidence: 0 },
  sopLanguage: 'en',
  bestScore: 7.5,
  ms: 3,
  passages: [
    {
      id: 'refunds#annual',
      sopId: 'refunds',
      sopVersion: 2,
      sopTitle: 'Refunds',
      headingPath: ['Refunds', 'Annual plans'],
      text: 'Annual plans can be refunded pro rata within 30 days of renewal when the workspace was not used.',
      lanes: ['sop-support-replies'],
      score: 7.5,
      matchText: 'Annual plans can be refunded pro rata within 30 days of renewal',
    },
    {
      id: 'refunds#how',
      sopId: 'refunds',
      sopVersion: 2,
      sopTitle: 'Refunds',
      headingPath: ['Refunds', 'How to request'],
      text: 'Ask for the workspace name and the invoice number, then open a refund review for the billing team.',
      lanes: ['sop-support-replies'],
      score: 5.1,
      matchText: 'Ask for the workspace name and the invoice number',
    },
  ],
};

export const classification: Classification = {
  lane: { value: 'sop-support-replies', confidence: 0.9 },
  category: { value: 'refund_request', confidence: 0.9 },
  intent: { value: 'refund request', confidence: 0.85 },
  urgency: { value: 'P2', reason: 'Money at stake.', confidence: 0.8 },
  sentiment: { value: 'neutral', confidence: 0.7 },
  language: { value: 'en', confidence: 0.95 },
  summary: 'Customer asks for a refund of an unused annual renewal.\nGave workspace and invoice number.',
  riskFlags: [{ flag: 'refund', evidence: 'If a full refund is not possible', confidence: 0.9 }],
  owner: { value: 'Support queue', confidence: 0.7 },
};

export const TEST_KEY = 'sk-ant-test-0123456789-secret';

export function settingsFor(baseUrl: string, overrides: Partial<ClaudeSettings> = {}): ClaudeSettings {
  return { apiKey: TEST_KEY, classifyModel: 'claude-haiku-4-5', draftModel: 'claude-sonnet-4-6', baseUrl, ...overrides };
}
