/**
 * Makes room at the right of HubSpot's app for the docked panel by padding the document body,
 * so the panel sits beside the record instead of over HubSpot's controls.
 */
export function reserveHubSpotSpace(doc: Document, widthPx: number): void {
  doc.body.style.paddingRight = widthPx > 0 ? `${widthPx}px` : '';
}
