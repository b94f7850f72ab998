/** What handoff extractors read and give back: one sentence (or signature line) at a time, and the value with that sentence. */

export interface Extraction {
  text: string;
  /** Dates without a year are read relative to the message. */
  now: Date;
}

export interface Extracted {
  value: string;
  /** The sentence the value was read from: the evidence a rep sees, never the value restated. */
  quote: string;
}

export type Extractor = (sources: Extraction[]) => Extracted | null;

/** The first source (newest first) a reader finds a value in, quoted whole. */
export const firstMatch = (sources: Extraction[], read: (s: Extraction) => string | null): Extracted | null => {
  for (const source of sources) {
    const found = read(source);
    if (found) return { value: found, quote: source.text.trim() };
  }
  return null;
};
