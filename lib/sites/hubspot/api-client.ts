import { z } from 'zod';
import type { AppError } from '@/lib/schemas/errors';
import { type Association, associationsResponseSchema, batchReadResponseSchema, createdRecordSchema, type CrmRecord, crmRecordSchema, type NewAssociation, type HubSpotErrorBody, hubspotErrorBodySchema, type Owner, ownersResponseSchema, type Pipeline, pipelinesResponseSchema, propertiesResponseSchema } from './api-schemas';
import type { PropertyDefinition } from '@/lib/schemas/hubspot';
import { CSRF_COOKIE, CSRF_COOKIE_FALLBACK, CSRF_HEADER } from './selectors';
import { lazySchema } from '@/lib/schemas/lazy-schema';

/** HubSpot's complaint about one property of a write. */
export interface PropertyError {
  property: string;
  code: string;
  message: string;
}

/** An AppError with what HubSpot said; assignable to Result<T>'s error. */
export interface HubSpotError extends AppError {
  status?: number;
  correlationId?: string;
  propertyErrors?: PropertyError[];
}
/**
 * A success carries HubSpot's correlation id when it sent one (header X-HubSpot-Correlation-Id), and, for lists,
 * how many entries did not parse and were left out.
 */
export type HubSpotResult<T> = { ok: true; value: T; correlationId?: string; skipped?: number } | { ok: false; error: HubSpotError };

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

interface CommonOptions {
  fetch: FetchLike;
  /** Waits between rate-limited tries; injectable so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
  /** Tries per request when HubSpot answers 429 TEN_SECONDLY_ROLLING (default 4: waits of 2, 4 and 8 s outlast its ten-second window). */
  maxTries?: number;
}
export type HubSpotClientOptions =
  | (CommonOptions & {
      mode: 'session';
      /** The page's origin, e.g. https://app-eu1.hubspot.com */
      origin: string;
      portalId: string;
      readCookie: (name: string) => string | null;
    })
  | (CommonOptions & { mode: 'token'; token: string; baseUrl?: string; portalId?: string });

export interface HubSpotClient {
  readonly mode: 'session' | 'token';
  /** Property definitions of an object type; cached per portal and type for the client's life. */
  getProperties(objectType: string): Promise<HubSpotResult<PropertyDefinition[]>>;
  getRecord(
    objectType: string,
    objectId: string,
    properties: string[],
    propertiesWithHistory?: string[],
  ): Promise<HubSpotResult<CrmRecord>>;
  getAssociations(objectType: string, objectId: string, toObjectType: string): Promise<HubSpotResult<Association[]>>;
  /** Every owner of the portal, page after page (`after` cursor). */
  getOwners(): Promise<HubSpotResult<Owner[]>>;
  getPipelines(objectType: string): Promise<HubSpotResult<Pipeline[]>>;
  /** Records of one type by id, in one batch read (at most BATCH_READ_LIMIT ids); records that do not parse are counted in `skipped`. */
  batchReadRecords(objectType: string, ids: string[], properties: string[]): Promise<HubSpotResult<CrmRecord[]>>;
  /** One POST creating an object with its associations (`SimplePublicObjectInputForCreate`). */
  createRecord(objectType: string, properties: Record<string, string>, associations: NewAssociation[]): Promise<HubSpotResult<CrmRecord>>;
  /** One PATCH of the given properties; values are strings, '' clears a value. */
  updateRecord(objectType: string, objectId: string, properties: Record<string, string>): Promise<HubSpotResult<CrmRecord>>;
}

export const HUBSPOT_API_BASE_URL = 'https://api.hubapi.com';
const DEFAULT_MAX_TRIES = 4;
/** HubSpot names every answer with a correlation id; errors repeat it in the body. */
const CORRELATION_HEADER = 'X-HubSpot-Correlation-Id';
/** Waits after a ten-secondly 429 without Retry-After: doubling from 2 s, at most 8 s each (2 + 4 + 8 > 10 s). */
const SECONDLY_FIRST_WAIT_MS = 2000;
const SECONDLY_MAX_WAIT_MS = 8000;
/** The most HubSpot returns per page of a list (a larger `limit` is refused). */
export const PAGE_LIMIT = 500;
/** Owners are read page by page up to this many pages (10,000 owners): a bound, not a portal's real size. */
const MAX_OWNER_PAGES = 20;
/** The most ids one batch read takes. */
export const BATCH_READ_LIMIT = 100;

export const SESSION_WRITE_REFUSED_MESSAGE =
  'HubSpot refused the write through your session: ask an admin to set a private-app token in Options.';

const err = (code: string, message: string, nextStep: string, extra: Partial<HubSpotError> = {}): HubSpotResult<never> => ({
  ok: false,
  error: { code, message, nextStep, ...extra },
});

