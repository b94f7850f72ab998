import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TriageDatabase } from '@/lib/db/database';
import { createClaudeEngine } from '@/lib/engine/claude/claude-engine';
import { createLocalEngine } from '@/lib/engine/local/local-engine';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import type { TriageServerMessage } from '@/lib/protocol/triage-port';
import { ok } from '@/lib/schemas/errors';
import { importFiles } from '@/lib/sop/import-job';
import { parseTextSopFile } from '@/lib/sop/parse/parse-text-sop';
import { sampleSopFiles } from '@/lib/sop/samples';
import { SopIndex } from '@/lib/sop/sop-index';
import { runTriage } from '@/lib/gmail-lane/background/triage-session';
import { startFakeAnthropic, type FakeAnthropic } from '../../../support/fake-anthropic';

const KEY = 'sk-ant-unit-SECRET-77aa';
let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic({ apiKey: KEY });
});
afterAll(() => fake.close());

describe('the Claude key stays in the background', () => {
  it('appears in no message posted to a content script and in no audit row, through a full Claude triage', async () => {
    const db = new TriageDatabase(`key-${Math.random()}`);
    const index = SopIndex.empty();
    await importFiles(db, index, await sampleSopFiles(), { parse: parseTextSopFile });
    const posted: TriageServerMessage[] = [];
    await runTriage(
      {
        type: 'start',
        subjectId: 'gmail:e7cc78b40b7bf13c',
        draftMode: 'restore',
        input: {
          source: 'gmail',
          subject: 'Refund for annual plan renewal',
          messages: [{ from: { name: 'Marcus', email: 'marcus@brightlane-studio.example' }, date: null, text: 'Our annual plan renewed yesterday; we would like a refund, pro-rated if needed.' }],
        },
      },
      (m) => posted.push(m),
      {
        db,
        lanes: async () => defaultLanes,
        index: async () => index,
        localEngine: async () => createLocalEngine(),
        engineChoice: async () => 'claude',
        claudeEngine: async () =>
          ok(createClaudeEngine({ apiKey: KEY, baseUrl: fake.url, classifyModel: 'claude-haiku-4-5', draftModel: 'claude-sonnet-4-6' }, { maxRetries: 0 })),
        ownDomains: async () => ['northwind-supply.example'],
        newId: () => 'draft-1',
      },
    );
    expect(posted.map((m) => m.type)).toContain('draftDelta');
    const classified = posted.filter((m) => m.type === 'classified');
    expect(classified.at(-1)).toMatchObject({ result: { engine: 'claude' } });
    expect(JSON.stringify(posted)).not.toContain(KEY);
    expect(JSON.stringify(await db.audit.toArray())).not.toContain(KEY);
    expect(JSON.stringify(await db.pending.toArray())).not.toContain(KEY);
    // The key did go where it belongs: the API request.
    expect(fake.requests.some((r) => JSON.stringify(r.headers).includes(KEY))).toBe(true);
  });
});
