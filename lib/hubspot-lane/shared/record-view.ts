import type { RecordView, PropertyDefinition, RecordRef } from '@/lib/schemas/hubspot';
import { type HubSpotClient, type HubSpotResult } from '@/lib/sites/hubspot/api-client';
import type { CrmRecord, Owner, Pipeline } from '@/lib/sites/hubspot/api-schemas';
import { OBJECT_TYPE_IDS, recordSubject } from '@/lib/sites/hubspot/url';
import { normaliseDomain } from '@/lib/text/mail-domains';
import { readRecordActivity } from './record-activity';
import { ownerLabel, pipelinePropertiesOf, referencesOwners, withRecordOptions } from './option-sources';
import { contactTickets, stageClosed } from './pipeline-state';

const TYPE_LABELS: Record<string, string> = { '0-1': 'Contact', '0-2': 'Company', '0-3': 'Deal', '0-5': 'Ticket' };
const NAME_PROPERTIES: Record<string, string[]> = {
  '0-1': ['firstname', 'lastname', 'email'],
  '0-2': ['name', 'domain'],
  '0-3': ['dealname'],
  '0-5': ['subject'],
};
/** Contacts and companies show their lifecycle stage; other types the stage of their pipeline. */
const LIFECYCLE_TYPES = new Set<string>([OBJECT_TYPE_IDS.contact, OBJECT_TYPE_IDS.company]);
const BASE_PROPERTIES = ['hubspot_owner_id', 'company', 'pipeline', 'hs_pipeline'];
/** Free-text properties read as notes, beside the engagements logged on the record (record-activity.ts). */
const NOTE_PROPERTIES: Record<string, string[]> = { '0-3': ['description'], '0-5': ['content'] };
/** Properties whose history makes the "recent activity" summary. */
const HISTORY_PROPERTIES = ['lifecyclestage', 'hs_lead_status', 'dealstage', 'amount', 'closedate', 'hs_pipeline_stage', 'hubspot_owner_id', 'hs_next_step'];
const ACTIVITY_LINES = 5;
const MAX_ASSOCIATED = 5;

/**
 * Reads one record through HubSpot's API (never its DOM): properties, definitions (with owner and pipeline-stage
 * options filled in for this record), owner, stage label, recent property history and the addresses and domains its
 * handoffs are matched by. Entries that do not parse are left out and counted in `skipped`.
 */
export async function readRecordView(client: HubSpotClient, ref: RecordRef, laneProperties: string[]): Promise<HubSpotResult<RecordView>> {
  const type = ref.objectTypeId;
  const read = await client.getProperties(type);
  if (!read.ok) return read;
  const defined = new Set(read.value.map((d) => d.name));
  const wanted = [...new Set([...(NAME_PROPERTIES[type] ?? []), ...BASE_PROPERTIES, ...(NOTE_PROPERTIES[type] ?? []), ...HISTORY_PROPERTIES, ...laneProperties])].filter((n) => defined.has(n));
  const noteProperties = (NOTE_PROPERTIES[type] ?? []).filter((n) => defined.has(n));
  // The notes' history says when each was written: the date their year-less dates are read against.
  const record = await client.getRecord(type, ref.objectId, wanted, [...HISTORY_PROPERTIES, ...noteProperties].filter((n) => defined.has(n)));
  if (!record.ok) return record;
  const props = record.value.properties;

  const ownersRead = read.value.some(referencesOwners) || props.hubspot_owner_id ? await client.getOwners() : null;
  const owners = ownersRead?.ok ? ownersRead.value : null;
  const stageNames = pipelinePropertiesOf(type);
  const pipelinesRead = defined.has(stageNames.stage) ? await client.getPipelines(type) : null;
  const pipelines = pipelinesRead?.ok ? pipelinesRead.value : null;
  const definitions = withRecordOptions(read.value, { objectTypeId: type, properties: props, owners, pipelines });
  const [match, logged, tickets] = await Promise.all([matchKeys(client, ref, props), readRecordActivity(client, ref), contactTickets(client, ref)]);
  const closed = pipelines ? stageClosed(pipelines, type, props) : null;
  const ownerId = props.hubspot_owner_id ?? null;
  const stageProperty = LIFECYCLE_TYPES.has(type) ? 'lifecyclestage' : stageNames.stage;
  const skipped = (
    [
      ['definitions', read.skipped ?? 0],
      ['owners', ownersRead?.ok ? ownersRead.skipped ?? 0 : 0],
      ['history', record.value.skippedHistory],
      ['activity', logged.skipped],
    ] as const
  ).flatMap(([source, count]) => (count > 0 ? [{ source, count }] : []));
  const activityRead = logged.error ? { ok: false as const, error: logged.error } : null;
  const unavailable = ([['owners', ownersRead], ['pipelines', pipelinesRead], ['activity', activityRead]] as const).flatMap(([source, result]) =>
    result && !result.ok ? [{ source, error: { code: result.error.code, message: result.error.message, nextStep: result.error.nextStep } }] : [],
  );

  return {
    ok: true,
    value: {
      ref,
      subject: recordSubject(ref),
      typeLabel: TYPE_LABELS[type] ?? 'Custom object',
      name: nameOf(type, props) ?? `Record ${ref.objectId}`,
      owner: ownerId ? ownerName(owners ?? [], ownerId) : null,
      stage: defined.has(stageProperty) ? stageOf(stageProperty, props, definitions, pipelines ?? []) : null,
      activity: activityOf(record.value, definitions, owners ?? [], pipelines ?? []),
      properties: props,
      definitions,
      notes: noteProperties.flatMap((name) => {
        const text = props[name];
        const written = (record.value.propertiesWithHistory?.[name] ?? []).map((h) => h.timestamp).sort((x, y) => Date.parse(y) - Date.parse(x))[0];
        const label = definitions.find((d) => d.name === name)?.label ?? name;
        const typeLabel = TYPE_LABELS[type] ?? 'Record';
        // HubSpot's own label when it already names the type ("Deal description"), else "Ticket description".
        const named = label.toLowerCase().startsWith(typeLabel.toLowerCase()) ? label : `${typeLabel} ${label.toLowerCase()}`;
        return text ? [{ ref: `${recordSubject(ref)}#${name}`, label: named, text, ...(written ? { date: written } : {}) }] : [];
      }),
      engagements: logged.engagements,
      match,
      ...(closed !== null ? { closed } : {}),
      ...(tickets.length > 0 ? { tickets } : {}),
      ...(skipped.length > 0 ? { skipped } : {}),
      ...(unavailable.length > 0 ? { unavailable } : {}),
    },
  };
}

