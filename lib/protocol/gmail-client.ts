import { draftMessages } from './groups/draft';
import { statusMessages } from './groups/status';
import { threadMessages } from './groups/thread';
import { triageMessages } from './groups/triage';
import { createSend } from './send';

/** `send` for the Gmail content script: the groups its panel uses, so its start chunk carries no other schemas. */
export const send = createSend({ ...threadMessages, ...triageMessages, ...draftMessages, ...statusMessages });
