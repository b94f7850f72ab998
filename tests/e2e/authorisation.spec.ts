import type { Locator } from '@playwright/test';
import type { HandoffPacket } from '@/lib/schemas/proposal';
import { test, expect } from './hubspot-fixtures';
import { GmailPanel } from './pages/gmail-panel';
import { loadSampleSops, sendFromOptions } from '../support/extension-pages';
import { hubspotSeed } from '../support/fake-hubspot';
import { HubSpotPanel, recordUrl, seedHandoff } from '../support/hubspot-page';

// What the page around the panel cannot do: the Gmail content script cannot ask for HubSpot work, and the host
// page's own scripts cannot press the panel's buttons with synthetic events.


const REFUND = 'e7cc78b40b7bf13c';
type AuditRow = { kind: string; data: Record<string, unknown> };
const auditKinds = async (context: Parameters<typeof sendFromOptions>[0], extensionId: string) =>
  ((await sendFromOptions(context, extensionId, 'audit.recent', { limit: 100 })) as { ok: true; value: AuditRow[] }).value.map((a) => a.kind);

/** A click as a page script makes one: dispatched from the host page's main world, so isTrusted is false. */
const syntheticClick = (target: Locator) => target.evaluate((el) => el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true })));

test("the Gmail content script's HubSpot messages are refused; its own messages are answered", async ({ context, extensionId, gmail }) => {
  // The content script's isolated world, reached through the DevTools protocol: the messages are sent from there.
  const cdp = await context.newCDPSession(gmail);
  const worlds: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context: c }) => worlds.push(c));
  await cdp.send('Runtime.enable');
  const panel = new GmailPanel(gmail);
  await panel.openThread(REFUND);
  await expect(panel.fact('subject')).toBeVisible();
  const world = worlds.findLast((w) => w.auxData?.type === 'isolated' && w.origin.includes(extensionId));
  expect(world, 'the content script world').toBeDefined();
  const sendFromContentScript = async (type: string, payload: unknown) => {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      contextId: world!.id,
      expression: `chrome.runtime.sendMessage(${JSON.stringify({ type, payload })})`,
      awaitPromise: true,
      returnByValue: true,
    });
    expect(exceptionDetails).toBeUndefined();
    return result.value as { ok: boolean; error?: { code: string } };
  };

  expect(await sendFromContentScript('status.library', {})).toMatchObject({ ok: true });
  for (const [type, payload] of [
    ['hubspot.setup', {}],
    ['hubspot.readRecord', { ref: { host: 'app.hubspot.com', portalId: hubspotSeed.portalId, objectTypeId: '0-1', objectId: hubspotSeed.ids.contact } }],
    ['hubspot.approvedFields', { subject: `hubspot:${hubspotSeed.portalId}/0-1/${hubspotSeed.ids.contact}` }],
    ['hubspot.writeApproved', { ref: { host: 'app.hubspot.com', portalId: hubspotSeed.portalId, objectTypeId: '0-1', objectId: hubspotSeed.ids.contact } }],
    ['settings.setClaude', { classifyModel: 'm', draftModel: 'm', baseUrl: 'https://attacker.example' }],
  ] as const) {
    expect(await sendFromContentScript(type, payload), type).toEqual({ ok: false, error: expect.objectContaining({ code: 'protocol.forbidden_sender' }) });
  }
  await cdp.detach();
});

test('a page script cannot tick, fill or insert for the rep in Gmail', async ({ context, extensionId, gmail }) => {
  await loadSampleSops(context, extensionId);
  const panel = new GmailPanel(gmail);
  await panel.openThread(REFUND);
  const review = panel.root.getByTestId('draft-ready');
  await expect(review).toBeVisible({ timeout: 15_000 });
  const insert = review.getByTestId('insert-reply');
  const refundTick = review.getByLabel('I checked the refund policy applies to this customer');

  // A synthetic click on the tick leaves it unticked.
  await syntheticClick(refundTick);
  await gmail.waitForTimeout(300);
  await expect(refundTick).not.toBeChecked();

  // The rep ticks and fills; Insert is enabled, and a synthetic click on it inserts nothing.
  await refundTick.check();
  const amount = review.locator('[data-placeholder="refund_amount"]');
  await amount.fill('1,188 USD');
  await amount.press('Enter');
  await expect(insert).toBeEnabled();
  await syntheticClick(insert);
  await gmail.waitForTimeout(500);
  await expect(gmail.locator('[g_editable=true]')).toHaveCount(0);
  expect(await auditKinds(context, extensionId)).not.toContain('draft.approved');

  // The rep's own click inserts.
  await insert.click();
  await expect(review.getByTestId('review-status')).toHaveText("Inserted into Gmail's reply. Review it there and press Send yourself.");
  await expect(gmail.locator('[g_editable=true]')).toContainText('1,188 USD');
});

test('a page script cannot accept a proposal or write approved fields in HubSpot', async ({ context, extensionId, fake, hubspot }) => {
  const packet: HandoffPacket = {
    id: 'handoff:gmail:3f9a1c2b7d4e5f60',
    createdAt: Date.parse('2024-03-19T10:00:00Z'),
    fromThreadId: 'gmail:3f9a1c2b7d4e5f60',
    lane: 'lead-routing',
    contactEmail: 'priya@kestrel-foods.example',
    company: 'Kestrel Foods',
    fields: { jobtitle: 'Head of Procurement' },
    status: 'waiting',
  };
  await seedHandoff(context, extensionId, packet);
  const panel = new HubSpotPanel(hubspot);
  await hubspot.goto(recordUrl('0-1', hubspotSeed.ids.contact));
  await expect(panel.row('jobtitle')).toHaveAttribute('data-status', 'pending');

  await syntheticClick(panel.button('jobtitle', 'Accept'));
  await hubspot.waitForTimeout(500);
  await expect(panel.row('jobtitle')).toHaveAttribute('data-status', 'pending');
  expect(await auditKinds(context, extensionId)).not.toContain('field.approved');

  await panel.button('jobtitle', 'Accept').click();
  await expect(panel.row('jobtitle')).toHaveAttribute('data-status', 'accepted');
  await expect(panel.writeApproved).toBeEnabled();
  await syntheticClick(panel.writeApproved);
  await hubspot.waitForTimeout(500);
  expect(fake.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
  await expect(panel.row('jobtitle')).toHaveAttribute('data-status', 'accepted');

  await panel.writeApproved.click();
  await expect(panel.row('jobtitle')).toHaveAttribute('data-status', 'written');
  expect(fake.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  const kinds = await auditKinds(context, extensionId);
  expect(kinds.indexOf('field.write_started')).toBeGreaterThan(kinds.indexOf('field.written'));
});
