import type { TriageDatabase } from '@/lib/db/database';
import { type HandoffPacket, handoffPacketSchema } from '@/lib/schemas/proposal';

const norm = (s: string) => s.trim().toLowerCase();

/** Handoff packets from Gmail still waiting for this record: matched by the contact's email or the company name. */
export async function waitingHandoffs(db: TriageDatabase, match: { emails: string[]; companies: string[] }): Promise<HandoffPacket[]> {
  const emails = new Set(match.emails.map(norm));
  const companies = new Set(match.companies.map(norm).filter(Boolean));
  const rows = await db.pending.where('kind').equals('handoff').toArray();
  return rows
    .filter((r) => r.status === 'waiting')
    .flatMap((r) => {
      const packet = handoffPacketSchema.safeParse(r.value);
      return packet.success && packet.data.status === 'waiting' ? [packet.data] : [];
    })
    .filter((p) => emails.has(norm(p.contactEmail)) || companies.has(norm(p.company)))
    .sort((a, b) => a.createdAt - b.createdAt);
}

/** A packet is consumed once every proposal made from it is written or rejected. */
export async function consumeHandoff(db: TriageDatabase, packetId: string, now: number): Promise<void> {
  const rows = await db.pending.where('kind').equals('handoff').toArray();
  for (const row of rows) {
    const packet = handoffPacketSchema.safeParse(row.value);
    if (!packet.success || packet.data.id !== packetId) continue;
    await db.pending.put({ ...row, status: 'consumed', updatedAt: now, value: { ...packet.data, status: 'consumed' } });
  }
}
