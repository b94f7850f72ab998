import { z } from 'zod';
import { appendAudit } from '@/lib/db/audit';
import type { LaneVersionRow, TriageDatabase } from '@/lib/db/database';
import { appErrorSchema, fail, ok, type AppError, type Result } from '@/lib/schemas/errors';
import type { Lane } from '@/lib/schemas/lane';
import { defaultLanes } from './default-lanes';
import { parseLanes } from './parse-lanes';

export const LANES_SETTING_KEY = 'lanes';
export const LANES_POLICY_KEY = 'lanes.policy';

/** Whether the organisation's policy sets the lanes, and what went wrong applying them if anything did. */
export const lanesPolicySchema = z.object({
  managed: z.boolean(),
  at: z.number(),
  error: appErrorSchema.nullable(),
});
export type LanesPolicy = z.infer<typeof lanesPolicySchema>;

export const LANES_MANAGED: AppError = {
  code: 'lanes.managed',
  message: "Your organisation manages these lanes through the browser's policy: they cannot be changed here.",
  nextStep: 'Ask your IT administrator to change the lanes in the Calm Triage policy.',
};

/** The lanes in force: the admin's own when they were saved and still validate, else the starter template. */
export async function loadLanes(db: TriageDatabase): Promise<Lane[]> {
  const row = await db.settings.get(LANES_SETTING_KEY);
  if (!row) return defaultLanes;
  const parsed = parseLanes(row.value);
  return parsed.ok ? parsed.value : defaultLanes;
}

export async function loadLanesPolicy(db: TriageDatabase): Promise<LanesPolicy> {
  const parsed = lanesPolicySchema.safeParse((await db.settings.get(LANES_POLICY_KEY))?.value);
  return parsed.success ? parsed.data : { managed: false, at: 0, error: null };
}

/**
 * Validates and saves a new version of the lanes: the one in force, one more row in their history, one audit
 * event. Invalid lanes are refused with the field to fix, and lanes the organisation's policy manages are refused to
 * every source but the policy; either way nothing changes.
 */
export async function saveLanes(db: TriageDatabase, lanes: unknown, source: LaneVersionRow['source'], at = Date.now()): Promise<Result<{ version: number; lanes: Lane[] }>> {
  const parsed = parseLanes(lanes);
  if (!parsed.ok) return parsed;
  return db.transaction('rw', [db.settings, db.laneVersions, db.audit], async () => {
    if (source !== 'policy' && (await loadLanesPolicy(db)).managed) return fail(LANES_MANAGED.code, LANES_MANAGED.message, LANES_MANAGED.nextStep);
    const last = await db.laneVersions.orderBy('version').last();
    const version = (last?.version ?? 0) + 1;
    await db.laneVersions.add({ version, at, source, lanes: parsed.value });
    await db.settings.put({ key: LANES_SETTING_KEY, value: parsed.value });
    await appendAudit(db, { kind: 'lanes.changed', subject: null, lane: null, data: { version, source, lanes: parsed.value.map((l) => l.id) } });
    return ok({ version, lanes: parsed.value });
  });
}

/**
 * The `lanes` key of the organisation's policy (undefined when the policy does not set it). Set: the lanes become
 * managed, saved as a new version only when they differ from those in force; invalid ones keep the lanes in force,
 * still locked, with the error to show. Unset: the lanes in force stay and the admin may edit them again.
 */
export async function applyPolicyLanes(db: TriageDatabase, lanes: unknown, at = Date.now()): Promise<LanesPolicy> {
  let state: LanesPolicy = { managed: lanes !== undefined, at, error: null };
  if (lanes !== undefined) {
    const parsed = parseLanes(lanes);
    if (!parsed.ok) state = { ...state, error: parsed.error };
    else if (JSON.stringify((await db.settings.get(LANES_SETTING_KEY))?.value) !== JSON.stringify(parsed.value)) {
      const saved = await saveLanes(db, parsed.value, 'policy', at);
      if (!saved.ok) state = { ...state, error: saved.error };
    }
  }
  await db.settings.put({ key: LANES_POLICY_KEY, value: state });
  return state;
}
