import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { setUpCommands } from '@/entrypoints/background/commands';
import { readPublicSettings, TOGGLE_PANEL_COMMAND, watchPublicSettings } from '@/lib/settings/public-settings';

describe('the Alt+Shift+T command', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is the manifest command the background handles: it flips the stored collapsed state every panel watches', async () => {
    let listener: ((command: string) => void) | undefined;
    vi.spyOn(browser.commands.onCommand, 'addListener').mockImplementation((l) => void (listener = l as (command: string) => void));
    setUpCommands();
    expect(listener).toBeDefined();
    const seen: boolean[] = [];
    const unwatch = watchPublicSettings((s) => seen.push(s.panelCollapsed));
    expect((await readPublicSettings()).panelCollapsed).toBe(false);
    listener!(TOGGLE_PANEL_COMMAND);
    await vi.waitFor(async () => expect((await readPublicSettings()).panelCollapsed).toBe(true));
    listener!('some-other-command');
    listener!(TOGGLE_PANEL_COMMAND);
    await vi.waitFor(async () => expect((await readPublicSettings()).panelCollapsed).toBe(false));
    expect(seen).toEqual([true, false]);
    unwatch();
  });
});
