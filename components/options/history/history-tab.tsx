import { useState } from 'react';
import type { HistoryFile } from '@/lib/history/history-file';
import { HistoryPicker } from './history-picker';
import { HistoryReview } from './history-review';
import { StoredHistory } from './stored-history';

/** The team's labelled past mail: pick an export, see whether its taxonomy is learnable, then train on it. */
export function HistoryTab() {
  const [file, setFile] = useState<HistoryFile | null>(null);
  const [outcome, setOutcome] = useState('');
  const done = (message: string) => {
    setFile(null);
    setOutcome(message);
  };
  return (
    <>
      <HistoryPicker
        onPicked={(picked) => {
          setOutcome('');
          setFile(picked);
        }}
      />
      {outcome && (
        <p className="banner" role="status" data-testid="history-outcome">
          {outcome}
        </p>
      )}
      {file && <HistoryReview key={`${file.source}-${file.examples.length}-${file.examples[0]?.text.length ?? 0}`} file={file} onDone={done} />}
      <StoredHistory />
    </>
  );
}
