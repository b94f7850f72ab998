/** Nearest-rank percentile of a sample, q in (0, 1]: always one of the sample's own values, null for an empty sample. */
export function nearestRank(samples: ArrayLike<number>, q: number): number | null {
  const n = samples.length;
  if (n === 0) return null;
  // A typed copy sorts numerically without a comparator, and leaves the caller's array alone.
  const sorted = Float64Array.from(samples).sort();
  return sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))] ?? null;
}
