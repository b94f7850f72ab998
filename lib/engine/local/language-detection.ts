import { tokenize } from './text-features';

/** The language of a text from stopword profiles: a few hundred bytes, good for a paragraph or more. */

const profiles: Record<string, string[]> = {
  en: ['the', 'and', 'is', 'are', 'to', 'of', 'we', 'you', 'our', 'please', 'for', 'this', 'that', 'with', 'have', 'not', 'it', 'be', 'was', 'can', 'would', 'thanks', 'hi', 'your'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'wir', 'sie', 'unsere', 'unser', 'bitte', 'mit', 'den', 'ein', 'eine', 'für', 'noch', 'auch', 'ich', 'sollte', 'können', 'werden', 'uns', 'guten', 'grüßen', 'vielen', 'dank', 'ihnen', 'zu'],
  fr: ['le', 'la', 'les', 'et', 'est', 'nous', 'vous', 'pour', 'pas', 'une', 'des', 'avec', 'je', 'merci', 'bonjour', 'notre', 'votre', 'du', 'sur', 'que', 'ne', 'cordialement'],
  es: ['el', 'la', 'los', 'las', 'y', 'es', 'que', 'por', 'para', 'con', 'una', 'no', 'hola', 'gracias', 'nuestro', 'nuestra', 'su', 'del', 'pedido', 'saludos', 'favor', 'está'],
  nl: ['de', 'het', 'een', 'en', 'is', 'niet', 'wij', 'we', 'ons', 'onze', 'jullie', 'voor', 'met', 'graag', 'van', 'dat', 'nog', 'bedankt', 'groet', 'u', 'uw'],
  it: ['il', 'lo', 'la', 'gli', 'e', 'è', 'che', 'per', 'non', 'una', 'con', 'grazie', 'buongiorno', 'nostro', 'nostra', 'del', 'della', 'sono', 'cordiali', 'saluti'],
  pt: ['o', 'a', 'os', 'as', 'e', 'é', 'que', 'para', 'não', 'uma', 'com', 'obrigado', 'obrigada', 'nosso', 'nossa', 'olá', 'você', 'do', 'da', 'pedido', 'atenciosamente'],
};
const sets = Object.entries(profiles).map(([lang, words]) => [lang, new Set(words)] as const);

export function detectLanguage(text: string): { value: string; confidence: number } {
  const words = tokenize(text);
  const counts = sets.map(([lang, set]) => [lang, words.filter((t) => set.has(t)).length] as const);
  const [best, second] = [...counts].sort((a, b) => b[1] - a[1]);
  if (!best || best[1] === 0) return { value: 'en', confidence: 0.3 };
  const margin = (best[1] - (second?.[1] ?? 0)) / best[1];
  return { value: best[0], confidence: Math.min(0.99, 0.5 + 0.5 * margin * Math.min(1, best[1] / 4)) };
}
