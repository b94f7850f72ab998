// Docks the panel at the right of Gmail so that it covers none of Gmail's own right-hand things:
// - the page is padded on the right by the panel's width, so Gmail's content makes room;
// - Gmail's side panel (Gemini, Calendar, Keep, Tasks) and its icon rail: when they sit where the panel would,
//   the panel moves to their left and docks beside them; when Gmail laid them out inside the padded page, they
//   are already left of the panel and nothing moves;
// - the top bar (search, Ask Gemini, account): the panel starts below it;
// - compose windows ("moles"): Gmail keeps them clear of its own side panel by widening the last spacer of their
//   strip, and knows nothing of this panel. As InboxSDK does for its panels, the spacer is widened so the moles
//   end left of the panel (and of Gmail's side panel), and Gmail's own width is kept whenever it is wider.
// Everything is measured, never assumed, because where Gmail puts these cannot be checked without live Gmail;
// placement is the pure function placePanel, tested on its own.

import { MOLE_SPACER, MOLE_STRIP, SIDE_PANEL_COLUMN, SIDE_PANEL_PARTS, TOP_BAR } from './selectors';

/** The panel's host element (our own, see components/panel/mount-panel.tsx); it carries the placement as CSS variables. */
const PANEL_HOST = 'calm-triage-panel';
export const PANEL_RIGHT_VAR = '--calm-triage-panel-right';
export const PANEL_TOP_VAR = '--calm-triage-panel-top';

/** Where the panel starts when nothing is measured: Gmail's top bar is 64 px tall. */
export const DEFAULT_PANEL_TOP_PX = 64;
/** Room kept between a compose window and whatever is right of it, as Gmail keeps beside its rail. */
const MOLE_GAP_PX = 8;

/** Everything that is watched: a change in any of these can move what the panel must avoid. */
const WATCHED = `${MOLE_STRIP}, ${SIDE_PANEL_COLUMN}, ${SIDE_PANEL_PARTS}, ${TOP_BAR}`;

export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** What placePanel needs to know of the page, in CSS pixels of the viewport. */
export interface DockMeasure {
  viewportWidth: number;
  panelWidth: number;
  /** Where Gmail's top bar ends, when there is one. */
  topBarBottom: number | null;
  /** Gmail's side panel with its rail, when any of it is shown. */
  sidePanel: Box | null;
  /** The right edge of the compose strip, when Gmail has built one. */
  moleStripRight: number | null;
  /** The width Gmail itself gave the strip's last spacer, when known. */
  gmailSpacerWidth: number | null;
}

export interface DockPlacement {
  /** Distance from the viewport's right edge to the panel's right edge. */
  panelRight: number;
  panelTop: number;
  /** The width to give the compose strip's last spacer, or null to leave it to Gmail. */
  spacerWidth: number | null;
}

/** Where the panel goes and how wide the compose spacer must be, from what was measured. */
export function placePanel(m: DockMeasure): DockPlacement {
  let panelRight = 0;
  const side = m.sidePanel;
  // Gmail's side panel reaches into the panel's place: dock to its left (never off the left edge of the window).
  if (side !== null && side.right > m.viewportWidth - m.panelWidth) {
    panelRight = Math.min(Math.max(0, m.viewportWidth - side.left), Math.max(0, m.viewportWidth - m.panelWidth));
  }
  const panelTop = Math.max(DEFAULT_PANEL_TOP_PX, m.topBarBottom ?? 0);

  let spacerWidth: number | null = null;
  if (m.moleStripRight !== null && m.panelWidth > 0) {
    // Compose windows must end left of everything at the right: the panel, and Gmail's side panel where it shows.
    const obstacles = [m.viewportWidth - panelRight - m.panelWidth];
    if (side !== null && side.left < m.moleStripRight) obstacles.push(side.left);
    const needed = Math.ceil(m.moleStripRight - Math.min(...obstacles) + MOLE_GAP_PX);
    spacerWidth = Math.max(needed, m.gmailSpacerWidth ?? 0);
  }
  return { panelRight, panelTop, spacerWidth };
}

interface Dock {
  widthPx: number;
  stop: () => void;
  /** Places the panel in the next frame: measured then, the padding just set costs no forced layout in this task. */
  schedule: () => void;
}

const docks = new WeakMap<Document, Dock>();

/**
 * Makes room at the right of Gmail for a panel this wide (0 releases everything), and keeps the panel, Gmail's
 * side panel, top bar and compose windows out of each other's way while it is there.
 */
export function reserveGmailSpace(doc: Document, widthPx: number): void {
  const existing = docks.get(doc);
  if (widthPx <= 0) {
    existing?.stop();
    docks.delete(doc);
    setBodyPadding(doc, '');
    return;
  }
  setBodyPadding(doc, `${widthPx}px`);
  if (existing !== undefined) {
    existing.widthPx = widthPx;
    existing.schedule();
    return;
  }
  const dock = startDock(doc, widthPx);
  if (dock !== null) docks.set(doc, dock);
}

function setBodyPadding(doc: Document, value: string): void {
  if (doc.body.style.paddingRight === value) return;
  doc.body.style.paddingRight = value;
  // Gmail sizes its columns in script on window resize (InboxSDK fakes one after changing widths): let it re-lay out.
  nudgeGmailLayout(doc);
}

