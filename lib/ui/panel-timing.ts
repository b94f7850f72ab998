// User Timing names the content script and the panel chunk leave on the host page's performance timeline, so the
// page benchmark (bench/page.ts) can say where the first opening's time went. The product keeps no figures of its own.

/** From asking for the start chunk to its module being evaluated (fetch, off-thread parse, top-level code). */
export const START_CHUNK_MEASURE = 'calm-triage:start-chunk';
/** From asking for the panel chunk to its module being evaluated (fetch, compile, top-level code). */
export const PANEL_CHUNK_MEASURE = 'calm-triage:panel-chunk';
/** The first React render of the panel into its shadow root. */
export const PANEL_FIRST_RENDER_MEASURE = 'calm-triage:panel-first-render';
/** The content script started (a mark). */
export const CONTENT_SCRIPT_START_MARK = 'calm-triage:content-script-start';
/** The panel chunk's own code starts running (a mark, lib/ui/panel-chunk-start.ts). */
export const PANEL_CHUNK_EVALUATE_MARK = 'calm-triage:panel-chunk-evaluate';
/** One step of the panel chunk's start, each in a task of its own (components/panel/mount-panel.tsx): `${prefix}:<step>`. */
export const PANEL_STEP_MEASURE_PREFIX = 'calm-triage:panel-step';
