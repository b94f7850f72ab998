// npm run triage:inspect -- <saved Gmail page.html> [--sops <folder>] [--engine local]
// Runs the triage pipeline in Node on a saved Gmail page (reader, classification, retrieval, reply template, draft,
// post-checks) and prints what the panel would show, as JSON. Default SOPs: the shipped samples.
// Exit codes: 0 done, 1 the page is not a readable thread, 2 no usable file or arguments.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';
import { runDraftPipeline } from '@/lib/drafting/draft-pipeline';
import { placeholdersIn, unfilledPlaceholders } from '@/lib/drafting/placeholders';
import { replyText } from '@/lib/review/reply-text';
import { chunkSop } from '@/lib/sop/chunk';
import { parseSopFile } from '@/lib/sop/parse/parse-sop-file';
import { resolveSopId } from '@/lib/sop/library';
import type { Passage } from '@/lib/schemas/sop';
import { readGmail } from '@/lib/sites/gmail/read-thread';
import { toTriageInput } from '@/lib/sites/gmail/to-triage-input';
import { readAccount } from '@/lib/sites/gmail/account';
import { toTriageResult } from '@/lib/gmail-lane/background/triage-result';
import { customerMessages, isAutomaticReply } from '@/lib/engine/local/thread-text';
import { defaultLanes } from '@/lib/lanes/default-lanes';

const USAGE = 'Usage: npm run triage:inspect -- <saved Gmail page.html> [--sops <folder>] [--engine local]\n';
const SAMPLES = path.resolve(import.meta.dirname, '../public/samples/sops');

/** Every SOP file of a folder, parsed and cut into passages as the importer does. */
export async function loadSopFolder(dir: string, skipped: (file: string, why: string) => void = () => {}): Promise<Passage[]> {
  const passages: Passage[] = [];
  for (const name of readdirSync(dir).sort()) {
    const parsed = await parseSopFile(name, new Uint8Array(readFileSync(path.join(dir, name))));
    if (!parsed.ok) {
      skipped(name, `${parsed.error.message} ${parsed.error.nextStep}`);
      continue;
    }
    passages.push(...chunkSop({ sopId: resolveSopId(parsed.value), sopVersion: 1, sopTitle: parsed.value.title, lanes: parsed.value.meta.lanes, text: parsed.value.text }));
  }
  return passages;
}

export async function runTriageInspect(argv: string[], out: (t: string) => void, err: (t: string) => void): Promise<number> {
  const args = argv.filter((a) => a !== '--');
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? (args.splice(i, 2)[1] ?? null) : undefined;
  };
  const sops = option('--sops');
  const engine = option('--engine');
  if (sops === null || engine === null || (engine !== undefined && engine !== 'local') || args.length !== 1 || args[0]!.startsWith('--')) {
    err(`${engine && engine !== 'local' ? 'Only the local engine runs in the inspector.\n' : ''}${USAGE}`);
    return 2;
  }
  let html: string;
  try {
    html = readFileSync(args[0]!, 'utf8');
  } catch {
    err(`Cannot read ${args[0]}. Save the Gmail page (Ctrl-S, "Webpage, HTML only") and pass its path.\n`);
    return 2;
  }
  const dom = new JSDOM(html);
  const read = readGmail(dom.window.document);
  const account = readAccount(dom.window.document);
  // Closed only once everything is read from it: a closed window has no document.
  dom.window.close();
  if (read.kind !== 'thread') {
    out(`${JSON.stringify({ view: read.kind, ...(read.kind === 'unreadable' ? { step: read.step, reason: read.reason } : {}) }, null, 2)}\n`);
    return 1;
  }
  const sopDir = sops ?? SAMPLES;
  if (!statSync(sopDir, { throwIfNoEntry: false })?.isDirectory()) {
    err(`${sopDir} is not a folder of SOP files.\n${USAGE}`);
    return 2;
  }
  const passages = await loadSopFolder(sopDir, (file, why) => err(`Skipped SOP ${file}: ${why}\n`));
  const input = toTriageInput(read.thread, account);
  const { classification, retrieval, draft } = await runDraftPipeline(input, passages);
  const text = draft ? replyText(draft) : null;
  const triage = toTriageResult(classification, 'local', defaultLanes, 0);
  const report = {
    classification: {
      lane: classification.lane.value,
      category: classification.category.value,
      confidence: classification.category.confidence,
      needsHumanTriage: triage.needsHumanTriage,
      riskFlags: triage.classification.riskFlags.map((r) => r.flag),
      urgency: { value: classification.urgency.value, reason: classification.urgency.reason },
      language: classification.language.value,
    },
    grounding: {
      verdict: retrieval.grounded ? 'grounded' : 'not grounded',
      score: retrieval.groundingScore,
      floor: retrieval.floor,
      sopLanguage: retrieval.sopLanguage,
      passages: retrieval.passages.map((p) => ({ sopId: p.sopId, headingPath: p.headingPath, grounding: p.grounding, bm25: p.score })),
    },
    draft: draft && {
      template: draft.template,
      text,
      sentences: draft.sentences.map((s) => ({ text: s.text.trim(), kind: s.kind, citations: s.citations.map((c) => ({ n: c, sopId: draft.passages[c - 1]?.sopId, headingPath: draft.passages[c - 1]?.headingPath })) })),
      placeholders: { filled: draft.fills, unfilled: unfilledPlaceholders(text ?? ''), inTemplate: draft.template ? placeholdersIn(text ?? '').map((p) => p.name) : [] },
    },
    noDraftReason: draft
      ? null
      : isAutomaticReply(input.subject, customerMessages(input).at(-1)?.text ?? '')
        ? 'An automatic reply (out of office): nobody waits for an answer to it.'
        : 'This category needs no reply (or its lane does not draft).',
    checklist: draft?.checklist ?? [],
    postChecks: draft?.notes ?? [],
  };
  out(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await runTriageInspect(process.argv.slice(2), (t) => process.stdout.write(t), (t) => process.stderr.write(t));
}
