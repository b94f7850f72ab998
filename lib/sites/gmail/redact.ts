// Turns a saved Gmail page into one that can leave the rep's computer: every piece of mail content is replaced by
// placeholders while Gmail's structure (tags, classes, roles, ids, styles) stays, so the copy still shows what
// the reader found or missed. Used by `npm run gmail:inspect -- page.html --redact`.
//
// Replaced: all text (letters become x, digits 0, emoji *), addresses and names on person chips (person-N,
// consistent across the page), subjects in hidden inputs, link and image addresses, attachment URLs, tooltips
// that name a person, and anything in attributes inside a message body. Scripts (Gmail inlines mailbox data in
// them) and comments are removed. Kept: date tooltips (the reader parses them), Gmail's ids, class names, styles.

import { parseGmailDate } from './date';
import { ATTR_FULL_DATE, ATTR_PERSON_EMAIL, ATTR_PERSON_NAME, BODY_WRAPPER } from './selectors';

const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;
const SHOW_COMMENT = 0x80;
const TEXT_NODE = 3;
const COMMENT_NODE = 8;

/** Attributes whose whole value is structure, never content. */
const STRUCTURAL = new Set(['class', 'id', 'role', 'style', 'dir', 'lang', 'tabindex', 'jsname', 'jscontroller', 'jsaction', 'jslog', 'type', 'colspan', 'rowspan', 'cellpadding', 'cellspacing', 'contenteditable', 'g_editable', 'hidefocus', 'spellcheck', 'translate', 'draggable', 'http-equiv', 'charset', 'enctype', 'method', 'rel', 'aria-expanded', 'aria-hidden', 'aria-multiline', 'aria-readonly', 'aria-checked', 'aria-haspopup', 'aria-selected', 'aria-controls', 'data-tooltip-delay', 'data-smartmail', 'selector', 'gh']);
/** Gmail's ids: needed to read the page, not mail content. */
const ID_ATTRIBUTES = new Set(['data-legacy-thread-id', 'data-thread-perm-id', 'data-thread-id', 'data-message-id', 'data-legacy-message-id']);
/**
 * Labels of Gmail's own controls, kept so the copy is read as the original (the reader looks some controls up by
 * label). Any other label or tooltip may quote a subject or a name, so it is masked.
 */
const GMAIL_LABEL = /^(Reply|Forward|Send|Discard draft|More|Back to Inbox|Archive|Report spam|Delete|Mark as (un)?read|Snooze|Add to Tasks|Move to|Labels|Message Body|Side panel|Show details|Not starred|Starred|Search mail|Show \d+ older messages|Compose|Schedule send|Ask Gemini|Calendar|Keep|Tasks|Inbox|Sent|Drafts)\b/;
/** An address inside any attribute value. */
const EMAIL = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+\.[a-z]{2,}/gi;

/** Letters become x (X), digits 0, pictographs *; spaces and punctuation stay, so lengths and lines still show. */
export function maskText(text: string): string {
  return text.replace(/\p{Lu}/gu, 'X').replace(/\p{L}/gu, 'x').replace(/\p{N}/gu, '0').replace(/\p{Extended_Pictographic}/gu, '*');
}

/** Replaces the mail content of a saved Gmail page in place (see the top of this file for what goes and what stays). */
export function redactGmailPage(doc: Document): void {
  const people = new Map<string, number>();
  const personOf = (email: string) => {
    const key = email.trim().toLowerCase();
    if (!people.has(key)) people.set(key, people.size + 1);
    return people.get(key) ?? 0;
  };
  const placeholderEmail = (email: string) => `person-${personOf(email)}@example.invalid`;
  const names = new Map<string, string>();

  // First pass: learn every person on a chip, so their names and addresses are replaced wherever they appear.
  const elements = collect(doc, SHOW_ELEMENT) as Element[];
  for (const element of elements) {
    const email = element.getAttribute(ATTR_PERSON_EMAIL);
    if (email === null) continue;
    const name = element.getAttribute(ATTR_PERSON_NAME);
    if (name !== null && name.trim() !== '') names.set(name.trim(), `Person ${personOf(email)}`);
  }
  const scrubValue = (value: string) => {
    let out = value.replace(EMAIL, (email) => placeholderEmail(email));
    for (const [name, placeholder] of names) out = out.split(name).join(placeholder);
    return out;
  };

  for (const element of elements) {
    if (element.tagName === 'SCRIPT') {
      element.remove();
      continue;
    }
    const inBody = element.closest(BODY_WRAPPER) !== null;
    // Read before the loop rewrites it: a chip's name placeholder follows its original address.
    const personEmail = element.getAttribute(ATTR_PERSON_EMAIL);
    for (const attribute of Array.from(element.attributes)) {
      const { name, value } = attribute;
      if (STRUCTURAL.has(name) || ID_ATTRIBUTES.has(name)) continue;
      let next: string | null;
      if (name === ATTR_PERSON_EMAIL || name === 'data-hovercard-id') next = placeholderEmail(value);
      else if (name === ATTR_PERSON_NAME && personEmail !== null) next = `Person ${personOf(personEmail)}`;
      else if (name === 'href') next = value.startsWith('#') && !inBody ? value : '#';
      else if (name === 'src') next = 'data:,';
      else if (name === 'srcset' || name === 'background' || name === 'download_url') next = null;
      else if (name === ATTR_FULL_DATE || name === 'alt') next = parseGmailDate(value) !== null ? value : maskText(scrubValue(value));
      else if (name === 'value') next = /^([0-9a-f]{16}|:\w+)$/.test(value) ? value : maskText(value);
      // Inside a body everything is the sender's; outside, only the labels of Gmail's own controls stay.
      else if (inBody || value.includes('@') || ((name.startsWith('aria-') || name === 'data-tooltip') && !GMAIL_LABEL.test(value))) next = maskText(scrubValue(value));
      else next = scrubValue(value);
      if (next === null) element.removeAttribute(name);
      else if (next !== value) element.setAttribute(name, next);
    }
  }

  for (const node of collect(doc, SHOW_TEXT | SHOW_COMMENT)) {
    if (node.nodeType === COMMENT_NODE) node.parentNode?.removeChild(node);
    else if (node.nodeType === TEXT_NODE && node.parentElement?.tagName !== 'STYLE') node.nodeValue = maskText(node.nodeValue ?? '');
  }
}

function collect(doc: Document, what: number): Node[] {
  const walker = doc.createTreeWalker(doc.documentElement, what);
  const nodes: Node[] = [];
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) nodes.push(node);
  return nodes;
}
