import type { SyntheticEvent } from 'react';

/**
 * Wraps a handler so it runs only for events the browser made from a person's input. The panel lives in the host
 * page, whose scripts can dispatch synthetic clicks (isTrusted false) on its buttons: those are ignored, so a page
 * cannot accept, insert or write on the rep's behalf.
 */
export function onTrusted<E extends SyntheticEvent>(action: (event: E) => void): (event: E) => void {
  return (event) => {
    if (event.nativeEvent.isTrusted) action(event);
  };
}
