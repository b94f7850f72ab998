import type { WorkerFile } from './import-worker-protocol';

/**
 * Files the admin picked or dropped, flattened from folders, named by their path inside the folder. Hidden files
 * (".DS_Store", ".git/…") are skipped: nobody means to import them, and a rejection per file would be noise.
 */

const isHidden = (path: string) => path.split('/').some((part) => part.startsWith('.'));

export function filesFromList(list: Iterable<File>): WorkerFile[] {
  return [...list]
    .map((file) => ({ name: file.webkitRelativePath || file.name, blob: file as Blob }))
    .filter((f) => !isHidden(f.name));
}

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

async function entriesOf(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  // readEntries answers in batches (100 in Chromium) until it returns an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, out: WorkerFile[]): Promise<void> {
  const path = entry.fullPath.replace(/^\//, '');
  if (isHidden(path)) return;
  if (entry.isFile) out.push({ name: path, blob: await fileOf(entry as FileSystemFileEntry) });
  else if (entry.isDirectory) for (const child of await entriesOf(entry as FileSystemDirectoryEntry)) await walk(child, out);
}

/**
 * The files of a drop, walking dropped folders. The entries must be taken synchronously inside the drop event
 * (the DataTransfer empties after it), so call this directly from the handler.
 */
export function filesFromDrop(transfer: DataTransfer): Promise<WorkerFile[]> {
  const entries = [...transfer.items].map((item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null));
  if (entries.some((e) => e === null)) return Promise.resolve(filesFromList(transfer.files));
  return (async () => {
    const out: WorkerFile[] = [];
    for (const entry of entries) if (entry) await walk(entry, out);
    return out;
  })();
}

/** Pasted text as a Markdown file named after its title. */
export function fileFromPaste(title: string, text: string): WorkerFile {
  const clean = title.trim();
  // The title the admin typed becomes the SOP's heading (and so its title), whatever the text starts with.
  const body = `# ${clean}\n\n${text.trim()}\n`;
  const name = `${clean.replace(/[\\/:*?"<>|]+/g, '-').slice(0, 100) || 'pasted-sop'}.md`;
  return { name, blob: new Blob([body], { type: 'text/markdown' }) };
}
