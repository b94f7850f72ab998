// Who caused a long task seen on the host page (bench/page.ts): the host, the extension, or nobody Chromium names.

/** What the page saw of long tasks, in the main world (bench/page.ts fills it from document start). */
export interface LongTaskLog {
  /** Whether Chromium offers Long Animation Frames: without one over 50 ms, `frames` is empty either way. */
  loaf: boolean;
  longTasks: { start: number; duration: number }[];
  frames: {
    start: number;
    duration: number;
    blocking: number;
    /** When the frame's rendering, and its style and layout, began (0: the frame rendered nothing). */
    renderStart: number;
    styleAndLayoutStart: number;
    scripts: { url: string; invoker: string; start: number; duration: number; forced: number }[];
  }[];
}

type Owner = 'host' | 'extension' | 'unattributed';

/**
 * Whose a long task is. The extension's when it holds a moment its own code is known to run (`ours`: the content
 * script's start, the end of the start chunk's evaluation) or when the Long Animation Frame that holds it names a
 * chrome-extension:// script. Otherwise the host's when it ended before DOMContentLoaded (until then the content
 * script only waits: it runs at document start, asks for its start chunk, which is parsed off the main thread, and
 * starts on DOMContentLoaded) or when its frame attributes at least half of it to the host page's own scripts.
 * Anything else is unattributed: Chromium does not attribute scripts of a content script's isolated world, so
 * unattributed is counted as ours.
 */
export function ownerOf(task: { start: number; duration: number }, frames: LongTaskLog['frames'], domContentLoaded: number, ours: number[]): Owner {
  if (ours.some((t) => task.start <= t && t <= task.start + task.duration)) return 'extension';
  if (task.start + task.duration <= domContentLoaded) return 'host';
  const frame = frames.find((f) => f.start <= task.start + 1 && task.start <= f.start + f.duration);
  if (!frame) return 'unattributed';
  if (frame.scripts.some((s) => s.url.startsWith('chrome-extension://'))) return 'extension';
  const host = frame.scripts.filter((s) => /^https?:/.test(s.url)).reduce((sum, s) => sum + s.duration, 0);
  return host >= task.duration / 2 ? 'host' : 'unattributed';
}
