import { test, expect } from './hubspot-fixtures';
import { sendFromOptions } from '../support/extension-pages';
import { type FakeHubSpot, hubspotSeed } from '../support/fake-hubspot';
import { HubSpotPanel, recordUrl } from '../support/hubspot-page';

// A deal whose pilot was agreed in a meeting logged in HubSpot: the panel reads the activity, proposes the next step
// and a follow-up task from it, and writes both only after the rep approved them.

const pilotUrl = recordUrl('0-3', hubspotSeed.ids.pilotDeal);
const patches = (fake: FakeHubSpot) => fake.requests.filter((r) => r.method === 'PATCH');
const taskCreations = (fake: FakeHubSpot) => fake.requests.filter((r) => r.method === 'POST' && /\/crm\/v3\/objects\/0-27$/.test(r.path));
type AuditRow = { kind: string; data: Record<string, unknown> };

test('a logged meeting note yields a next-step proposal and a follow-up task, written only after approval: one PATCH, one task with its association', async ({ context, extensionId, fake, hubspot }) => {
  const panel = new HubSpotPanel(hubspot);
  await hubspot.goto(pilotUrl);
  // The first record of a fresh profile waits for the local engine's first start (on a shared 2-core machine, seconds).
  await expect(panel.fact('name')).toHaveText('Kestrel Foods – two-site pilot', { timeout: 20_000 });

  // Recent activity: the meeting and the call, newest first, each year-less date read against the meeting's day.
  const engagements = panel.root.getByTestId('engagement');
  await expect(engagements).toHaveCount(2);
  await expect(engagements.first()).toContainText('Meeting note of 2026-05-28: Pilot kickoff with Kestrel Foods');
  await expect(engagements.first()).toContainText('We agreed to start the pilot on June 3; Tom sends the SSO checklist by Friday.');
  await expect(engagements.first().getByTestId('engagement-date')).toHaveText([
    '"June 3" read as 2026-06-03 (year inferred from the date of this meeting)',
    '"by Friday" read as 2026-05-29 (counted from the date of this meeting)',
  ]);
  await expect(engagements.nth(1)).toContainText('Call note of 2026-05-20: Intro call');
  await expect(panel.root.getByText('are not read')).toHaveCount(0);

  // The next step, quoting the meeting by type and day.
  const nextStep = panel.row('hs_next_step');
  await expect(nextStep.getByTestId('proposal-value')).toHaveText('Start the pilot on June 3 (2026-06-03)');
  await expect(nextStep).toContainText('We agreed to start the pilot on June 3');
  await expect(nextStep).toContainText('Meeting note of 2026-05-28');
  await expect(nextStep).toContainText('read as 2026-06-03 from the date of the meeting note');

  // The follow-up task: subject, due day (inferred), the deal's owner since Tom is not a HubSpot user.
  await expect(panel.tasks).toHaveCount(1);
  const task = panel.tasks.first();
  await expect(task.getByTestId('task-subject')).toHaveText('Send the SSO checklist (Tom)');
  await expect(task.getByTestId('task-due')).toHaveText('2026-05-29 (inferred)');
  await expect(task.getByTestId('task-owner')).toHaveText('Sam Okafor');
  await expect(task).toContainText('Tom sends the SSO checklist by Friday');

  // Nothing is written before approval.
  expect(patches(fake)).toHaveLength(0);
  expect(taskCreations(fake)).toHaveLength(0);
  await expect(panel.writeApproved).toHaveText('Write approved (0)');
  await expect(panel.writeApproved).toBeDisabled();

  await panel.button('hs_next_step', 'Accept').click();
  await expect(nextStep).toHaveAttribute('data-status', 'accepted');
  await task.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(task).toHaveAttribute('data-status', 'accepted');
  // Any other proposal stays unapproved and unwritten.
  await expect(panel.writeApproved).toHaveText('Write approved (2)');
  await panel.writeApproved.click();
  await expect(nextStep).toHaveAttribute('data-status', 'written');
  await expect(task).toHaveAttribute('data-status', 'created');

  expect(patches(fake)).toHaveLength(1);
  expect(patches(fake)[0]?.path).toBe(`/api/crm/v3/objects/0-3/${hubspotSeed.ids.pilotDeal}`);
  expect(patches(fake)[0]?.body).toEqual({ properties: { hs_next_step: 'Start the pilot on June 3 (2026-06-03)' } });
  expect(taskCreations(fake)).toHaveLength(1);
  expect(taskCreations(fake)[0]?.body).toMatchObject({
    properties: { hs_task_subject: 'Send the SSO checklist (Tom)', hs_timestamp: '2026-05-29T12:00:00.000Z', hubspot_owner_id: '61001', hs_task_status: 'NOT_STARTED' },
    associations: [{ to: { id: hubspotSeed.ids.pilotDeal }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 216 }] }],
  });
  const taskId = [...(fake.state.records.get('0-27')?.keys() ?? [])];
  expect(taskId).toHaveLength(1);
  expect(fake.state.associations).toContainEqual(expect.objectContaining({ from: ['0-27', taskId[0]], to: ['0-3', hubspotSeed.ids.pilotDeal] }));

  const audit = ((await sendFromOptions(context, extensionId, 'audit.recent', { limit: 50 })) as { ok: true; value: AuditRow[] }).value;
  expect(audit.filter((a) => a.kind === 'task.created').map((a) => a.data)).toEqual([expect.objectContaining({ taskId: taskId[0], path: 'session' })]);
  expect(audit.filter((a) => a.kind === 'field.written').map((a) => a.data)).toEqual([expect.objectContaining({ property: 'hs_next_step', before: null })]);

  // Opened again: the task shows as created, and nothing more is sent.
  await hubspot.reload();
  await expect(panel.tasks.first()).toHaveAttribute('data-status', 'created');
  await expect(panel.row('hs_next_step')).toHaveAttribute('data-status', 'written');
  expect(taskCreations(fake)).toHaveLength(1);
  expect(patches(fake)).toHaveLength(1);
});
