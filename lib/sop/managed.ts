import { z } from 'zod';
import type { TriageDatabase } from '@/lib/db/database';
import { fail, ok, type AppError, type Result } from '@/lib/schemas/errors';
import { importBundle, sopBundleSchema, type BundleImportSummary } from './bundle';
import { listSops, retire } from './library';
import { applyPolicyLanes } from '@/lib/lanes/lane-store';
import { managedStatusSchema, type ManagedStatus } from '@/lib/schemas/sop';
import type { SopIndex } from './sop-index';

/**
 * Team distribution without a server of ours: an administrator sets an enterprise policy (Chrome's managed storage,
 * described by public/managed_schema.json) naming a bundle URL or carrying the bundle inline. The background applies
 * it on start and whenever the policy changes: the bundle is verified and imported as managed (read-only to reps),
 * managed SOPs the bundle no longer has are retired, and the outcome is kept as a status the options page shows.
 * Lanes the policy sets are saved as the lanes in force and locked (lib/lanes/lane-store.ts).
 */

export const managedPolicySchema = z.object({
  sopBundleUrl: z.url({ protocol: /^https$/ }).optional(),
  /** The bundle itself, as the object an export produces (or its JSON text). */
  sopBundle: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  engine: z.enum(['local', 'claude']).optional(),
  panelEnabled: z.object({ gmail: z.boolean().optional(), hubspot: z.boolean().optional() }).optional(),
  /** The team's lanes, as the Lanes tab exports them (the file's `lanes` array); checked by parseLanes when applied. */
  lanes: z.array(z.unknown()).optional(),
});
export type ManagedPolicy = z.infer<typeof managedPolicySchema>;

export const MANAGED_STATUS_KEY = 'sop.managedStatus';

/** The one call used of `browser.storage.managed`: tests pass a plain object with the same shape. */
export interface ManagedStorageArea {
  get(): Promise<Record<string, unknown>>;
}

export interface ManagedSettingsPatch {
  engine?: 'local' | 'claude';
  panelEnabled?: { gmail?: boolean; hubspot?: boolean };
}

export interface ManagedDeps {
  db: TriageDatabase;
  index: () => Promise<SopIndex>;
  area: ManagedStorageArea;
  fetch: typeof fetch;
  /** Applies the settings the policy fixes. */
  applySettings: (patch: ManagedSettingsPatch) => Promise<void>;
  now?: () => number;
}

/** A bundle larger than this is refused before it is read: it would not fit the in-memory index comfortably. */
export const MAX_MANAGED_BUNDLE_BYTES = 50 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 30_000;

export async function readManagedPolicy(area: ManagedStorageArea): Promise<Result<ManagedPolicy | null>> {
  let raw: Record<string, unknown>;
  try {
    raw = await area.get();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail('managed.unreadable', `The browser's managed policy could not be read (${reason.slice(0, 120)}).`, 'Ask your IT administrator to check the Calm Triage policy.');
  }
  if (Object.keys(raw).length === 0) return ok(null);
  const policy = managedPolicySchema.safeParse(raw);
  if (!policy.success) {
    const issue = policy.error.issues[0];
    return fail('managed.invalid_policy', `The Calm Triage policy is not valid (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'wrong shape'}).`, 'Ask your IT administrator to correct it; README "Team distribution" shows an example.');
  }
  return ok(policy.data);
}

