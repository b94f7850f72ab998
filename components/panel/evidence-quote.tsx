/** The customer's or the record's own words a proposal rests on, and where they come from. */
export function EvidenceQuote({ evidence }: { evidence: { quote: string; source: { label: string } } }) {
  return (
    <>
      <q className="quote">{evidence.quote}</q> <span className="muted small">· {evidence.source.label}</span>
    </>
  );
}
