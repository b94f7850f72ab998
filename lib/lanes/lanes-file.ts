import { z } from 'zod';
import { fail, type Result } from '@/lib/schemas/errors';
import type { Lane } from '@/lib/schemas/lane';
import { parseLanes } from './parse-lanes';

/** The lanes as a file an admin keeps, shares or imports elsewhere: a format tag, when, and the lanes as saved. */
export const LANES_FILE_FORMAT = 'calm-triage.lanes';

const lanesFileSchema = z.object({ format: z.literal(LANES_FILE_FORMAT), version: z.literal(1), exportedAt: z.string(), lanes: z.unknown() });

export function lanesFileText(lanes: readonly Lane[], exportedAt: Date): string {
  return `${JSON.stringify({ format: LANES_FILE_FORMAT, version: 1, exportedAt: exportedAt.toISOString(), lanes }, null, 2)}\n`;
}

export const lanesFileName = (exportedAt: Date) => `calm-triage-lanes-${exportedAt.toISOString().slice(0, 10)}.json`;

/** A lanes file's text, checked as every lane data is (parseLanes). */
export function parseLanesFile(text: string): Result<Lane[]> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail('lanes_file_invalid', `This file is not JSON (${reason.slice(0, 120)}).`, 'Choose a lanes file exported from the Lanes tab.');
  }
  const file = lanesFileSchema.safeParse(json);
  if (!file.success) return fail('lanes_file_invalid', 'This file is not a Calm Triage lanes file (its format tag is missing or different).', 'Choose a lanes file exported from the Lanes tab (calm-triage-lanes-….json).');
  return parseLanes(file.data.lanes);
}