async function fetchBundle(fetchFn: typeof fetch, url: string): Promise<Result<string>> {
  const unreachable = (reason: string) =>
    fail('managed.bundle_unreachable', `The team SOP bundle could not be downloaded from ${url} (${reason}).`, 'Check the URL in the policy is reachable from this browser; the library keeps its current SOPs meanwhile.');
  let response: Response;
  try {
    response = await fetchFn(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), cache: 'no-store', credentials: 'omit' });
  } catch (error) {
    return unreachable(error instanceof Error ? error.message.slice(0, 120) : 'network error');
  }
  if (!response.ok) return unreachable(`HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_MANAGED_BUNDLE_BYTES) return unreachable(`it is ${(declared / 1048576).toFixed(0)} MB, over the ${MAX_MANAGED_BUNDLE_BYTES / 1048576} MB limit`);
  const text = await response.text();
  if (text.length > MAX_MANAGED_BUNDLE_BYTES) return unreachable(`it is over the ${MAX_MANAGED_BUNDLE_BYTES / 1048576} MB limit`);
  return ok(text);
}

function settingsPatch(policy: ManagedPolicy): ManagedSettingsPatch {
  const patch: ManagedSettingsPatch = {};
  if (policy.engine) patch.engine = policy.engine;
  if (policy.panelEnabled) patch.panelEnabled = policy.panelEnabled;
  return patch;
}

/**
 * Chrome's policy schemas have no null: a policy drops `effectiveDate: null` (and admins omit empty fields). Fill
 * those back in before verification; checksums cover the text, which is never touched.
 */
function withPolicyDefaults(bundle: Record<string, unknown> | undefined): unknown {
  if (!bundle || !Array.isArray(bundle.sops)) return bundle;
  return {
    ...bundle,
    sops: bundle.sops.map((sop: unknown) =>
      sop && typeof sop === 'object' ? { lanes: [], owner: '', effectiveDate: null, ...(sop as Record<string, unknown>) } : sop,
    ),
  };
}

const createdAtOf = (json: string): string | null => {
  const parsed = z.object({ createdAt: z.string() }).safeParse(JSON.parse(json));
  return parsed.success ? parsed.data.createdAt : null;
};

/** Reads the policy and applies it; the returned status is also saved for the options page. Never throws. */
export async function applyManagedPolicy(deps: ManagedDeps): Promise<ManagedStatus> {
  const now = deps.now ?? Date.now;
  const status = await computeStatus(deps, now);
  await deps.db.settings.put({ key: MANAGED_STATUS_KEY, value: status });
  return status;
}

async function computeStatus(deps: ManagedDeps, now: () => number): Promise<ManagedStatus> {
  const failed = (source: 'url' | 'inline' | 'policy', error: AppError): ManagedStatus => ({ state: 'failed', at: now(), source, error });
  const read = await readManagedPolicy(deps.area);
  if (!read.ok) return failed('policy', read.error);
  const policy = read.value;
  // Lanes are applied on their own: a bundle that fails to download must not leave the policy's lanes unapplied.
  await applyPolicyLanes(deps.db, policy?.lanes, now());
  if (!policy) return { state: 'none', at: now() };

  const patch = settingsPatch(policy);
  await deps.applySettings(patch);
  const base = { state: 'applied' as const, settings: Object.keys(patch), added: [], replaced: [], unchanged: [], retired: [] };

  // The URL wins when both are set: it is the one an administrator updates without redeploying the policy.
  const source = policy.sopBundleUrl ? 'url' : policy.sopBundle !== undefined ? 'inline' : null;
  if (!source) return { ...base, at: now(), source: null, url: null, bundleCreatedAt: null };
  let json: string;
  if (source === 'url') {
    const fetched = await fetchBundle(deps.fetch, policy.sopBundleUrl as string);
    if (!fetched.ok) return failed('url', fetched.error);
    json = fetched.value;
  } else {
    json = typeof policy.sopBundle === 'string' ? policy.sopBundle : JSON.stringify(withPolicyDefaults(policy.sopBundle));
  }

  const index = await deps.index();
  const imported = await importBundle(deps.db, index, json, now(), { managed: true });
  if (!imported.ok) return failed(source, imported.error);
  const inBundle = new Set([...imported.value.added, ...imported.value.replaced, ...imported.value.unchanged]);
  const retired: string[] = [];
  for (const row of await listSops(deps.db)) {
    if (!row.managed || row.status !== 'active' || inBundle.has(row.sopId)) continue;
    const result = await retire(deps.db, index, row.sopId, now());
    if (result.ok) retired.push(row.sopId);
  }
  return {
    ...base,
    at: now(),
    source,
    url: policy.sopBundleUrl ?? null,
    bundleCreatedAt: createdAtOf(json),
    added: imported.value.added,
    replaced: imported.value.replaced,
    unchanged: imported.value.unchanged,
    retired,
  };
}

/** The last applied status, or 'none' when the policy was never read. */
export async function loadManagedStatus(db: TriageDatabase): Promise<ManagedStatus> {
  const row = await db.settings.get(MANAGED_STATUS_KEY);
  const parsed = managedStatusSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : { state: 'none', at: 0 };
}

/**
 * A rep's own bundle (options page, "Import a bundle…"): it must not overwrite what the organisation manages.
 * The bundle's verification itself is importBundle's.
 */
export async function importRepBundle(db: TriageDatabase, index: SopIndex, json: string, now = Date.now()): Promise<Result<BundleImportSummary>> {
  const shape = sopBundleSchema.safeParse(safeJson(json));
  if (shape.success) {
    const managed = new Set((await listSops(db)).filter((r) => r.managed).map((r) => r.sopId));
    const clash = shape.data.sops.find((s) => managed.has(s.id));
    if (clash) return fail('sop.managed', `This bundle would change "${clash.title}", which your organisation's policy manages. Nothing was changed.`, 'Remove that SOP from the bundle, or ask whoever manages the team bundle.');
  }
  return importBundle(db, index, json, now, { managed: false });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // importBundle reports the invalid JSON with its reason.
    return null;
  }
}
