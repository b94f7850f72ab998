import { nearestRank } from '../percentile';

/** A share: hits out of n, value null when n is 0. */
export interface Share {
  n: number;
  hits: number;
  value: number | null;
}

/** A duration sample in ms: median and 90th percentile by nearest rank, null when n is 0. */
export interface Spread {
  n: number;
  median: number | null;
  p90: number | null;
}

export const share = (hits: number, n: number): Share => ({ n, hits, value: n === 0 ? null : hits / n });
export const spread = (samples: number[]): Spread => ({ n: samples.length, median: nearestRank(samples, 0.5), p90: nearestRank(samples, 0.9) });
