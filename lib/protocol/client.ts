import { messages } from './messages';
import { createSend } from './send';

export type { Send } from './send';

/** Sends one typed request to the background and validates the answer; never throws. Every message: extension pages. */
export const send = createSend(messages);
