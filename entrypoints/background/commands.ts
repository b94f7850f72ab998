import { browser } from 'wxt/browser';
import { TOGGLE_PANEL_COMMAND, togglePanelCollapsed } from '@/lib/settings/public-settings';

/** Keyboard commands from the manifest: Chrome delivers them here, never to the page. */
export function setUpCommands(): void {
  browser.commands.onCommand.addListener((command) => {
    if (command === TOGGLE_PANEL_COMMAND) void togglePanelCollapsed();
  });
}