export function createHubSpotClient(opts: HubSpotClientOptions): HubSpotClient {
  const doFetch = opts.fetch;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxTries = opts.maxTries ?? DEFAULT_MAX_TRIES;
  const portalKey = opts.portalId ?? 'token';
  const propertyCache = new Map<string, { items: PropertyDefinition[]; skipped: number }>();

  function readCsrf(): string | null {
    if (opts.mode !== 'session') return null;
    return opts.readCookie(CSRF_COOKIE) ?? opts.readCookie(CSRF_COOKIE_FALLBACK);
  }

  function requestFor(method: string, path: string, query: URLSearchParams, body: unknown): HubSpotResult<{ url: string; init: RequestInit }> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = JSON.stringify(body);
    if (opts.mode === 'session') {
      const csrf = readCsrf();
      if (!csrf) {
        return err('hubspot.not_signed_in', 'You do not seem to be signed in to HubSpot in this tab.', 'Sign in to HubSpot, then reload the page.');
      }
      headers[CSRF_HEADER] = csrf;
      init.credentials = 'include';
      const q = new URLSearchParams(query);
      q.set('portalId', opts.portalId);
      return { ok: true, value: { url: `${opts.origin}/api${path}?${q.toString()}`, init } };
    }
    headers.Authorization = `Bearer ${opts.token}`;
    const qs = query.toString();
    return { ok: true, value: { url: `${opts.baseUrl ?? HUBSPOT_API_BASE_URL}${path}${qs ? `?${qs}` : ''}`, init } };
  }

  /** `write`: the request changes HubSpot (a PATCH, a create), as opposed to a read sent as POST (batch read). */
  async function call<T>(
    method: 'GET' | 'PATCH' | 'POST',
    path: string,
    query: URLSearchParams,
    schema: z.ZodType<T, unknown>,
    body?: unknown,
    write = method === 'PATCH',
  ): Promise<HubSpotResult<T>> {
    let csrfRetried = false;
    let rateLimitedTries = 0;
    for (;;) {
      const request = requestFor(method, path, query, body);
      if (!request.ok) return request;
      let response: Response;
      try {
        response = await doFetch(request.value.url, request.value.init);
      } catch (cause) {
        return err('hubspot.unreachable', `Could not reach HubSpot (${cause instanceof Error ? cause.message : 'network error'}).`, 'Check your connection and try again.');
      }
      const text = await response.text();
      // A 403 after the rep was idle can be a stale CSRF value: the next request reads the cookie again.
      if (response.status === 403 && opts.mode === 'session' && !csrfRetried) {
        csrfRetried = true;
        continue;
      }
      if (response.status === 429) {
        rateLimitedTries += 1;
        const limit = rateLimitOf(response, parseErrorBody(text), rateLimitedTries);
        if (!limit.daily && rateLimitedTries < maxTries) {
          await sleep(limit.waitMs);
          continue;
        }
        return limit.daily
          ? err('hubspot.rate_limited', "HubSpot's daily API limit for this account is used up.", 'Try again tomorrow, or ask an admin about the limit.', limit.retryAfterMs === undefined ? { status: 429 } : { status: 429, retryAfterMs: limit.retryAfterMs })
          : err('hubspot.rate_limited', 'HubSpot is receiving too many requests right now.', 'Wait a few seconds and try again.', { status: 429, retryAfterMs: limit.waitMs });
      }
      if (response.ok) {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          return err('hubspot.bad_response', 'HubSpot answered with something that is not JSON.', 'Reload the page and try again.', { status: response.status });
        }
        const parsed = schema.safeParse(json);
        if (!parsed.success) {
          return err('hubspot.bad_response', `HubSpot's answer did not have the expected shape (${parsed.error.issues[0]?.path.join('.') ?? 'root'}).`, 'Reload the page; if it persists, report it with the time it happened.', { status: response.status });
        }
        const correlationId = response.headers.get(CORRELATION_HEADER);
        return correlationId ? { ok: true, value: parsed.data, correlationId } : { ok: true, value: parsed.data };
      }
      return errorFor(response.status, parseErrorBody(text), write, response.headers.get(CORRELATION_HEADER), body);
    }
  }

  function errorFor(status: number, body: HubSpotErrorBody | null, write: boolean, headerCorrelationId: string | null, sent: unknown): HubSpotResult<never> {
    const correlationId = body?.correlationId ?? headerCorrelationId;
    const extra: Partial<HubSpotError> = correlationId ? { status, correlationId } : { status };
    if (opts.mode === 'session' && write && [401, 403, 404, 405].includes(status)) {
      return err('hubspot.session_write_refused', SESSION_WRITE_REFUSED_MESSAGE, 'Nothing was written. Ask an admin to set a private-app token in Options, then approve again.', extra);
    }
    switch (status) {
      case 400: {
        const propertyErrors = propertyErrorsOf(body);
        const first = propertyErrors[0];
        const message = first ? `HubSpot refused ${first.property}: ${first.message}` : `HubSpot refused the request: ${body?.message ?? 'no reason given'}`;
        return err('hubspot.validation', message, 'Correct the value, then approve again.', { ...extra, propertyErrors });
      }
      case 401:
        return opts.mode === 'session'
          ? err('hubspot.not_signed_in', 'HubSpot says you are not signed in.', 'Sign in to HubSpot in this tab, then reload the page.', extra)
          : err('hubspot.not_signed_in', 'HubSpot refused the private-app token set in Options.', 'Ask an admin to check the token in Options.', extra);
      case 403:
        if (body?.category === 'MISSING_SCOPES') {
          const scopes = missingScopesOf(body);
          return err('hubspot.missing_scopes', `The private-app token lacks the scope${scopes.length === 1 ? '' : 's'} HubSpot requires for this${scopes.length > 0 ? `: ${scopes.join(', ')}` : ''}.`, 'Ask an admin to add the scopes to the private app in HubSpot (Settings → Integrations → Private apps).', extra);
        }
        return err('hubspot.no_permission', 'Your HubSpot account has no permission for this record or action.', 'Ask a HubSpot admin for access (or, for a token, the missing scopes).', extra);
      case 409: {
        const property = write ? uniquePropertyOf(body, sentProperties(sent)) : null;
        const propertyErrors = property ? [{ property, code: 'CONFLICT', message: `another record already has this ${property}` }] : [];
        return err('hubspot.duplicate_value', property ? `Another record already has this ${property}.` : `HubSpot refused a duplicate value: ${body?.message ?? 'another record already holds it'}.`, 'Open the other record (merge them in HubSpot if they are the same), or correct the value and approve again.', { ...extra, propertyErrors });
      }
      case 404:
        return err('hubspot.not_found', 'HubSpot has no such record (it may have been deleted or merged).', 'Reload the page to open the current record.', extra);
      default:
        return status >= 500
          ? err('hubspot.unavailable', `HubSpot had a problem answering (${status}).`, 'Try again in a minute.', extra)
          : err('hubspot.unexpected_status', `HubSpot answered ${status}${body ? `: ${body.message}` : ''}.`, 'Reload the page and try again.', extra);
    }
  }

  return {
    mode: opts.mode,
    async getProperties(objectType) {
      const key = `${portalKey}/${objectType}`;
      const cached = propertyCache.get(key);
      if (cached) return { ok: true, value: cached.items, skipped: cached.skipped };
      const result = await call('GET', `/crm/v3/properties/${enc(objectType)}`, new URLSearchParams(), propertiesResponseSchema);
      if (!result.ok) return result;
      // Cached with its skipped count, so a later read reports it too.
      const { items, skipped } = result.value.results;
      propertyCache.set(key, { items, skipped });
      return { ok: true, value: items, skipped };
    },
    getRecord(objectType, objectId, properties, propertiesWithHistory = []) {
      const query = new URLSearchParams();
      if (properties.length > 0) query.set('properties', properties.join(','));
      if (propertiesWithHistory.length > 0) query.set('propertiesWithHistory', propertiesWithHistory.join(','));
      return call('GET', `/crm/v3/objects/${enc(objectType)}/${enc(objectId)}`, query, crmRecordSchema);
    },
    async getAssociations(objectType, objectId, toObjectType) {
      const query = new URLSearchParams({ limit: String(PAGE_LIMIT) });
      const result = await call('GET', `/crm/v4/objects/${enc(objectType)}/${enc(objectId)}/associations/${enc(toObjectType)}`, query, associationsResponseSchema);
      if (!result.ok) return result;
      return {
        ok: true,
        value: result.value.results.map((r) => ({
          toObjectId: r.toObjectId,
          labels: r.associationTypes.flatMap((t) => (t.label ? [t.label] : [])),
        })),
      };
    },
    async getOwners() {
      const owners: Owner[] = [];
      let skipped = 0;
      let after: string | undefined;
      for (let page = 0; page < MAX_OWNER_PAGES; page++) {
        const query = new URLSearchParams({ limit: String(PAGE_LIMIT) });
        if (after) query.set('after', after);
        const result = await call('GET', '/crm/v3/owners', query, ownersResponseSchema);
        if (!result.ok) return result;
        owners.push(...result.value.results.items);
        skipped += result.value.results.skipped;
        after = result.value.paging?.next?.after;
        if (!after) break;
      }
      return { ok: true, value: owners, skipped };
    },
    async getPipelines(objectType) {
      const result = await call('GET', `/crm/v3/pipelines/${enc(objectType)}`, new URLSearchParams(), pipelinesResponseSchema);
      return result.ok ? { ok: true, value: result.value.results } : result;
    },
    async batchReadRecords(objectType, ids, properties) {
      if (ids.length === 0) return { ok: true, value: [] };
      const body = { inputs: ids.slice(0, BATCH_READ_LIMIT).map((id) => ({ id })), properties, propertiesWithHistory: [] };
      const result = await call('POST', `/crm/v3/objects/${enc(objectType)}/batch/read`, new URLSearchParams(), batchReadResponseSchema, body, false);
      if (!result.ok) return result;
      return { ok: true, value: result.value.results.items, skipped: result.value.results.skipped };
    },
    createRecord(objectType, properties, associations) {
      const body = {
        properties,
        associations: associations.map((a) => ({ to: { id: a.toObjectId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: a.typeId }] })),
      };
      return call('POST', `/crm/v3/objects/${enc(objectType)}`, new URLSearchParams(), createdRecordSchema, body, true);
    },
    updateRecord(objectType, objectId, properties) {
      return call('PATCH', `/crm/v3/objects/${enc(objectType)}/${enc(objectId)}`, new URLSearchParams(), crmRecordSchema, { properties });
    },
  };
}

