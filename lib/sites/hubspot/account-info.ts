import { z } from 'zod';
import type { FetchLike, HubSpotResult } from './api-client';
import { lazySchema } from '@/lib/schemas/lazy-schema';

// GET /account-info/v3/details answers the account a private-app token belongs to:
// { portalId, accountType, timeZone, companyCurrency, additionalCurrencies, utcOffset, utcOffsetMilliseconds, uiDomain, dataHostingLocation }.
const accountDetailsSchema = lazySchema(() => z.object({ portalId: z.number().int().nonnegative() }));

/** Which portal a private-app token belongs to, so a page of one portal cannot use another portal's token. */
export async function readTokenPortal(opts: { token: string; baseUrl: string; fetch: FetchLike }): Promise<HubSpotResult<string>> {
  let response: Response;
  try {
    response = await opts.fetch(`${opts.baseUrl}/account-info/v3/details`, { method: 'GET', headers: { Accept: 'application/json', Authorization: `Bearer ${opts.token}` } });
  } catch (cause) {
    return { ok: false, error: { code: 'hubspot.unreachable', message: `Could not reach HubSpot (${cause instanceof Error ? cause.message : 'network error'}).`, nextStep: 'Check your connection and try again.' } };
  }
  if (response.status === 401) {
    return { ok: false, error: { code: 'hubspot.not_signed_in', message: 'HubSpot refused the private-app token set in Options.', nextStep: 'Ask an admin to check the token in Options.', status: 401 } };
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = response.ok ? JSON.parse(text) : null;
  } catch {
    json = null; // not JSON: reported as an unexpected answer below
  }
  const parsed = accountDetailsSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, error: { code: 'hubspot.account_unknown', message: `HubSpot did not say which account the private-app token belongs to (${response.status}).`, nextStep: 'Try again; if it persists, ask an admin to check the token in Options.', status: response.status } };
  }
  return { ok: true, value: String(parsed.data.portalId) };
}
