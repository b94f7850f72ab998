import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ValueWithTimestamp } from '@/lib/sites/hubspot/api-schemas';
import { ENGAGEMENT_ASSOCIATION_TYPES, hubspotSeed, RECORD_ASSOCIATION_TYPES } from './fake-hubspot-seed';
import type { SpecOwner, SpecPipeline, SpecProperty } from './hubspot-spec-shapes';

// A local fake of HubSpot's CRM API (v3 objects/properties/owners/pipelines, v4 associations) built from the
// shapes of the published specification. It serves both path families: the app's session API (/api/crm/...,
// session cookie + CSRF header) and the public API (/crm/..., private-app bearer token). Any request whose
// shape it does not expect answers 400 and is recorded in `unexpected`, so tests can fail on it. What HubSpot
// itself refuses (a datetime not in ISO 8601 or epoch milliseconds, a `date` not at midnight UTC, a duplicate
// unique value, a stage outside the record's pipeline, an unknown owner, a token without the scope) it refuses
// the way HubSpot answers, without counting it as unexpected.

export { hubspotSeed } from './fake-hubspot-seed';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export type Failure =
  | { status: 429; policy?: 'TEN_SECONDLY_ROLLING' | 'DAILY'; retryAfterSeconds?: number }
  | { status: 400; body?: Record<string, unknown> }
  | { status: 500 | 502 | 503 };

export interface FakeRecord {
  id: string;
  properties: Record<string, string | null>;
  history: Record<string, ValueWithTimestamp[]>;
  createdAt: string;
  updatedAt: string;
}

export interface FakeHubSpotOptions {
  /** Answer for PATCH through the session API; HubSpot's behaviour there is unverified, so tests try both. */
  sessionWrites?: 'allowed' | 401 | 403 | 404 | 405;
  /** The portal the private-app token belongs to (account details); by default the seed's portal. */
  tokenPortalId?: string;
  /** The scopes granted to the private-app token; by default all it could need. */
  tokenScopes?: string[];
  /** Owners added after the seed's, for paging (HubSpot gives at most 500 a page). */
  extraOwners?: number;
  /**
   * How a 400 on a write names the refused properties: HubSpot sends `errors[]` with the packed
   * "Property values were not valid: [...]" message, or often only that message.
   */
  validationErrors?: 'errors-and-message' | 'message-only';
}

/** Every scope a private-app token of this product may hold. */
export const ALL_TOKEN_SCOPES = [
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'tickets',
  'crm.objects.custom.read',
  'crm.objects.custom.write',
  'crm.objects.owners.read',
  'crm.schemas.contacts.read',
  'crm.schemas.companies.read',
  'crm.schemas.deals.read',
  'crm.schemas.custom.read',
];
const SCOPE_NAMES: Record<string, string> = { '0-1': 'contacts', '0-2': 'companies', '0-3': 'deals' };
/**
 * The scope a token needs for an object type: tickets have one scope for all; custom objects share one; engagements
 * (notes, meetings, calls, emails, tasks) take the contacts scopes, as their specifications list.
 */
function objectScope(type: string, access: 'read' | 'write'): string {
  if (type === '0-5') return 'tickets';
  if (ENGAGEMENT_ASSOCIATION_TYPES[type]) return `crm.objects.contacts.${access}`;
  return `crm.objects.${SCOPE_NAMES[type] ?? 'custom'}.${access}`;
}
const schemaScope = (type: string) => (type === '0-5' ? 'tickets' : `crm.schemas.${SCOPE_NAMES[type] ?? 'custom'}.read`);
const MAX_LIMIT = 500;
/** The most inputs a batch read takes. */
const MAX_BATCH_INPUTS = 100;

export interface FakeHubSpot {
  url: string;
  requests: RecordedRequest[];
  unexpected: { method: string; url: string; reason: string }[];
  /** The X-HubSpot-Correlation-Id of every answer, in order. */
  correlationIds: string[];
  state: {
    csrf: string;
    records: Map<string, Map<string, FakeRecord>>;
    definitions: Record<string, SpecProperty[]>;
    /** Associations as pairs with the type id of each direction; records created with associations add theirs. */
    associations: { from: [string, string]; to: [string, string]; typeId: number; reverseTypeId?: number }[];
  };
  /** Another user edits a field in HubSpot. */
  setProperty(objectType: string, objectId: string, name: string, value: string | null): void;
  /** The next matching request(s) fail this way, after the auth check. */
  failNext(failure: Failure, times?: number): void;
  /** The next PATCH is saved, then answered with this 5xx (as when HubSpot times out after committing). */
  saveNextPatchThenFail(status: 500 | 502 | 503): void;
  /** The server's CSRF value changes (as after idling); requests with the old value get 403. */
  rotateCsrf(value: string): void;
  close(): Promise<void>;
}

