/**
 * Wraps work in a User Timing measure (performance.measure), so the benchmark can read how long it took where it
 * ran (the service worker) without the product keeping figures of its own.
 */
export async function measured<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    performance.measure(name, { start, end: performance.now() });
  }
}

/** The background's first SOP index load after it starts (read by the benchmark). */
export const INDEX_LOAD_MEASURE = 'calm-triage:index-load';