function startDock(doc: Document, widthPx: number): Dock | null {
  const view = doc.defaultView;
  if (view === null) return null;
  /** What this dock last wrote on the spacer, to tell Gmail's own writes from ours. */
  let written: { spacer: HTMLElement; width: string } | null = null;
  /** Gmail's own width for the spacer: its style before we touched it, or what Gmail wrote since. */
  let gmailWidth: { spacer: HTMLElement; width: string } | null = null;
  let frame: number | null = null;

  const schedule = () => {
    if (frame !== null) return;
    frame = view.requestAnimationFrame(() => {
      frame = null;
      layout();
    });
  };
  const layout = () => {
    const spacer = lastSpacer(doc);
    if (spacer !== null && (gmailWidth?.spacer !== spacer || (written?.spacer === spacer && spacer.style.width !== written.width))) {
      gmailWidth = { spacer, width: spacer.style.width };
    }
    const placement = placePanel(measure(doc, dock.widthPx, spacer, gmailWidth?.width ?? ''));
    const host = doc.querySelector<HTMLElement>(PANEL_HOST);
    setVariable(host, PANEL_RIGHT_VAR, `${placement.panelRight}px`);
    setVariable(host, PANEL_TOP_VAR, `${placement.panelTop}px`);
    if (spacer !== null && placement.spacerWidth !== null) {
      const width = `${placement.spacerWidth}px`;
      if (spacer.style.width !== width) {
        spacer.style.width = width;
        // Gmail pins a compose's bottom bar where the compose was: a resize makes it follow (InboxSDK does the same).
        nudgeGmailLayout(doc);
      }
      written = { spacer, width };
    }
  };

  const dock: Dock = {
    widthPx,
    schedule,
    stop: () => {
      observer.disconnect();
      view.removeEventListener('resize', schedule);
      if (frame !== null) view.cancelAnimationFrame(frame);
      // Give the spacer back the width Gmail chose, and the panel its defaults.
      if (written !== null && gmailWidth?.spacer === written.spacer && written.spacer.style.width === written.width) written.spacer.style.width = gmailWidth.width;
      const host = doc.querySelector<HTMLElement>(PANEL_HOST);
      host?.style.removeProperty(PANEL_RIGHT_VAR);
      host?.style.removeProperty(PANEL_TOP_VAR);
    },
  };

  const relevant = (record: MutationRecord) => {
    const target = record.target.nodeType === 1 ? (record.target as Element) : record.target.parentElement;
    if (target?.closest(WATCHED) != null) return true;
    if (record.type !== 'childList') return false;
    return [...Array.from(record.addedNodes), ...Array.from(record.removedNodes)].some(
      (node) => node.nodeType === 1 && ((node as Element).matches(WATCHED) || (node as Element).querySelector(WATCHED) !== null),
    );
  };
  const observer = new view.MutationObserver((records) => {
    if (records.some(relevant)) schedule();
  });
  observer.observe(doc.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class', 'hidden'] });
  view.addEventListener('resize', schedule);
  schedule();
  return dock;
}

function measure(doc: Document, panelWidth: number, spacer: HTMLElement | null, gmailSpacerWidth: string): DockMeasure {
  const shown = (element: Element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 ? box : null;
  };
  const topBar = doc.querySelector(TOP_BAR);
  const topBarBox = topBar === null ? null : shown(topBar);
  const strip = doc.querySelector(MOLE_STRIP);
  const stripBox = strip === null ? null : shown(strip);
  const spacerPx = Number.parseFloat(gmailSpacerWidth);
  return {
    viewportWidth: doc.documentElement.clientWidth,
    panelWidth,
    topBarBottom: topBarBox?.bottom ?? null,
    sidePanel: sidePanelBox(doc, shown),
    moleStripRight: spacer === null ? null : (stripBox?.right ?? null),
    gmailSpacerWidth: Number.isFinite(spacerPx) ? spacerPx : null,
  };
}

/** Gmail's right-hand column, or (if its class moved) the union of the side panel parts that show. */
function sidePanelBox(doc: Document, shown: (element: Element) => DOMRect | null): Box | null {
  const column = doc.querySelector(SIDE_PANEL_COLUMN);
  const columnBox = column === null ? null : shown(column);
  const boxes = columnBox !== null ? [columnBox] : Array.from(doc.querySelectorAll(SIDE_PANEL_PARTS)).flatMap((part) => shown(part) ?? []);
  if (boxes.length === 0) return null;
  return {
    left: Math.min(...boxes.map((b) => b.left)),
    right: Math.max(...boxes.map((b) => b.right)),
    top: Math.min(...boxes.map((b) => b.top)),
    bottom: Math.max(...boxes.map((b) => b.bottom)),
  };
}

/** The compose strip's right spacer (its last), once Gmail has built the strip. */
function lastSpacer(doc: Document): HTMLElement | null {
  return Array.from(doc.querySelectorAll<HTMLElement>(MOLE_SPACER)).at(-1) ?? null;
}

function setVariable(host: HTMLElement | null, name: string, value: string): void {
  if (host !== null && host.style.getPropertyValue(name) !== value) host.style.setProperty(name, value);
}

function nudgeGmailLayout(doc: Document): void {
  const view = doc.defaultView;
  if (view !== null) view.dispatchEvent(new view.Event('resize'));
}
