import { afterEach, describe, expect, it } from 'vitest';
import { TriageDatabase } from '@/lib/db/database';
import { blankCategory, blankLane, idFromName } from '@/lib/lanes/blank-lane';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import { applyPolicyLanes, loadLanes, loadLanesPolicy, saveLanes } from '@/lib/lanes/lane-store';
import { lanesFileText, parseLanesFile } from '@/lib/lanes/lanes-file';
import { checkLanes, parseLanes } from '@/lib/lanes/parse-lanes';
import type { Lane } from '@/lib/schemas/lane';

let n = 0;
const dbs: TriageDatabase[] = [];
async function freshDb(): Promise<TriageDatabase> {
  const db = new TriageDatabase(`lane-editing-test-${++n}`);
  await db.open();
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const copy = () => structuredClone(defaultLanes);

/** A lane an admin might add: one category with its examples. */
function warrantyLane(): Lane {
  return {
    ...blankLane(),
    id: 'warranty',
    name: 'Warranty claims',
    objective: 'Route warranty claims to the warranty desk with the serial number.',
    categories: [{ ...blankCategory(), id: 'warranty_claim', label: 'Warranty claim', intent: 'claim under warranty', owner: 'Warranty desk', examples: ['The hinge broke after two months, is it covered by the warranty?'] }],
  };
}

describe('checkLanes: every problem at its field', () => {
  it('gives each schema problem its path and plain words', () => {
    const lanes = [...copy(), { ...blankLane(), categories: [blankCategory()] }];
    lanes[0]!.qualityChecks.confidenceFloor = Number.NaN;
    const { lanes: valid, issues } = checkLanes(lanes);
    expect(valid).toBeNull();
    const at = (path: Array<string | number>) => issues.find((i) => i.path.join('.') === path.join('.'))?.message;
    const added = lanes.length - 1;
    expect(at([0, 'qualityChecks', 'confidenceFloor'])).toBe('Enter a number from 0 to 1.');
    expect(at([added, 'id'])).toMatch(/lowercase letters, digits and hyphens/);
    expect(at([added, 'name'])).toBe('Fill this in.');
    expect(at([added, 'objective'])).toBe('Fill this in.');
    expect(at([added, 'categories', 0, 'id'])).toMatch(/lowercase letters, digits or underscores/);
    expect(at([added, 'categories', 0, 'label'])).toBe('Give the category a label.');
    expect(at([added, 'categories', 0, 'owner'])).toBe('Name the owner or queue.');
  });

  it('places the rules the schema cannot say at their field, all of them', () => {
    const lanes = copy();
    lanes[2]!.id = lanes[1]!.id;
    lanes[3]!.categories.push(structuredClone(lanes[0]!.categories[0]!));
    const rfq = lanes.find((l) => l.id === 'rfq-response')!;
    rfq.humanDecisionProperties = rfq.humanDecisionProperties.filter((p) => p !== 'amount');
    const { issues } = checkLanes(lanes);
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual(
      expect.arrayContaining([
        ['lanes_duplicate_id', '2.id'],
        ['lanes_duplicate_category', `3.categories.${lanes[3]!.categories.length - 1}.id`],
        ['lanes_human_decision', `${lanes.indexOf(rfq)}.humanDecisionProperties`],
      ]),
    );
    for (const issue of issues) expect(issue.nextStep).not.toBe('');
  });

  it('agrees with parseLanes: no problems, the same lanes', () => {
    const checked = checkLanes(defaultLanes);
    expect(checked.issues).toEqual([]);
    const parsed = parseLanes(defaultLanes);
    expect(parsed.ok && parsed.value).toEqual(checked.lanes);
  });

  it('makes ids from names', () => {
    expect(idFromName('Warranty claims (EU)', '_')).toBe('warranty_claims_eu');
    expect(idFromName('Lieferstatus Österreich', '-')).toBe('lieferstatus-osterreich');
    expect(idFromName('2nd line support', '_')).toBe('nd_line_support');
  });
});

describe('lanes file', () => {
  it('exported then imported gives the same lanes', async () => {
    const db = await freshDb();
    const edited = [...copy(), warrantyLane()];
    const saved = await saveLanes(db, edited, 'editor');
    expect(saved.ok).toBe(true);
    const text = lanesFileText(await loadLanes(db), new Date('2026-12-02T10:00:00Z'));
    const other = await freshDb();
    const parsed = parseLanesFile(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const imported = await saveLanes(other, parsed.value, 'file');
    expect(imported.ok).toBe(true);
    expect(await loadLanes(other)).toEqual(await loadLanes(db));
    expect((await other.laneVersions.toArray()).map((v) => v.source)).toEqual(['file']);
  });

  it('refuses text that is not JSON, another format, and invalid lanes, saying what to do', () => {
    const notJson = parseLanesFile('{ lanes');
    expect(!notJson.ok && notJson.error.code).toBe('lanes_file_invalid');
    const bundle = parseLanesFile(JSON.stringify({ format: 'calm-triage.sop-bundle', sops: [] }));
    expect(!bundle.ok && bundle.error.message).toMatch(/not a Calm Triage lanes file/);
    const lanes = copy() as unknown as Array<Record<string, unknown>>;
    delete lanes[1]!.objective;
    const invalid = parseLanesFile(JSON.stringify({ format: 'calm-triage.lanes', version: 1, exportedAt: '2026-12-02T10:00:00.000Z', lanes }));
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) {
      expect(invalid.error.message).toContain('1.objective');
      expect(invalid.error.nextStep).not.toBe('');
    }
  });
});

describe('lanes the organisation manages', () => {
  it('the policy saves its lanes once, as managed; editor, file, reset and restore are refused and change nothing', async () => {
    const db = await freshDb();
    await saveLanes(db, copy(), 'editor', 1);
    const policyLanes = [...copy(), warrantyLane()];
    const state = await applyPolicyLanes(db, policyLanes, 2);
    expect(state).toEqual({ managed: true, at: 2, error: null });
    expect((await loadLanes(db)).map((l) => l.id)).toContain('warranty');
    // Applied again at the next start: the same lanes are not a new version.
    await applyPolicyLanes(db, policyLanes, 3);
    expect((await db.laneVersions.toArray()).map((v) => [v.version, v.source])).toEqual([
      [1, 'editor'],
      [2, 'policy'],
    ]);

    const before = await loadLanes(db);
    for (const source of ['editor', 'file', 'reset'] as const) {
      const refused = await saveLanes(db, copy(), source);
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.error.code).toBe('lanes.managed');
        expect(refused.error.nextStep).toMatch(/IT administrator/);
      }
    }
    const first = await db.laneVersions.get(1);
    expect((await saveLanes(db, first!.lanes, 'editor')).ok).toBe(false);
    expect(await loadLanes(db)).toEqual(before);
    expect(await db.laneVersions.count()).toBe(2);
    expect((await db.audit.where('kind').equals('lanes.changed').toArray()).length).toBe(2);
  });

  it('invalid policy lanes keep the lanes in force, locked, with the error to show', async () => {
    const db = await freshDb();
    const state = await applyPolicyLanes(db, [{ id: 'Bad Id' }], 5);
    expect(state.managed).toBe(true);
    expect(state.error?.code).toBe('lanes_invalid');
    expect(await loadLanes(db)).toEqual(defaultLanes);
    expect(await db.laneVersions.count()).toBe(0);
    expect((await saveLanes(db, copy(), 'editor')).ok).toBe(false);
  });

  it('a policy that no longer sets lanes unlocks them, keeping the lanes it set', async () => {
    const db = await freshDb();
    await applyPolicyLanes(db, [...copy(), warrantyLane()], 1);
    expect(await applyPolicyLanes(db, undefined, 2)).toEqual({ managed: false, at: 2, error: null });
    expect((await loadLanes(db)).map((l) => l.id)).toContain('warranty');
    expect((await loadLanesPolicy(db)).managed).toBe(false);
    expect((await saveLanes(db, copy(), 'editor')).ok).toBe(true);
  });
});
