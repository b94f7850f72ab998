import { describe, expect, it } from 'vitest';
import { ownerOf, type LongTaskLog } from '../../../bench/long-task-owner';

const frame = (start: number, duration: number, scripts: { url: string; duration: number }[] = []): LongTaskLog['frames'][number] => ({
  start,
  duration,
  blocking: Math.max(0, duration - 50),
  renderStart: 0,
  styleAndLayoutStart: 0,
  scripts: scripts.map((s) => ({ ...s, invoker: 'test', start: start, forced: 0 })),
});
const DCL = 150;

describe('ownerOf (whose long task a page benchmark counts)', () => {
  it("is ours when it holds our content script's start, even before DOMContentLoaded (the script runs at document start)", () => {
    expect(ownerOf({ start: 60, duration: 55 }, [], DCL, [70])).toBe('extension');
  });

  it("is ours when it holds the end of the start chunk's evaluation", () => {
    expect(ownerOf({ start: 200, duration: 60 }, [frame(195, 70, [{ url: 'https://mail.google.com/app.js', duration: 40 }])], DCL, [70, 255])).toBe('extension');
  });

  it("is the host's when it ended before DOMContentLoaded and holds none of our moments", () => {
    expect(ownerOf({ start: 20, duration: 60 }, [], DCL, [90, 300])).toBe('host');
  });

  it("after DOMContentLoaded, is the host's only when its frame gives at least half of it to the page's scripts", () => {
    const task = { start: 500, duration: 60 };
    expect(ownerOf(task, [frame(490, 80, [{ url: 'https://mail.google.com/app.js', duration: 30 }])], DCL, [70])).toBe('host');
    expect(ownerOf(task, [frame(490, 80, [{ url: 'https://mail.google.com/app.js', duration: 20 }])], DCL, [70])).toBe('unattributed');
    expect(ownerOf(task, [frame(490, 80, [{ url: 'chrome-extension://abc/gmail-panel.js', duration: 20 }])], DCL, [70])).toBe('extension');
  });

  it('with no frame to attribute it (LoAF unavailable, or an isolated-world script), is unattributed: counted as ours', () => {
    expect(ownerOf({ start: 500, duration: 60 }, [], DCL, [70])).toBe('unattributed');
    expect(ownerOf({ start: 500, duration: 60 }, [frame(490, 80)], DCL, [70])).toBe('unattributed');
  });
});
