import Dexie, { type EntityTable } from 'dexie';
import type { AuditRow } from '@/lib/schemas/audit';

/** A key/value setting. Values are validated by their zod schema where they are read. */
export interface SettingRow {
  key: string;
  value: unknown;
}

export interface ThreadSeenRow {
  /** "gmail:<legacy thread id>" or "hubspot:<portal>/<type>/<id>" */
  id: string;
  subject: string;
  firstSeen: number;
  lastTriaged: number | null;
  /** The rep's routing decision, if one was made. */
  routing?: { owner: string; suggested: string; by: string | null; at: number };
}

/** One version of an SOP. Versions are separate rows so a replaced version stays in history as 'superseded'. */
export interface SopRow {
  /** `${sopId}@${version}` */
  id: string;
  /** The SOP's stable id across versions (front matter `id:`, else derived from the title). */
  sopId: string;
  title: string;
  /** The library's version counter, 1, 2, 3... */
  version: number;
  /** The document's own version label ("3.2"), when its front matter gives one. */
  versionLabel: string | null;
  lanes: string[];
  owner: string;
  effectiveDate: string | null;
  sourceName: string;
  /** SHA-256 of the imported file (duplicate detection). */
  sha256: string;
  bytes: number;
  /** Normalised Markdown-like text, as chunked and as exported in bundles. */
  text: string;
  status: 'active' | 'retired' | 'superseded';
  managed: boolean;
  updatedAt: number;
  chunkCount: number;
}

export interface PassageRow {
  id: string;
  sopId: string;
  sopVersion: number;
  sopTitle: string;
  headingPath: string[];
  text: string;
  lanes: string[];
  /** Section tags; absent on passages imported before tags existed (re-import the SOP to route by them). */
  tags?: string[];
  active: 0 | 1;
}

/** A persisted blob: the search index snapshot, an engine model. Each reader checks the value it gets. */
export interface BlobRow {
  key: string;
  value: unknown;
  updatedAt: number;
}

/** Work a human has not resolved yet: drafts, field proposals, follow-up task proposals, handoff packets. */
export interface PendingRow {
  id: string;
  kind: 'draft' | 'proposal' | 'handoff' | 'task' | 'contact';
  /** Thread or record it belongs to. */
  subject: string;
  status: string;
  createdAt: number;
  updatedAt: number;
  value: unknown;
}

export interface FeedbackRow {
  seq?: number;
  at: number;
  subject: string;
  field: string;
  from: string;
  to: string;
  text: string;
}

/** A labelled message the local model trains on besides the lanes' own examples: the team's history, or a rep's correction. */
export interface ExampleRow {
  id?: number;
  text: string;
  /** A category id; rows whose category the lanes no longer hold are kept but not trained on. */
  label: string;
  source: 'history' | 'correction';
  at: number;
}

/** One saved version of the lanes, kept as their history: who set it, when, and the lanes themselves. */
export interface LaneVersionRow {
  version: number;
  at: number;
  source: 'editor' | 'file' | 'policy' | 'reset';
  lanes: unknown;
}

export class TriageDatabase extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>;
  threads!: EntityTable<ThreadSeenRow, 'id'>;
  audit!: EntityTable<AuditRow, 'seq'>;
  sops!: EntityTable<SopRow, 'id'>;
  passages!: EntityTable<PassageRow, 'id'>;
  blobs!: EntityTable<BlobRow, 'key'>;
  pending!: EntityTable<PendingRow, 'id'>;
  feedback!: EntityTable<FeedbackRow, 'seq'>;
  examples!: EntityTable<ExampleRow, 'id'>;
  laneVersions!: EntityTable<LaneVersionRow, 'version'>;

  constructor(name = 'calm-triage') {
    super(name);
    this.version(1).stores({
      settings: 'key',
      threads: 'id, lastTriaged',
      audit: '++seq, at, kind, subject',
    });
    // v2: SOP library, persisted blobs (index, models), unresolved work, feedback for learning.
    this.version(2).stores({
      sops: 'id, sopId, title, status, sha256, updatedAt',
      passages: 'id, sopId, active',
      blobs: 'key',
      pending: 'id, kind, subject, status, updatedAt',
      feedback: '++seq, at, subject, field',
    });
    // v3: the team's labelled history and corrections (the local model's training data), and the lanes' versions.
    this.version(3).stores({ examples: '++id, label, source, at', laneVersions: 'version, at' });
  }
}