const enc = encodeURIComponent;

function parseErrorBody(text: string): HubSpotErrorBody | null {
  try {
    const parsed = hubspotErrorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // not JSON: the status alone decides
  }
}

/** How long to wait before try number `tries + 1`: Retry-After when HubSpot sends it, else a doubling backoff. */
function rateLimitOf(response: Response, body: HubSpotErrorBody | null, tries: number): { daily: boolean; waitMs: number; retryAfterMs?: number } {
  const retryAfter = Number(response.headers.get('Retry-After'));
  const retryAfterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.round(retryAfter * 1000) : undefined;
  const daily = body?.policyName === 'DAILY' || response.headers.get('X-HubSpot-RateLimit-Daily-Remaining') === '0';
  const backoff = Math.min(SECONDLY_FIRST_WAIT_MS * 2 ** (tries - 1), SECONDLY_MAX_WAIT_MS);
  return retryAfterMs === undefined ? { daily, waitMs: backoff } : { daily, waitMs: retryAfterMs, retryAfterMs };
}

/** The scopes a MISSING_SCOPES answer names (errors[].context.requiredGranularScopes or requiredScopes). */
function missingScopesOf(body: HubSpotErrorBody): string[] {
  const scopes = (body.errors ?? []).flatMap((e) => [...(e.context?.requiredGranularScopes ?? []), ...(e.context?.requiredScopes ?? [])]);
  return [...new Set(scopes)];
}

