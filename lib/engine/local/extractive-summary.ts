import { sentenceSpans, withoutPleasantries } from '@/lib/text/sentences';

/** Two lines: the first salient sentence of the latest message, then what it asks for. */

const ASK = /\?|(?<![\p{L}])(?:please|could you|can you|would you|kindly|let me know|would (?:like|be fine|appreciate)|we need|i need|möchten|benötigen|bitte|können sie|könnten sie|merci de|pourriez-vous|por favor|podrían|graag|kunt u)(?![\p{L}])/iu;
const LINE = 190;

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const clip = (s: string) => (s.length <= LINE ? s : `${s.slice(0, LINE - 1).replace(/\s\S*$/, '')}…`);

export function summarize(subject: string, latestMessage: string): string {
  const sentences = sentenceSpans(latestMessage).map(withoutPleasantries).filter((s) => s.length > 0).map(capitalised);
  const first = sentences[0] ?? subject;
  const ask = sentences.find((s) => s !== first && ASK.test(s));
  const second = ask ? `Ask: ${ask}` : ASK.test(first) ? `Ask: ${first}` : `Subject: ${subject}`;
  return `${clip(first)}\n${clip(second)}`;
}
