/**
 * Instructions are not evidence: a sentence that addresses the system (or tries to set fields) is never read
 * for facts, whichever engine reads it. Patterns, not a model, so a fooled model cannot switch the guard off.
 */
const INSTRUCTION_PATTERNS = [
  /\b(?:ignore|disregard|forget|override)\b[^.\n]{0,40}\b(?:instructions?|prompts?|rules|guidelines|above)\b/i,
  /\b(?:set|change|update|mark|make|put)\b[^.\n]{0,40}?\b(?:amount|stage|lifecycle|lead status|close ?date|field|property|properties|value|owner|status|price)\b[^.\n]{0,30}?\b(?:to|as)\b/i,
  /\byou\s+(?:must|should|need to|have to|are required to|will now)\b/i,
  /\bas an? (?:ai|assistant|language model|llm)\b/i,
  /\b(?:system|developer)\s+(?:prompt|message|instructions?)\b/i,
  /\b(?:dear|hey|attention|note to the)\s+(?:ai|assistant|bot|model|llm|crm)\b/i,
];

export function looksLikeInstruction(sentence: string): boolean {
  return INSTRUCTION_PATTERNS.some((p) => p.test(sentence));
}
