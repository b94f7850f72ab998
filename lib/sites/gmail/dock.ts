/**
 * Makes room at the right of Gmail for the docked panel by padding the document body,
 * so the panel sits beside the thread instead of over Gmail's controls.
 */
export function reserveGmailSpace(doc: Document, widthPx: number): void {
  doc.body.style.paddingRight = widthPx > 0 ? `${widthPx}px` : '';
}
