import { useEffect, useState } from 'react';
import { send } from '@/lib/protocol/gmail-client';
import type { ResponseOf } from '@/lib/protocol/messages';
import { formatUsd } from '@/lib/ui/formats';

/** Claude's token use and estimated cost for this thread, refreshed when the draft settles. */
export function UsageLine({ subjectId, refreshKey }: { subjectId: string; refreshKey: string }) {
  const [usage, setUsage] = useState<ResponseOf<'triage.usage'> | null>(null);
  useEffect(() => {
    void send('triage.usage', { subjectId }).then((a) => a.ok && setUsage(a.value));
  }, [subjectId, refreshKey]);
  if (!usage || usage.calls === 0) return null;
  return (
    <p className="muted small" data-testid="usage-line">
      Claude: {usage.calls} calls · {usage.costUsd === null ? 'cost unknown for this model' : `≈ ${formatUsd(usage.costUsd)}`} · {usage.input} in,{' '}
      {usage.cacheRead} cached, {usage.output} out
    </p>
  );
}
