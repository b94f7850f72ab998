/** One named benchmark figure, as the benchmark format asks: a value with its unit, or the reason it could not be measured. */
export interface Figure {
  name: string;
  value: number | null;
  unit: string;
  /** e.g. "< 100" or ">= 0.85"; omitted when the figure has no target. */
  target?: string;
  /** Why value is null. */
  reason?: string;
}

export function met(figure: Figure): boolean | null {
  if (figure.value === null || !figure.target) return null;
  const m = /^(<=|>=|<|>)\s*(-?[\d.]+)$/.exec(figure.target.trim());
  if (!m) return null;
  const bound = Number(m[2]);
  switch (m[1]) {
    case '<': return figure.value < bound;
    case '<=': return figure.value <= bound;
    case '>': return figure.value > bound;
    default: return figure.value >= bound;
  }
}

/** Median and 95th percentile of a sample (nearest-rank). */
export function percentiles(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95) };
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
