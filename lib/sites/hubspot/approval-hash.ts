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
export async function approvalHash(payload: ApprovalPayload): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(payload)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** True only when the hash was made over exactly this payload. */
export async function approvalMatches(payload: ApprovalPayload, hash: string): Promise<boolean> {
  return (await approvalHash(payload)) === hash;
}
