import { sha256OfText } from '@/lib/common/sha256';

/** Exactly what an approval covers: one property of one record, the value it was based on and the value to write. */
export interface ApprovalPayload {
  objectType: string;
  objectId: string;
  property: string;
  basedOnValue: string | null;
  value: string;
}

/** JSON with keys in a fixed order, so equal payloads always hash the same. */
function canonicalJson(payload: ApprovalPayload): string {
  const ordered: ApprovalPayload = {
    basedOnValue: payload.basedOnValue,
    objectId: payload.objectId,
    objectType: payload.objectType,
    property: payload.property,
    value: payload.value,
  };
  return JSON.stringify(ordered);
}

/** SHA-256 (hex) of the canonical payload: the approval record stores it, the writer checks it. */
export const approvalHash = (payload: ApprovalPayload): Promise<string> => sha256OfText(canonicalJson(payload));

/** True only when the hash was made over exactly this payload. */
export async function approvalMatches(payload: ApprovalPayload, hash: string): Promise<boolean> {
  return (await approvalHash(payload)) === hash;
}
