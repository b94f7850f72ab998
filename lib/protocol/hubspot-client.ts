import { hubspotMessages } from './groups/hubspot';
import { createSend } from './send';

/** `send` for the HubSpot content script: its own group only, so its start chunk carries no other schemas. */
export const send = createSend(hubspotMessages);
