import type { TriageDatabase } from '@/lib/db/database';
import type { RecordView } from '@/lib/schemas/hubspot';
import { type HandoffPacket, handoffPacketSchema } from '@/lib/schemas/proposal';
import { domainOf, isFreeMailDomain, normaliseDomain } from '@/lib/text/mail-domains';

const norm = (s: string) => s.trim().toLowerCase();

/**
 * Handoff packets from Gmail still waiting for this record, matched by the sender's address as Gmail gave it, or by its
 * mail domain against the record's company domains (never a free-mail domain). A company name is never used: anyone
 * can sign a mail "Acme Corp".
 */
export async function waitingHandoffs(db: TriageDatabase, match: RecordView['match']): Promise<HandoffPacket[]> {
  const emails = new Set(match.emails.map(norm));
  const domains = new Set(match.domains.map(normaliseDomain).filter((d) => d !== '' && !isFreeMailDomain(d)));
  const rows = await db.pending.where('kind').equals('handoff').toArray();
  return rows
    .filter((r) => r.status === 'waiting')
    .flatMap((r) => {
      const packet = handoffPacketSchema.safeParse(r.value);
      return packet.success && packet.data.status === 'waiting' ? [packet.data] : [];
    })
    .filter((p) => emails.has(norm(p.contactEmail)) || domains.has(domainOf(p.contactEmail)))
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