function sentProperties(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || !('properties' in body)) return [];
  const { properties } = body as { properties: unknown };
  return typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
}

/**
 * Which property of a PATCH a 409 is about: named in the error's context or message, else the contact's email
 * ("Contact already exists"), else the only property sent. Null when it cannot be told.
 */
function uniquePropertyOf(body: HubSpotErrorBody | null, sent: string[]): string | null {
  const named = (body?.errors ?? []).flatMap((e) => e.context?.propertyName ?? []).find((p) => sent.includes(p));
  if (named) return named;
  const message = body?.message ?? '';
  const words = message.split(/[^A-Za-z0-9_]+/);
  const inMessage = sent.find((p) => words.includes(p));
  if (inMessage) return inMessage;
  if (/contact already exists/i.test(message) && sent.includes('email')) return 'email';
  return sent.length === 1 ? (sent[0] ?? null) : null;
}

// The older error shape packs per-property results into the message: "Property values were not valid: [{...}]".
const legacyPropertyResultsSchema = lazySchema(() => z.array(z.object({ name: z.string(), message: z.string(), error: z.string().optional() })));

/** Which property each complaint of a 400 is about. */
export function propertyErrorsOf(body: HubSpotErrorBody | null): PropertyError[] {
  if (!body) return [];
  const fromDetails = (body.errors ?? []).flatMap((detail): PropertyError[] => {
    const property = detail.context?.propertyName?.[0] ?? /[Pp]roperty "([^"]+)"/.exec(detail.message)?.[1];
    return property ? [{ property, code: detail.code ?? 'INVALID', message: detail.message }] : [];
  });
  if (fromDetails.length > 0) return fromDetails;
  const bracket = body.message.indexOf('[');
  if (bracket < 0) return [];
  try {
    const parsed = legacyPropertyResultsSchema.safeParse(JSON.parse(body.message.slice(bracket)));
    if (!parsed.success) return [];
    return parsed.data.map((r) => ({ property: r.name, code: r.error ?? 'INVALID', message: r.message }));
  } catch {
    return []; // the message is prose, not the packed list
  }
}
