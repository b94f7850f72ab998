import type { Classification } from '@/lib/schemas/classification';

/** Sentiment from a small lexicon: enough to sort an angry message from a thank-you. */

export type Sentiment = Classification['sentiment'];

const negative = /(?<![\p{L}])(?:unacceptable|disappoint\w*|frustrat\w*|angry|terrible|awful|worst|annoy\w*|complain\w*|still (?:not|no|waiting)|broken|damaged|cracked|wrong|unfortunately|problem\w*|issue|dispute\w*|chargeback|twice|never|upset|poor|late|leider|enttäuscht|ärger\w*|inakzeptabel|immer noch nicht|beschwerde|beschädigt|kaputt|falsch|déçu|inacceptable|malheureusement|decepcionad\w*|lamentablemente|teleurgesteld|helaas)(?![\p{L}])/giu;
const positive = /(?<![\p{L}])(?:thanks|thank you|great|appreciate\w*|happy|glad|excellent|love|pleased|wonderful|perfect|helpful|danke|vielen dank|super|freuen|prima|merci|gracias|genial|bedankt|fijn|grazie|obrigad[oa])(?![\p{L}])/giu;

export function detectSentiment(text: string): Sentiment {
  const neg = text.match(negative)?.length ?? 0;
  const pos = text.match(positive)?.length ?? 0;
  const confidence = Math.min(0.9, 0.5 + 0.1 * Math.abs(neg - pos));
  if (neg > pos) return { value: 'negative', confidence };
  if (pos > neg) return { value: 'positive', confidence };
  return { value: 'neutral', confidence: neg + pos === 0 ? 0.6 : 0.5 };
}
