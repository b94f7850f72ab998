import { test, expect } from './fixtures';
import { GmailPanel } from './pages/gmail-panel';
import { hubspotSeed, startFakeHubSpot } from '../support/fake-hubspot';
import { HubSpotPanel, recordUrl, serveHubSpot } from '../support/hubspot-page';

// The meeting-recap lane end to end: a recap emailed by the customer in Gmail becomes, on the deal in HubSpot, the
// next step and a follow-up task from its action items, both written only after approval.

const RECAP_THREAD = '416ece09db88f525';

test('a recap email hands its next step and action items to the deal: one PATCH and one task with its association, only after approval', async ({ context, gmail, pageErrors }) => {
  const fake = await startFakeHubSpot();
  try {
    await serveHubSpot(context, fake);
    const gmailPanel = new GmailPanel(gmail);
    await gmailPanel.openThread(RECAP_THREAD);
    await expect(gmailPanel.root).toContainText('Waiting for HubSpot');

    const hubspot = await context.newPage();
    hubspot.on('pageerror', (error) => pageErrors.push(error.message));
    const panel = new HubSpotPanel(hubspot);
    await hubspot.goto(recordUrl('0-3', hubspotSeed.ids.recapDeal));
    await expect(panel.fact('name')).toHaveText('Orbitworks – pilot', { timeout: 20_000 });
    await expect(panel.root.getByTestId('handoff')).toContainText('lena.fischer@orbitworks.example');

    // The deal has no next step: the pipeline gap points at the one the recap proposes.
    await expect(panel.root.getByTestId('finding-fix')).toHaveText('Proposed below: Next step.');
    // The next step, quoting the customer's sentence.
    const nextStep = panel.row('hs_next_step');
    await expect(nextStep.getByTestId('proposal-value')).toContainText('pilot starts June 3');
    // The dated action item becomes a task: "by Friday" read from the day the email was written (Wed 2024-05-22).
    await expect(panel.tasks).toHaveCount(1);
    const task = panel.tasks.first();
    await expect(task.getByTestId('task-subject')).toHaveText('Send the onboarding checklist (Dana)');
    await expect(task.getByTestId('task-due')).toHaveText('2024-05-24 (inferred)');
    await expect(task.getByTestId('task-owner')).toHaveText('Sam Okafor');
    await expect(task).toContainText('Dana sends the onboarding checklist by Friday');
    await expect(task).toContainText("Customer's email of 2024-05-22");

    // Nothing is written before approval.
    expect(fake.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    const taskCreations = () => fake.requests.filter((r) => r.method === 'POST' && /\/crm\/v3\/objects\/0-27$/.test(r.path));
    expect(taskCreations()).toEqual([]);

    await panel.button('hs_next_step', 'Accept').click();
    await task.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect(panel.writeApproved).toHaveText('Write approved (2)');
    await panel.writeApproved.click();
    await expect(nextStep).toHaveAttribute('data-status', 'written');
    await expect(task).toHaveAttribute('data-status', 'created');

    const patches = fake.requests.filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(1);
    expect(Object.keys((patches[0]!.body as { properties: Record<string, string> }).properties)).toEqual(['hs_next_step']);
    expect(taskCreations()).toHaveLength(1);
    const created = taskCreations()[0]!.body as { properties: Record<string, string>; associations: { to: { id: string } }[] };
    expect(created.properties.hs_task_subject).toBe('Send the onboarding checklist (Dana)');
    expect(created.associations.map((a) => a.to.id)).toEqual([hubspotSeed.ids.recapDeal]);
    expect(fake.unexpected).toEqual([]);
  } finally {
    await fake.close();
  }
});
