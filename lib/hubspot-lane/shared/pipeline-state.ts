import type { RecordRef, RecordView } from '@/lib/schemas/hubspot';
import type { HubSpotClient } from '@/lib/sites/hubspot/api-client';
import type { Pipeline } from '@/lib/sites/hubspot/api-schemas';
import { OBJECT_TYPE_IDS } from '@/lib/sites/hubspot/url';
import { pipelinePropertiesOf } from './option-sources';

/** The most tickets of a contact read to find its open one. */
const MAX_TICKETS = 5;

/**
 * Whether a record's stage is a closed one, as its pipeline says: deal stages carry `isClosed`, ticket stages
 * `ticketState` ("CLOSED"). Null when the pipeline or stage is unknown: nothing is concluded from it.
 */
export function stageClosed(pipelines: Pipeline[], objectTypeId: string, properties: Record<string, string | null>): boolean | null {
  const names = pipelinePropertiesOf(objectTypeId);
  const stageId = properties[names.stage];
  const pipeline = pipelines.find((p) => p.id === properties[names.pipeline]);
  const stage = pipeline?.stages.find((s) => s.id === stageId);
  if (!stage) return null;
  const meta = stage.metadata ?? {};
  if (typeof meta.ticketState === 'string') return meta.ticketState.toUpperCase() === 'CLOSED';
  if (meta.isClosed !== undefined) return String(meta.isClosed) === 'true';
  return null;
}

/**
 * A contact's tickets through v4 associations, each with whether it is open (its stage is not a closed one): where a
 * support thread's ticket proposals go. At most five are read; a ticket whose stage is unknown counts as not open.
 */
export async function contactTickets(client: HubSpotClient, ref: RecordRef): Promise<NonNullable<RecordView['tickets']>> {
  if (ref.objectTypeId !== OBJECT_TYPE_IDS.contact) return [];
  const associations = await client.getAssociations(ref.objectTypeId, ref.objectId, OBJECT_TYPE_IDS.ticket);
  if (!associations.ok || associations.value.length === 0) return [];
  // Two round trips whatever the count: the ticket pipelines and the tickets themselves, side by side.
  const ids = associations.value.slice(0, MAX_TICKETS).map((a) => a.toObjectId);
  const [pipelines, read] = await Promise.all([client.getPipelines(OBJECT_TYPE_IDS.ticket), client.batchReadRecords(OBJECT_TYPE_IDS.ticket, ids, ['subject', 'hs_pipeline', 'hs_pipeline_stage'])]);
  if (!pipelines.ok || !read.ok) return [];
  const tickets: NonNullable<RecordView['tickets']> = [];
  for (const id of ids) {
    const ticket = read.value.find((r) => r.id === id);
    if (!ticket) continue;
    const closed = stageClosed(pipelines.value, OBJECT_TYPE_IDS.ticket, ticket.properties);
    tickets.push({ id, name: ticket.properties.subject ?? `Ticket ${id}`, open: closed === false });
  }
  return tickets;
}