async function okOr<T>(pending: Promise<HubSpotResult<T>>, fallback: T): Promise<T> {
  const result = await pending;
  return result.ok ? result.value : fallback; // owner names and stage labels are nice to have: the record still shows
}

function nameOf(type: string, p: Record<string, string | null>): string | null {
  if (type === OBJECT_TYPE_IDS.contact) return [p.firstname, p.lastname].filter(Boolean).join(' ') || p.email || null;
  if (type === OBJECT_TYPE_IDS.company) return p.name ?? p.domain ?? null;
  if (type === OBJECT_TYPE_IDS.deal) return p.dealname ?? null;
  if (type === OBJECT_TYPE_IDS.ticket) return p.subject ?? null;
  return null;
}

function ownerName(owners: Owner[], id: string): string {
  const owner = owners.find((o) => o.id === id);
  return owner ? ownerLabel(owner) : `Owner ${id}`;
}

function stageOf(property: string, p: Record<string, string | null>, defs: PropertyDefinition[], pipelines: Pipeline[]) {
  const value = p[property];
  if (!value) return null;
  return { value, label: displayValue(property, value, defs, pipelines, []) };
}

/** A value as HubSpot shows it: option and stage labels, owner names, dates as days. */
export function displayValue(property: string, value: string, defs: PropertyDefinition[], pipelines: Pipeline[], owners: Owner[]): string {
  if (property === 'dealstage' || property === 'hs_pipeline_stage') {
    const stage = pipelines.flatMap((pl) => pl.stages).find((s) => s.id === value);
    if (stage) return stage.label;
  }
  if (property === 'hubspot_owner_id') {
    const owner = owners.find((o) => o.id === value);
    if (owner) return ownerName(owners, value);
  }
  const def = defs.find((d) => d.name === property);
  if (def?.type === 'enumeration') {
    return value.split(';').map((v) => def.options.find((o) => o.value === v)?.label ?? v).join(', ');
  }
  if (def && (def.type === 'date' || def.type === 'datetime')) {
    const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    if (!Number.isNaN(ms)) return new Date(ms).toISOString().slice(0, 10);
  }
  return value;
}

function activityOf(record: CrmRecord, defs: PropertyDefinition[], owners: Owner[], pipelines: Pipeline[]): RecordView['activity'] {
  const entries = Object.entries(record.propertiesWithHistory ?? {}).filter(([name]) => HISTORY_PROPERTIES.includes(name)).flatMap(([name, history]) => {
    const label = defs.find((d) => d.name === name)?.label ?? name;
    return history.map((h) => ({
      at: h.timestamp,
      text: h.value === '' ? `${label} cleared` : `${label} set to ${displayValue(name, h.value, defs, pipelines, owners)}`,
    }));
  });
  return entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, ACTIVITY_LINES);
}

/**
 * What handoffs are matched by: addresses and mail domains, never names (anyone can sign "Acme Corp"). Contacts by
 * their email; companies by their domain; deals and tickets by their associated contacts' emails and companies' domains.
 */
async function matchKeys(client: HubSpotClient, ref: RecordRef, p: Record<string, string | null>): Promise<RecordView['match']> {
  const type = ref.objectTypeId;
  const domains = (values: (string | null | undefined)[]) => values.flatMap((v) => (v ? [normaliseDomain(v)] : [])).filter((d) => d !== '');
  if (type === OBJECT_TYPE_IDS.contact) return { emails: p.email ? [p.email] : [], domains: [] };
  if (type === OBJECT_TYPE_IDS.company) return { emails: [], domains: domains([p.domain]) };
  const emails = await associatedValues(client, ref, OBJECT_TYPE_IDS.contact, 'email');
  return { emails, domains: domains(await associatedValues(client, ref, OBJECT_TYPE_IDS.company, 'domain')) };
}

async function associatedValues(client: HubSpotClient, ref: RecordRef, toType: string, property: string): Promise<string[]> {
  const associations = await okOr(client.getAssociations(ref.objectTypeId, ref.objectId, toType), []);
  const values: string[] = [];
  for (const a of associations.slice(0, MAX_ASSOCIATED)) {
    const other = await client.getRecord(toType, a.toObjectId, [property]);
    const value = other.ok ? other.value.properties[property] : null;
    if (value) values.push(value);
  }
  return values;
}