const TYPE_ALIASES: Record<string, string> = {
  contacts: '0-1', contact: '0-1', companies: '0-2', company: '0-2', deals: '0-3', deal: '0-3', tickets: '0-5', ticket: '0-5',
  notes: '0-46', meetings: '0-47', calls: '0-48', emails: '0-49', tasks: '0-27',
};
const DEFAULT_PROPERTIES: Record<string, string[]> = {
  '0-1': ['firstname', 'lastname', 'email'],
  '0-2': ['name', 'domain'],
  '0-3': ['dealname', 'amount', 'closedate', 'pipeline', 'dealstage'],
  '0-5': ['subject', 'content', 'hs_pipeline', 'hs_pipeline_stage', 'hs_ticket_priority'],
  '0-27': ['hs_task_subject', 'hs_task_status', 'hs_timestamp'],
};
const ALWAYS_RETURNED = ['hs_object_id', 'createdate', 'lastmodifieddate'];

const errorBody = (category: string, message: string, extra: Record<string, unknown> = {}) => ({
  status: 'error',
  message,
  correlationId: randomUUID(),
  category,
  ...extra,
});

function cookiesOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0) out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export async function startFakeHubSpot(opts: FakeHubSpotOptions = {}): Promise<FakeHubSpot> {
  const seed = structuredClone(hubspotSeed);
  const requests: RecordedRequest[] = [];
  const unexpected: FakeHubSpot['unexpected'] = [];
  const failures: Failure[] = [];
  const correlationIds: string[] = [];
  let patchAnswerAfterSaving: 500 | 502 | 503 | null = null;
  const tokenPortalId = opts.tokenPortalId ?? seed.portalId;
  let lastClock = Date.parse('2024-03-20T12:00:00.000Z');
  // Strictly increasing timestamps, so every write visibly bumps updatedAt.
  const tick = () => (lastClock = Math.max(Date.now(), lastClock + 1));

  const records = new Map<string, Map<string, FakeRecord>>();
  for (const [type, list] of Object.entries(seed.records)) {
    const byId = new Map<string, FakeRecord>();
    for (const r of list) {
      const history: Record<string, ValueWithTimestamp[]> = {};
      for (const [name, value] of Object.entries(r.properties)) history[name] = [{ value, timestamp: r.createdAt, sourceType: 'CRM_UI', updatedByUserId: 7001 }];
      byId.set(r.id, { id: r.id, properties: { ...r.properties, hs_object_id: r.id, createdate: r.createdAt, lastmodifieddate: r.createdAt }, history, createdAt: r.createdAt, updatedAt: r.createdAt });
    }
    records.set(type, byId);
  }
  const state: FakeHubSpot['state'] = { csrf: seed.session.csrf, records, definitions: seed.definitions, associations: seed.associations };
  let nextCreatedId = 90_000_001;
  const owners: SpecOwner[] = [
    ...seed.owners,
    ...Array.from({ length: opts.extraOwners ?? 0 }, (_, i): SpecOwner => ({
      id: String(70000 + i),
      email: `rep${i}@northwind-sensors.example`,
      firstName: 'Rep',
      lastName: String(i),
      userId: 80000 + i,
      type: 'PERSON',
      archived: false,
      createdAt: '2023-01-09T10:00:00.000Z',
      updatedAt: '2024-01-09T10:00:00.000Z',
    })),
  ];
  const tokenScopes = new Set(opts.tokenScopes ?? ALL_TOKEN_SCOPES);
  const validationErrors = opts.validationErrors ?? 'errors-and-message';

  function write(record: FakeRecord, changes: Record<string, string | null>, sourceType: string) {
    const timestamp = new Date(tick()).toISOString();
    for (const [name, value] of Object.entries(changes)) {
      record.properties[name] = value;
      (record.history[name] ??= []).unshift({ value: value ?? '', timestamp, sourceType, updatedByUserId: sourceType === 'CRM_UI' ? 7002 : undefined });
    }
    record.properties.lastmodifieddate = timestamp;
    record.updatedAt = timestamp;
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const correlationId = isObject(body) && typeof body.correlationId === 'string' ? body.correlationId : randomUUID();
    res.writeHead(status, { 'Content-Type': 'application/json;charset=utf-8', 'X-HubSpot-Correlation-Id': correlationId, ...headers });
    correlationIds.push(correlationId);
    res.end(JSON.stringify(body));
  }

  function reject(req: IncomingMessage, res: ServerResponse, reason: string) {
    unexpected.push({ method: req.method ?? '', url: req.url ?? '', reason });
    send(res, 400, errorBody('VALIDATION_ERROR', `Fake HubSpot did not expect this request: ${reason}`));
  }

  function handle(req: IncomingMessage, res: ServerResponse, rawBody: string) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    let body: unknown = undefined;
    if (rawBody !== '') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body: rawBody });
        return reject(req, res, 'body is not JSON');
      }
    }
    requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body });

    let family: 'session' | 'token';
    let apiPath: string;
    if (url.pathname.startsWith('/api/crm/')) {
      family = 'session';
      apiPath = url.pathname.slice('/api'.length);
      if (header(req, 'authorization')) return reject(req, res, 'a bearer token was sent to the session API');
      const cookies = cookiesOf(req);
      if (cookies.hubspotapi !== seed.session.cookie) {
        return send(res, 401, errorBody('INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication.'));
      }
      const csrfHeader = header(req, 'x-hubspot-csrf-hubspotapi');
      if (!csrfHeader || csrfHeader !== state.csrf || cookies['hubspotapi-csrf'] !== state.csrf) {
        return send(res, 403, errorBody('FORBIDDEN', 'CSRF check failed.'));
      }
      if (url.searchParams.get('portalId') !== seed.portalId) return reject(req, res, 'portalId query missing or wrong');
    } else if (url.pathname.startsWith('/crm/')) {
      family = 'token';
      apiPath = url.pathname;
      if (header(req, 'authorization') !== `Bearer ${seed.token}`) {
        return send(res, 401, errorBody('INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication.'));
      }
      if (url.searchParams.has('portalId')) return reject(req, res, 'portalId query sent to the public API');
    } else if (url.pathname === '/account-info/v3/details') {
      // The account a private-app token belongs to (public API only).
      if (method !== 'GET') return reject(req, res, `${method} on account details`);
      if (header(req, 'authorization') !== `Bearer ${seed.token}`) {
        return send(res, 401, errorBody('INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication.'));
      }
      return send(res, 200, { portalId: Number(tokenPortalId), accountType: 'STANDARD', timeZone: 'Europe/London', companyCurrency: 'EUR', additionalCurrencies: [], utcOffset: '+00:00', utcOffsetMilliseconds: 0, uiDomain: 'app.hubspot.com', dataHostingLocation: 'eu1' });
    } else {
      return reject(req, res, `unknown path ${url.pathname}`);
    }

    const failure = failures.shift();
    if (failure) return sendFailure(res, failure);

    const repeated = [...new Set([...url.searchParams.keys()].filter((k) => url.searchParams.getAll(k).length > 1))];
    if (repeated.length > 0) return reject(req, res, `repeated query key ${repeated.join(',')}`);
    const limit = url.searchParams.get('limit');
    if (limit !== null && !(/^\d+$/.test(limit) && Number(limit) >= 1 && Number(limit) <= MAX_LIMIT)) return reject(req, res, `limit ${limit} outside 1..${MAX_LIMIT}`);
    /** A token without the scope is refused the way HubSpot does; the session carries the user's own rights. */
    const missingScope = (scope: string) => {
      if (family !== 'token' || tokenScopes.has(scope)) return false;
      send(res, 403, errorBody('MISSING_SCOPES', "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.", {
        errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: [scope] } }],
        links: { scopes: 'https://developers.hubspot.com/scopes' },
      }));
      return true;
    };

    const query = Object.fromEntries(url.searchParams);
    const allowQuery = (...names: string[]) => {
      const extra = Object.keys(query).filter((k) => k !== 'portalId' && !names.includes(k));
      return extra.length === 0 ? null : `unexpected query ${extra.join(',')}`;
    };
    const seg = apiPath.split('/').filter(Boolean).map(decodeURIComponent);
    const typeOf = (raw: string | undefined) => (raw === undefined ? undefined : TYPE_ALIASES[raw] ?? raw);

    // GET /crm/v3/properties/{type}
    if (seg[1] === 'v3' && seg[2] === 'properties' && seg.length === 4) {
      if (method !== 'GET') return reject(req, res, `${method} on properties`);
      const bad = allowQuery('archived');
      if (bad) return reject(req, res, bad);
      const type = typeOf(seg[3]) ?? '';
      const defs = state.definitions[type];
      if (!defs) return send(res, 400, errorBody('VALIDATION_ERROR', `Unable to infer object type from: ${seg[3]}`));
      if (missingScope(schemaScope(type))) return;
      return send(res, 200, { results: defs });
    }
    // POST /crm/v3/objects/{type}/batch/read
    if (seg[1] === 'v3' && seg[2] === 'objects' && seg[4] === 'batch' && seg[5] === 'read' && seg.length === 6) {
      if (method !== 'POST') return reject(req, res, `${method} on batch read`);
      const bad = allowQuery('archived');
      if (bad) return reject(req, res, bad);
      const type = typeOf(seg[3]) ?? '';
      const defs = state.definitions[type];
      if (!defs) return send(res, 400, errorBody('VALIDATION_ERROR', `Unable to infer object type from: ${seg[3]}`));
      // The spec's BatchReadInputSimplePublicObjectId: inputs, properties and propertiesWithHistory are all required.
      const ids = isObject(body) && Array.isArray(body.inputs) ? body.inputs.map((i: unknown) => (isObject(i) && typeof i.id === 'string' ? i.id : null)) : null;
      const names = isObject(body) && Array.isArray(body.properties) && body.properties.every((n) => typeof n === 'string') ? (body.properties as string[]) : null;
      const withHistory = isObject(body) && Array.isArray(body.propertiesWithHistory) && body.propertiesWithHistory.every((n) => typeof n === 'string') ? (body.propertiesWithHistory as string[]) : null;
      if (!ids || ids.some((id) => id === null) || !names || !withHistory) return reject(req, res, 'batch read body is not { inputs: [{ id }], properties, propertiesWithHistory }');
      if (ids.length > MAX_BATCH_INPUTS) return send(res, 400, errorBody('VALIDATION_ERROR', `Batch input is limited to ${MAX_BATCH_INPUTS} inputs; ${ids.length} were sent.`));
      if (missingScope(objectScope(type, 'read'))) return;
      const startedAt = new Date().toISOString();
      const found = (ids as string[]).flatMap((id) => { const r = records.get(type)?.get(id); return r ? [r] : []; });
      const missing = (ids as string[]).filter((id) => !records.get(type)?.has(id));
      const answer: Record<string, unknown> = { status: 'COMPLETE', results: found.map((r) => recordView(r, defs, names, withHistory)), startedAt, completedAt: new Date().toISOString() };
      if (missing.length === 0) return send(res, 200, answer);
      // Ids it cannot find: 207, the records it found and one error naming the others.
      const notFound = { status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some objects, they may be deleted or not exist.', context: { ids: missing }, errors: [], links: {} };
      return send(res, 207, { ...answer, numErrors: 1, errors: [notFound] });
    }
    // POST /crm/v3/objects/{type}: create, with associations in the body (SimplePublicObjectInputForCreate)
    if (seg[1] === 'v3' && seg[2] === 'objects' && seg.length === 4 && method === 'POST') {
      const bad = allowQuery();
      if (bad) return reject(req, res, bad);
      if (header(req, 'content-type')?.startsWith('application/json') !== true) return reject(req, res, 'POST without a JSON content type');
      const type = typeOf(seg[3]) ?? '';
      const defs = state.definitions[type];
      if (!defs) return send(res, 400, errorBody('VALIDATION_ERROR', `Unable to infer object type from: ${seg[3]}`));
      if (!isObject(body) || !isObject(body.properties) || (body.associations !== undefined && !Array.isArray(body.associations)) || Object.keys(body).some((k) => !['properties', 'associations', 'objectWriteTraceId'].includes(k))) {
        return reject(req, res, 'create body is not { properties: {...}, associations: [...] }');
      }
      if (family === 'session' && opts.sessionWrites !== undefined && opts.sessionWrites !== 'allowed') {
        return send(res, opts.sessionWrites, errorBody('FORBIDDEN', 'This action is not available with this authentication.'));
      }
      if (missingScope(objectScope(type, 'write'))) return;
      const links = associationsOf(type, (body.associations ?? []) as unknown[]);
      if ('reject' in links) return reject(req, res, links.reject);
      if ('invalid' in links) return send(res, 400, errorBody('VALIDATION_ERROR', links.invalid));
      const blank: FakeRecord = { id: '', properties: {}, history: {}, createdAt: '', updatedAt: '' };
      const problems = validate(defs, body.properties, { record: blank, owners, pipelines: seed.pipelines[type] ?? [], stage: stagePropertiesOf(type) });
      // Engagements need their date: HubSpot refuses one created without hs_timestamp.
      if (ENGAGEMENT_ASSOCIATION_TYPES[type] && typeof body.properties.hs_timestamp !== 'string') problems.push({ name: 'hs_timestamp', code: 'REQUIRED', message: 'Property "hs_timestamp" is required' });
      if (problems.length > 0) {
        const legacy = problems.map((p) => ({ isValid: false, message: p.message, error: p.code, name: p.name }));
        const details = validationErrors === 'message-only' ? {} : { errors: problems.map((p) => ({ message: p.message, code: p.code, context: { propertyName: [p.name] } })) };
        return send(res, 400, errorBody('VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(legacy)}`, details));
      }
      const duplicate = duplicateOf(type, blank, defs, body.properties as Record<string, string>);
      if (duplicate) return send(res, 409, errorBody('CONFLICT', duplicateMessage(type, duplicate)));
      const now = new Date(tick()).toISOString();
      const id = String(nextCreatedId++);
      const created: FakeRecord = { id, properties: { hs_object_id: id, createdate: now, lastmodifieddate: now }, history: {}, createdAt: now, updatedAt: now };
      write(created, body.properties as Record<string, string>, family === 'token' ? 'INTEGRATION' : 'CRM_UI');
      created.updatedAt = now;
      created.properties.lastmodifieddate = now;
      if (!records.has(type)) records.set(type, new Map());
      records.get(type)?.set(id, created);
      for (const link of links.pairs) state.associations.push({ from: [type, id], to: link.to, typeId: link.typeId, reverseTypeId: link.reverseTypeId });
      const entity = recordView(created, defs, Object.keys(body.properties), []);
      return send(res, 201, { createdResourceId: id, entity, location: `${url.origin}${url.pathname}/${id}` });
    }
    // /crm/v3/objects/{type}/{id}
    if (seg[1] === 'v3' && seg[2] === 'objects' && seg.length === 5) {
      const type = typeOf(seg[3]) ?? '';
      const defs = state.definitions[type];
      const record = records.get(type)?.get(seg[4] ?? '');
      if (!defs) return send(res, 400, errorBody('VALIDATION_ERROR', `Unable to infer object type from: ${seg[3]}`));
      if (method === 'GET') {
        const bad = allowQuery('properties', 'propertiesWithHistory', 'associations', 'archived');
        if (bad) return reject(req, res, bad);
        if (missingScope(objectScope(type, 'read'))) return;
        if (!record) return send(res, 404, errorBody('OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.', { context: { id: [seg[4]] } }));
        return send(res, 200, recordView(record, defs, query.properties?.split(',') ?? DEFAULT_PROPERTIES[type] ?? [], query.propertiesWithHistory?.split(',') ?? []));
      }
      if (method === 'PATCH') {
        const bad = allowQuery();
        if (bad) return reject(req, res, bad);
        if (header(req, 'content-type')?.startsWith('application/json') !== true) return reject(req, res, 'PATCH without a JSON content type');
        if (family === 'session' && opts.sessionWrites !== undefined && opts.sessionWrites !== 'allowed') {
          return send(res, opts.sessionWrites, errorBody('FORBIDDEN', 'This action is not available with this authentication.'));
        }
        if (!isObject(body) || Object.keys(body).length !== 1 || !isObject(body.properties)) return reject(req, res, 'PATCH body is not { properties: {...} }');
        if (missingScope(objectScope(type, 'write'))) return;
        if (!record) return send(res, 404, errorBody('OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.'));
        const problems = validate(defs, body.properties, { record, owners, pipelines: seed.pipelines[type] ?? [], stage: stagePropertiesOf(type) });
        if (problems.length > 0) {
          const legacy = problems.map((p) => ({ isValid: false, message: p.message, error: p.code, name: p.name }));
          const details = validationErrors === 'message-only' ? {} : { errors: problems.map((p) => ({ message: p.message, code: p.code, context: { propertyName: [p.name] } })) };
          return send(res, 400, errorBody('VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(legacy)}`, details));
        }
        const changes = body.properties as Record<string, string>;
        const duplicate = duplicateOf(type, record, defs, changes);
        if (duplicate) {
          // HubSpot's answer names the record holding the value; for a contact's email it is "Contact already exists".
          return send(res, 409, errorBody('CONFLICT', duplicateMessage(type, duplicate)));
        }
        write(record, changes, family === 'token' ? 'INTEGRATION' : 'CRM_UI');
        if (patchAnswerAfterSaving !== null) {
          const status = patchAnswerAfterSaving;
          patchAnswerAfterSaving = null;
          return sendFailure(res, { status });
        }
        return send(res, 200, recordView(record, defs, [...Object.keys(changes), ...ALWAYS_RETURNED], []));
      }
      return reject(req, res, `${method} on a record`);
    }
    // GET /crm/v4/objects/{type}/{id}/associations/{toType}
    if (seg[1] === 'v4' && seg[2] === 'objects' && seg[5] === 'associations' && seg.length === 7) {
      if (method !== 'GET') return reject(req, res, `${method} on associations`);
      const bad = allowQuery('limit', 'after');
      if (bad) return reject(req, res, bad);
      const from = typeOf(seg[3]) ?? '';
      const to = typeOf(seg[6]) ?? '';
      for (const [raw, known] of [[seg[3], from], [seg[6], to]] as const) {
        if (!state.definitions[known]) return send(res, 400, errorBody('VALIDATION_ERROR', `Unable to infer object type from: ${raw}`));
      }
      if (missingScope(objectScope(from, 'read')) || missingScope(objectScope(to, 'read'))) return;
      const results = state.associations.flatMap((a) => {
        if (a.from[0] === from && a.from[1] === seg[4] && a.to[0] === to) return [{ id: a.to[1], typeId: a.typeId }];
        if (a.to[0] === from && a.to[1] === seg[4] && a.from[0] === to) return [{ id: a.from[1], typeId: a.reverseTypeId ?? a.typeId + 1 }];
        return [];
      });
      return send(res, 200, { results: results.map((r) => ({ toObjectId: Number(r.id), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: r.typeId, label: null }] })) });
    }
    // GET /crm/v3/owners
    if (seg[1] === 'v3' && seg[2] === 'owners' && seg.length === 3) {
      if (method !== 'GET') return reject(req, res, `${method} on owners`);
      const bad = allowQuery('limit', 'after', 'email', 'archived');
      if (bad) return reject(req, res, bad);
      if (missingScope('crm.objects.owners.read')) return;
      // HubSpot's cursor is opaque; here it is the offset of the next page.
      const start = query.after === undefined ? 0 : Number(query.after);
      if (!Number.isInteger(start) || start < 0) return send(res, 400, errorBody('VALIDATION_ERROR', `Invalid after: ${query.after}`));
      const size = Number(query.limit ?? 100);
      const listed = owners.filter((o) => o.archived === (query.archived === 'true'));
      const page = listed.slice(start, start + size);
      const next = start + size < listed.length ? { paging: { next: { after: String(start + size), link: `${url.origin}${url.pathname}?after=${start + size}` } } } : {};
      return send(res, 200, { results: page, ...next });
    }
    // GET /crm/v3/pipelines/{type}
    if (seg[1] === 'v3' && seg[2] === 'pipelines' && seg.length === 4) {
      if (method !== 'GET') return reject(req, res, `${method} on pipelines`);
      const bad = allowQuery();
      if (bad) return reject(req, res, bad);
      const type = typeOf(seg[3]) ?? '';
      const pipelines = seed.pipelines[type];
      if (!pipelines) return send(res, 400, errorBody('VALIDATION_ERROR', `Unable to infer object type from: ${seg[3]}`));
      if (missingScope(objectScope(type, 'read'))) return;
      return send(res, 200, { results: pipelines });
    }
    return reject(req, res, `no such endpoint ${method} ${apiPath}`);
  }

  function sendFailure(res: ServerResponse, failure: Failure) {
    if (failure.status === 429) {
      const policy = failure.policy ?? 'TEN_SECONDLY_ROLLING';
      const headers: Record<string, string> = {
        'X-HubSpot-RateLimit-Daily': '250000',
        'X-HubSpot-RateLimit-Daily-Remaining': policy === 'DAILY' ? '0' : '249100',
        'X-HubSpot-RateLimit-Secondly': '19',
        'X-HubSpot-RateLimit-Secondly-Remaining': '0',
      };
      if (failure.retryAfterSeconds !== undefined) headers['Retry-After'] = String(failure.retryAfterSeconds);
      const message = policy === 'DAILY' ? 'You have reached your daily limit.' : 'You have reached your secondly limit.';
      return send(res, 429, { status: 'error', message, errorType: 'RATE_LIMIT', correlationId: randomUUID(), policyName: policy }, headers);
    }
    if (failure.status === 400) return send(res, 400, failure.body ?? errorBody('VALIDATION_ERROR', 'Invalid input.'));
    return send(res, failure.status, errorBody('INTERNAL_ERROR', 'Internal error.'));
  }

  /**
   * The associations of a create, as HubSpot reads them: each `{ to: { id }, types: [{ associationCategory, associationTypeId }] }`;
   * the type id says what type the other record is. An unknown type id or a record that does not exist is refused.
   */
  function associationsOf(type: string, list: unknown[]): { pairs: { to: [string, string]; typeId: number; reverseTypeId: number }[] } | { reject: string } | { invalid: string } {
    const pairs: { to: [string, string]; typeId: number; reverseTypeId: number }[] = [];
    for (const entry of list) {
      const to = isObject(entry) && isObject(entry.to) && typeof entry.to.id === 'string' ? entry.to.id : null;
      const types = isObject(entry) && Array.isArray(entry.types) ? entry.types : null;
      if (!to || !types || types.length === 0) return { reject: 'association is not { to: { id }, types: [...] }' };
      for (const t of types) {
        if (!isObject(t) || typeof t.associationTypeId !== 'number' || !['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED'].includes(String(t.associationCategory))) {
          return { reject: 'association type is not { associationCategory, associationTypeId }' };
        }
        const known = [...Object.entries(ENGAGEMENT_ASSOCIATION_TYPES[type] ?? {}).map(([toType, [forward, reverse]]) => [toType, forward, reverse] as const), ...(RECORD_ASSOCIATION_TYPES[type] ?? [])];
        const pair = known.find(([, forward]) => forward === t.associationTypeId);
        if (!pair || t.associationCategory !== 'HUBSPOT_DEFINED') return { invalid: `${String(t.associationCategory)} association type ${t.associationTypeId} is not valid from ${type}.` };
        const [toType, typeId, reverseTypeId] = pair;
        if (!records.get(toType)?.has(to)) return { invalid: `No ${toType} with id ${to} to associate.` };
        pairs.push({ to: [toType, to], typeId, reverseTypeId });
      }
    }
    return { pairs };
  }

  /** HubSpot's answer names the record holding the value; for a contact's email it is "Contact already exists". */
  function duplicateMessage(type: string, duplicate: { name: string; value: string; existingId: string }) {
    return duplicate.name === 'email' && type === '0-1' ? `Contact already exists. Existing ID: ${duplicate.existingId}` : `A record already has ${duplicate.name} = ${duplicate.value}. Existing ID: ${duplicate.existingId}`;
  }

  /** Another record of the type already holding a unique property's new value (emails compared without case). */
  function duplicateOf(type: string, record: FakeRecord, defs: SpecProperty[], changes: Record<string, string>) {
    for (const [name, value] of Object.entries(changes)) {
      if (value === '' || defs.find((d) => d.name === name)?.hasUniqueValue !== true) continue;
      const same = (other: string | null | undefined) => (other ?? '').toLowerCase() === value.toLowerCase();
      const holder = [...(records.get(type)?.values() ?? [])].find((r) => r.id !== record.id && same(r.properties[name]));
      if (holder) return { name, value, existingId: holder.id };
    }
    return null;
  }

  function recordView(record: FakeRecord, defs: SpecProperty[], names: string[], withHistory: string[]) {
    const known = (n: string) => defs.some((d) => d.name === n);
    const properties: Record<string, string | null> = {};
    for (const name of [...names, ...ALWAYS_RETURNED]) if (known(name)) properties[name] = record.properties[name] ?? null;
    const view: Record<string, unknown> = { id: record.id, properties, createdAt: record.createdAt, updatedAt: record.updatedAt, archived: false };
    if (withHistory.length > 0) {
      view.propertiesWithHistory = Object.fromEntries(withHistory.filter(known).map((n) => [n, record.history[n] ?? []]));
    }
    return view;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    unexpected,
    correlationIds,
    state,
    setProperty(objectType, objectId, name, value) {
      const record = records.get(TYPE_ALIASES[objectType] ?? objectType)?.get(objectId);
      if (!record) throw new Error(`fake HubSpot has no record ${objectType}/${objectId}`);
      write(record, { [name]: value }, 'CRM_UI');
    },
    saveNextPatchThenFail(status) {
      patchAnswerAfterSaving = status;
    },
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    rotateCsrf(value) {
      state.csrf = value;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const stagePropertiesOf = (type: string) => (type === '0-3' ? { pipeline: 'pipeline', stage: 'dealstage' } : { pipeline: 'hs_pipeline', stage: 'hs_pipeline_stage' });

interface WriteContext {
  record: FakeRecord;
  owners: SpecOwner[];
  pipelines: SpecPipeline[];
  stage: { pipeline: string; stage: string };
}

/**
 * HubSpot's checks on a PATCH: unknown, read-only, wrongly typed and out-of-option values; owners that do not
 * exist; a stage that is not one of the record's pipeline (the pipeline as it will be after this PATCH).
 */
function validate(defs: SpecProperty[], properties: Record<string, unknown>, context: WriteContext): { name: string; code: string; message: string }[] {
  const problems: { name: string; code: string; message: string }[] = [];
  const pipelineAfter = typeof properties[context.stage.pipeline] === 'string' ? (properties[context.stage.pipeline] as string) : context.record.properties[context.stage.pipeline];
  for (const [name, value] of Object.entries(properties)) {
    const def = defs.find((d) => d.name === name);
    if (!def) problems.push({ name, code: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` });
    else if (typeof value !== 'string') problems.push({ name, code: 'INVALID_PROPERTY_VALUE', message: `Property "${name}" must be sent as a string` });
    else if (def.calculated === true || def.modificationMetadata?.readOnlyValue === true || def.fieldType === 'calculation_equation') {
      problems.push({ name, code: 'READ_ONLY_VALUE', message: `"${name}" is a read only property; its value cannot be set.` });
    } else if (value !== '' && def.referencedObjectType === 'OWNER') {
      if (!context.owners.some((o) => o.id === value && !o.archived)) problems.push({ name, code: 'INVALID_OWNER_ID', message: `${value} is not a valid owner id` });
    } else if (value !== '' && name === context.stage.stage) {
      const pipeline = context.pipelines.find((p) => p.id === pipelineAfter);
      if (!pipeline?.stages.some((st) => st.id === value)) problems.push({ name, code: 'INVALID_OPTION', message: `${value} is not a valid stage of pipeline ${pipelineAfter ?? '(none)'}` });
    } else if (value !== '') {
      const problem = valueProblem(def, value);
      if (problem) problems.push({ name, ...problem });
    }
  }
  return problems;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const EPOCH_MS = /^\d+$/;
const DAY_MS = 86_400_000;
/** A real calendar day: Date.parse would roll 2024-02-30 over to March. */
const isRealDay = (day: string) => new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
/** Milliseconds of a value in a form HubSpot reads (ISO 8601 date or datetime, epoch milliseconds), else null. */
function instantOf(value: string): number | null {
  if (EPOCH_MS.test(value)) return Number(value);
  if (!ISO_DATE.test(value) && !ISO_DATETIME.test(value)) return null;
  if (!isRealDay(value.slice(0, 10))) return null;
  const ms = Date.parse(ISO_DATE.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? null : ms;
}

function valueProblem(def: SpecProperty, value: string): { code: string; message: string } | null {
  switch (def.type) {
    case 'enumeration': {
      const allowed = def.options.map((o) => o.value);
      const parts = def.fieldType === 'checkbox' ? value.split(';') : [value];
      const wrong = parts.find((p) => !allowed.includes(p));
      return wrong === undefined ? null : { code: 'INVALID_OPTION', message: `${wrong} was not one of the allowed options: [${allowed.join(', ')}]` };
    }
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value) ? null : { code: 'INVALID_DOUBLE', message: `${value} is not a valid number` };
    case 'bool':
      return value === 'true' || value === 'false' ? null : { code: 'INVALID_BOOLEAN', message: `${value} is not a valid boolean` };
    case 'date': {
      const ms = instantOf(value);
      if (ms === null) return { code: 'INVALID_DATE', message: `${value} is not a valid date: use YYYY-MM-DD or epoch milliseconds` };
      return ms % DAY_MS === 0 ? null : { code: 'INVALID_DATE', message: `${value} is not at midnight UTC: a date property takes only midnight UTC` };
    }
    case 'datetime':
      return instantOf(value) === null ? { code: 'INVALID_DATETIME', message: `${value} is not a valid datetime: use ISO 8601 or epoch milliseconds` } : null;
    default:
      return null;
  }
}

/**
 * A fetch that behaves like the browser on HubSpot's page: it attaches the page's cookies to requests
 * made with credentials 'include' (Node's fetch has no cookie jar).
 */
export function browserSessionFetch(cookies: () => Record<string, string>): (input: string, init: RequestInit) => Promise<Response> {
  return (input, init) => {
    if (init.credentials !== 'include') return fetch(input, init);
    const headers = new Headers(init.headers);
    headers.set('Cookie', Object.entries(cookies()).map(([k, v]) => `${k}=${v}`).join('; '));
    return fetch(input, { ...init, headers });
  };
}
