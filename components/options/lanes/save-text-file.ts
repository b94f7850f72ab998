/** Hands a text file to the browser's downloads, as a link the user clicked would. */
export function saveTextFile(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has started from the URL; give it a moment before releasing the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
