// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { placePanel, reserveGmailSpace, PANEL_RIGHT_VAR, PANEL_TOP_VAR, type DockMeasure } from '@/lib/sites/gmail/dock';

const VW = 1400;
const PANEL = 360;
const RAIL = 56;
const COMPANION = 300;

/** Gmail's right-hand column as InboxSDK describes it: a 56 px icon rail, plus the side panel when open. */
function column(left: number, right: number) {
  return { left, right, top: 64, bottom: 900 };
}

const base: DockMeasure = { viewportWidth: VW, panelWidth: PANEL, topBarBottom: 64, sidePanel: null, moleStripRight: null, gmailSpacerWidth: null };

describe('placePanel', () => {
  it('with nothing of Gmail at the right, sits at the right edge below the top bar', () => {
    expect(placePanel(base)).toEqual({ panelRight: 0, panelTop: 64, spacerWidth: null });
  });

  it('never rises into a taller top bar (Ask Gemini stays reachable)', () => {
    expect(placePanel({ ...base, topBarBottom: 112 }).panelTop).toBe(112);
    expect(placePanel({ ...base, topBarBottom: 48 }).panelTop).toBe(64);
  });

  it("docks left of Gmail's rail when Gmail pins it to the window's edge", () => {
    expect(placePanel({ ...base, sidePanel: column(VW - RAIL, VW) }).panelRight).toBe(RAIL);
  });

  it("docks left of Gmail's open side panel (Gemini, Calendar, Keep, Tasks)", () => {
    expect(placePanel({ ...base, sidePanel: column(VW - RAIL - COMPANION, VW) }).panelRight).toBe(RAIL + COMPANION);
  });

  it("stays at the edge when Gmail laid its side panel out inside the padded page", () => {
    expect(placePanel({ ...base, sidePanel: column(VW - PANEL - RAIL - COMPANION, VW - PANEL) }).panelRight).toBe(0);
  });

  it('widens the compose spacer so compose windows end left of the panel', () => {
    const placement = placePanel({ ...base, moleStripRight: VW, gmailSpacerWidth: 66 });
    expect(placement.spacerWidth).toBe(PANEL + 8);
  });

  it("widens it past Gmail's side panel too, whichever way Gmail laid it out", () => {
    // Pinned to the edge: the panel docks beside it, the moles end left of both.
    const pinned = placePanel({ ...base, sidePanel: column(VW - RAIL - COMPANION, VW), moleStripRight: VW, gmailSpacerWidth: COMPANION + 66 });
    expect(pinned.spacerWidth).toBe(RAIL + COMPANION + PANEL + 8);
    // Inside the padded page: the panel stays at the edge, the moles still end left of Gmail's side panel.
    const inside = placePanel({ ...base, sidePanel: column(VW - PANEL - RAIL - COMPANION, VW - PANEL), moleStripRight: VW, gmailSpacerWidth: COMPANION + 66 });
    expect(inside.spacerWidth).toBe(PANEL + RAIL + COMPANION + 8);
  });

  it("keeps Gmail's own spacer width when it is already wider", () => {
    expect(placePanel({ ...base, moleStripRight: VW, gmailSpacerWidth: 900 }).spacerWidth).toBe(900);
  });

  it('collapsed to its 40 px strip, asks for 40 px', () => {
    expect(placePanel({ ...base, panelWidth: 40, sidePanel: column(VW - RAIL, VW), moleStripRight: VW, gmailSpacerWidth: 66 })).toEqual({ panelRight: RAIL, panelTop: 64, spacerWidth: RAIL + 40 + 8 });
  });

  it('never pushes the panel off the left of a narrow window', () => {
    expect(placePanel({ ...base, viewportWidth: 600, sidePanel: column(100, 600) }).panelRight).toBe(600 - PANEL);
  });
});

/** Fixes an element's box, as a browser would lay it out (happy-dom has no layout). */
function box(element: Element, left: number, top: number, width: number, height: number): void {
  element.getBoundingClientRect = () => ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top, toJSON: () => ({}) }) as DOMRect;
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

describe('reserveGmailSpace on a page with Gmail chrome', () => {
  let host: HTMLElement;
  let rightSpacer: HTMLElement;
  let wrapper: HTMLElement;

  beforeEach(() => {
    Object.defineProperty(document.documentElement, 'clientWidth', { configurable: true, value: VW });
    document.body.replaceChildren();
    const header = document.createElement('header');
    header.setAttribute('role', 'banner');
    box(header, 0, 0, VW, 64);
    // The right-hand column pinned to the edge: rail always, side panel wrapper hidden until opened.
    const aux = document.createElement('div');
    aux.className = 'aUx';
    box(aux, VW - RAIL, 64, RAIL, 836);
    wrapper = document.createElement('div');
    wrapper.className = 'WN9Ejb';
    wrapper.style.display = 'none';
    aux.append(wrapper);
    // The compose strip Gmail builds with the first compose window.
    const strip = document.createElement('div');
    strip.className = 'dw';
    box(strip, 0, 500, VW, 400);
    const leftSpacer = Object.assign(document.createElement('div'), { className: 'jAmAWb' });
    rightSpacer = Object.assign(document.createElement('div'), { className: 'jAmAWb' });
    rightSpacer.style.width = '66px';
    strip.append(leftSpacer, document.createElement('div'), rightSpacer);
    host = document.createElement('calm-triage-panel');
    document.body.append(header, aux, strip, host);
  });
  afterEach(() => reserveGmailSpace(document, 0));

  it('pads the page, docks the panel beside the rail and keeps compose windows clear; releasing gives everything back', async () => {
    reserveGmailSpace(document, PANEL);
    expect(document.body.style.paddingRight).toBe('360px');
    // Measured in the next frame, not in the caller's task (no forced layout on the content script's start).
    expect(host.style.getPropertyValue(PANEL_RIGHT_VAR)).toBe('');
    await frame();
    expect(host.style.getPropertyValue(PANEL_RIGHT_VAR)).toBe('56px');
    expect(host.style.getPropertyValue(PANEL_TOP_VAR)).toBe('64px');
    expect(rightSpacer.style.width).toBe(`${RAIL + PANEL + 8}px`);

    reserveGmailSpace(document, 0);
    expect(document.body.style.paddingRight).toBe('');
    expect(host.style.getPropertyValue(PANEL_RIGHT_VAR)).toBe('');
    expect(rightSpacer.style.width).toBe('66px');
  });

  it("follows Gmail opening its side panel, and keeps Gmail's later spacer width to give back", async () => {
    reserveGmailSpace(document, PANEL);
    // Gmail opens Calendar: the column widens, and Gmail sizes the spacer for its own panel only.
    box(document.querySelector('.aUx')!, VW - RAIL - COMPANION, 64, RAIL + COMPANION, 836);
    wrapper.style.display = '';
    rightSpacer.style.width = `${COMPANION + 66}px`;
    await frame();
    await frame();
    expect(host.style.getPropertyValue(PANEL_RIGHT_VAR)).toBe(`${RAIL + COMPANION}px`);
    expect(rightSpacer.style.width).toBe(`${RAIL + COMPANION + PANEL + 8}px`);

    reserveGmailSpace(document, 0);
    expect(rightSpacer.style.width).toBe(`${COMPANION + 66}px`);
  });

  it('follows the panel collapsing', async () => {
    reserveGmailSpace(document, PANEL);
    await frame();
    reserveGmailSpace(document, 40);
    expect(document.body.style.paddingRight).toBe('40px');
    await frame();
    expect(rightSpacer.style.width).toBe(`${RAIL + 40 + 8}px`);
  });
});
