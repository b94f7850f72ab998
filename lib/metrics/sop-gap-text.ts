import type { GapGroup } from './sop-gaps';

/** A gap group as the dashboard and the CSV word it. */
export const gapTitle = (g: Pick<GapGroup, 'words'>): string => g.words.join(' · ');
export const gapCount = (g: Pick<GapGroup, 'threads'>): string => `${g.threads} ${g.threads === 1 ? 'thread' : 'threads'}`;
export const gapBreakdown = (g: Pick<GapGroup, 'ungrounded' | 'rejectedForPolicy'>): string =>
  `${g.ungrounded} not grounded by the SOPs · ${g.rejectedForPolicy} drafts rejected for their policy`;
