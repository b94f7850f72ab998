import type { PropertyDefinition } from '@/lib/schemas/hubspot';
import type { Owner, Pipeline } from '@/lib/sites/hubspot/api-schemas';
import { OBJECT_TYPE_IDS } from '@/lib/sites/hubspot/url';

// Some enumerations keep their options outside the definition: owner properties (`externalOptions`,
// `referencedObjectType: "OWNER"`, empty `options`) take them from the owners API; a pipeline stage is one of the
// stages of the record's own pipeline, not of every pipeline. The definitions a record view carries have these
// options filled in for that record, so validation, labels and the panel's controls all see the same choices.

/** Where a type keeps its pipeline and stage: deals have their own names; tickets and custom objects share HubSpot's. */
export function pipelinePropertiesOf(objectTypeId: string): { pipeline: string; stage: string } {
  return objectTypeId === OBJECT_TYPE_IDS.deal ? { pipeline: 'pipeline', stage: 'dealstage' } : { pipeline: 'hs_pipeline', stage: 'hs_pipeline_stage' };
}

export const referencesOwners = (def: PropertyDefinition) => def.referencedObjectType === 'OWNER';

/** An owner as a person reads it: the name, else the address, else the id. */
export function ownerLabel(owner: Owner): string {
  return [owner.firstName, owner.lastName].filter(Boolean).join(' ') || owner.email || `Owner ${owner.id}`;
}

export interface OptionSources {
  objectTypeId: string;
  /** The record's properties as read (its pipeline among them). */
  properties: Record<string, string | null>;
  /** Null when the owners could not be read: owner properties then offer no option. */
  owners: Owner[] | null;
  pipelines: Pipeline[] | null;
}

/** The definitions with the options HubSpot keeps elsewhere filled in for this record. */
export function withRecordOptions(definitions: PropertyDefinition[], sources: OptionSources): PropertyDefinition[] {
  const names = pipelinePropertiesOf(sources.objectTypeId);
  const pipelineId = sources.properties[names.pipeline] ?? null;
  const ownPipeline = sources.pipelines?.find((p) => p.id === pipelineId) ?? null;
  return definitions.map((def) => {
    if (def.type !== 'enumeration') return def;
    if (referencesOwners(def)) {
      const owners = (sources.owners ?? []).filter((o) => o.archived !== true);
      return { ...def, options: owners.map((o, i) => ({ value: o.id, label: ownerLabel(o), displayOrder: i, hidden: false, ...(o.email ? { description: o.email } : {}) })) };
    }
    if (def.name === names.pipeline && sources.pipelines) {
      return { ...def, options: sources.pipelines.map((p) => ({ value: p.id, label: p.label, displayOrder: p.displayOrder, hidden: p.archived === true })) };
    }
    if (def.name === names.stage) {
      // Without the record's pipeline the stage cannot be checked: no option is offered rather than every pipeline's.
      const stages = ownPipeline ? [...ownPipeline.stages].sort((a, b) => a.displayOrder - b.displayOrder) : [];
      return { ...def, options: stages.map((s) => ({ value: s.id, label: s.label, displayOrder: s.displayOrder, hidden: s.archived === true })) };
    }
    return def;
  });
}
