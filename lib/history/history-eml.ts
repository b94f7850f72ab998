import PostalMime from 'postal-mime';
import { htmlToText } from '@/lib/text/html';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { categoryIdFor, type HistoryExample, type HistoryFile } from './history-file';

/** A message's text is cut here: the classifier reads the first 400 words anyway. */
const MAX_TEXT_CHARS = 6000;
/** Larger files are attachments more than mail: skipped rather than parsed. */
const MAX_EML_BYTES = 5 * 1024 * 1024;

export interface EmlFile {
  /** Path inside the chosen folder, as the browser gives it (webkitRelativePath): "Export/Warranty claim/0012.eml". */
  path: string;
  bytes: ArrayBuffer;
}

/** Everything from the first quoted earlier message on: history the team already filed, not this message's words. */
const QUOTE_START = /^(?:On .{5,200} wrote:|Am .{5,200} schrieb .{1,100}:|Le .{5,200} a écrit ?:|-{2,} ?Original Message ?-{2,}|>)/m;

/**
 * Labelled history from a folder of .eml files in one subfolder per category, the way a team exports a Gmail label.
 * Each file's category is the name of the folder it sits in; its text is the subject and the body without quoted
 * history. Unreadable files are skipped and counted, not fatal.
 */
export async function parseEmlFolder(files: readonly EmlFile[]): Promise<Result<HistoryFile>> {
  const file: HistoryFile = { source: 'eml', examples: [], skipped: [] };
  for (const f of files) {
    if (!/\.eml$/i.test(f.path)) continue;
    const parts = f.path.split('/').filter(Boolean);
    const folder = parts.at(-2);
    const category = folder ? categoryIdFor(folder) : null;
    if (!folder || !category) {
      file.skipped.push({ where: f.path, reason: folder ? `the folder name "${folder}" cannot be a category name` : 'not inside a category folder' });
      continue;
    }
    if (f.bytes.byteLength > MAX_EML_BYTES) {
      file.skipped.push({ where: f.path, reason: 'larger than 5 MB' });
      continue;
    }
    const text = await messageText(f.bytes);
    if (!text.ok) file.skipped.push({ where: f.path, reason: text.error.message });
    else file.examples.push({ text: text.value, category, label: folder } satisfies HistoryExample);
  }
  if (file.examples.length === 0) {
    return fail('history_empty', 'No readable .eml file was found in a category folder.', 'Choose the folder that holds one subfolder per category, each with .eml files.');
  }
  return ok(file);
}

async function messageText(bytes: ArrayBuffer): Promise<Result<string>> {
  try {
    const email = await PostalMime.parse(bytes);
    const body = email.text?.trim() || (email.html ? htmlToText(email.html).text : '');
    const quote = QUOTE_START.exec(body);
    const own = (quote ? body.slice(0, quote.index) : body).trim();
    const text = [email.subject?.trim() ?? '', own].filter(Boolean).join('\n').slice(0, MAX_TEXT_CHARS);
    return text ? ok(text) : fail('history_eml_empty', 'the message has no subject or text', 'Leave it out.');
  } catch {
    return fail('history_eml_unreadable', 'not a readable email message', 'Export it again from the mail client.');
  }
}
