import { send } from '@/lib/protocol/client';

/** Imports the demo company's sample SOPs through the background; the sentence to show says what happened. */
export async function loadSampleSops(): Promise<{ ok: boolean; message: string }> {
  const answer = await send('sop.loadSamples', {});
  if (!answer.ok) return { ok: false, message: `${answer.error.message} ${answer.error.nextStep}` };
  const imported = answer.value.filter((o) => o.status === 'imported').length;
  return { ok: true, message: `Sample SOPs: ${imported} imported, ${answer.value.length - imported} already in the library or refused.` };
}
