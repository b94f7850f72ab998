import { emptyMeta, type SopMeta } from './parsed-sop';

/** A title and metadata read from the front matter, and the text after it. */
export interface FrontMatter {
  title: string | null;
  meta: SopMeta;
  body: string;
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

const unquote = (value: string) => value.trim().replace(/^(['"])(.*)\1$/, '$2').trim();

function listValue(value: string): string[] {
  const inner = value.trim().replace(/^\[/, '').replace(/\]$/, '');
  return inner.split(',').map(unquote).filter((v) => v.length > 0);
}

/**
 * Reads a YAML-ish block (`key: value`, `key: [a, b]`, or `key:` followed by `- item` lines) at the very start of a
 * document. Only the keys we know are kept; anything else in the block is ignored, never interpreted.
 */
export function readFrontMatter(text: string): FrontMatter {
  const match = FENCE.exec(text);
  const meta = emptyMeta();
  if (!match) return { title: null, meta, body: text };

  const fields = new Map<string, string | string[]>();
  let listKey: string | null = null;
  for (const line of (match[1] ?? '').split(/\r?\n/)) {
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item && listKey) {
      const list = fields.get(listKey);
      const items = Array.isArray(list) ? list : [];
      items.push(unquote(item[1] ?? ''));
      fields.set(listKey, items);
      continue;
    }
    const pair = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) continue;
    const key = (pair[1] ?? '').toLowerCase();
    const value = pair[2] ?? '';
    listKey = value.trim() === '' ? key : null;
    fields.set(key, value.trim().startsWith('[') ? listValue(value) : unquote(value));
  }

  const text1 = (key: string): string | null => {
    const v = fields.get(key);
    return typeof v === 'string' && v.length > 0 ? v : null;
  };
  const lanes = fields.get('lanes');
  meta.id = text1('id');
  meta.owner = text1('owner');
  meta.effectiveDate = text1('effective') ?? text1('effective_date') ?? text1('effectivedate');
  meta.versionLabel = text1('version');
  meta.lanes = Array.isArray(lanes) ? lanes : typeof lanes === 'string' && lanes ? listValue(lanes) : [];
  return { title: text1('title'), meta, body: text.slice(match[0].length) };
}
