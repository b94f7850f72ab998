import { kpiAlarmSettingsSchema } from '@/lib/schemas/kpi-alarms';
import type { Category, Lane } from '@/lib/schemas/lane';

/** What the editor starts a new lane or category from: every dimension present, the admin fills the rest. */
export function blankLane(): Lane {
  return {
    id: '',
    name: '',
    objective: '',
    trigger: { site: 'gmail', recordTypes: [] },
    categories: [],
    inputs: ['thread messages', 'thread subject', 'SOP passages tagged to this lane'],
    processing: { actions: ['classify', 'route', 'draft'], writableProperties: [] },
    outputs: [],
    consumers: [],
    decisionsNotMade: [],
    humanDecisionProperties: [],
    qualityChecks: { minGroundingScore: 0.35, confidenceFloor: 0.6, requiredFields: [] },
    failureFeedback: { escalateTo: '', escalateWhen: [], recordForLearning: ['category corrections'] },
    riskAcknowledgements: [],
    handoffFields: [],
    kpis: [],
    alarms: kpiAlarmSettingsSchema.parse({}),
  };
}

export function blankCategory(): Category {
  return { id: '', label: '', intent: '', owner: '', description: '', examples: [], sopTags: [], riskAcknowledgements: [], reply: 'draft' };
}

/** An id from a name: "Warranty claims" → "warranty_claims" (categories) or "warranty-claims" (lanes). */
export function idFromName(name: string, separator: '_' | '-'): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .match(/[a-z0-9]+/g);
  const id = (words ?? []).join(separator).slice(0, 64);
  return separator === '_' ? id.replace(/^[^a-z]+/, '') : id;
}
