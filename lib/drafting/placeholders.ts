/**
 * Placeholders in reply text: `{{name}}` or `{{name|fallback}}` from SOP reply templates, and the older `[[note]]`
 * form. Pure text functions, shared by the template filler (background) and the Insert gate (panel and background).
 */

const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*(?:\|([^}]*))?\}\}/g;

/** The placeholders a text names, in order, each once, with its fallback when it has one. */
export function placeholdersIn(text: string): Array<{ name: string; fallback: string | null }> {
  const seen = new Map<string, string | null>();
  for (const m of text.matchAll(PLACEHOLDER)) if (!seen.has(m[1]!)) seen.set(m[1]!, m[2] ?? null);
  return [...seen].map(([name, fallback]) => ({ name, fallback }));
}

/** Replaces each `{{name}}` or `{{name|fallback}}` with what `value` gives; left as `{{name}}` when it gives null. */
export function replacePlaceholders(text: string, value: (name: string, fallback: string | null) => string | null): string {
  return text.replace(PLACEHOLDER, (_, name: string, fallback: string | undefined) => value(name, fallback ?? null) ?? `{{${name}}}`);
}

/** Placeholders left in a text the rep would insert: `{{name}}` fields and the older `[[…]]` notes. */
export function unfilledPlaceholders(text: string): string[] {
  const found = [...text.matchAll(/\{\{\s*([^{}]+?)\s*\}\}|\[\[([^\]]+)\]\]/g)].map((m) => (m[1] ?? m[2] ?? '').trim());
  return [...new Set(found)];
}
