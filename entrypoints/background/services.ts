import { TriageDatabase } from '@/lib/db/database';
import { appendAudit } from '@/lib/db/audit';
import { createClaudeEngine } from '@/lib/engine/claude/claude-engine';
import { settingsProblem } from '@/lib/engine/claude/client';
import { createLocalEngine } from '@/lib/engine/local/local-engine';
import { LocalModelKeeper } from '@/lib/engine/local/model-keeper';
import type { TextClassifier } from '@/lib/engine/local/text-classifier';
import { loadLanes } from '@/lib/lanes/lane-store';
import { recentCorrections } from '@/lib/engine/local/examples-store';
import { ok, type AppError, type Result } from '@/lib/schemas/errors';
import { loadClaudeSettings } from '@/lib/settings/claude-settings-store';
import { loadEngineChoice } from '@/lib/settings/engine-store';
import { loadOwnDomains } from '@/lib/settings/own-domains-store';
import { loadIndex } from '@/lib/sop/library';
import { INDEX_LOAD_MEASURE, measured } from '@/lib/common/user-timing';
import type { SopIndex } from '@/lib/sop/sop-index';
import type { TriageEngine } from '@/lib/engine/types';

/** The background's shared state: one database, one SOP index and one local model, loaded once per worker start. */
export interface Services {
  db: TriageDatabase;
  index(): Promise<SopIndex>;
  /** Call after the library changed so the next triage reads the new index. */
  reloadIndex(): Promise<SopIndex>;
  /** The local model now; retrains in the background when the lanes, history or corrections changed. */
  model(): Promise<Result<TextClassifier>>;
  models: LocalModelKeeper;
  /** After "Delete all local data": the next request loads the (now empty) index and a fresh model. */
  forget(): void;
  localEngine(): Promise<TriageEngine>;
  claudeEngine(subjectId: string): Promise<Result<TriageEngine>>;
  engineChoice(): Promise<'local' | 'claude'>;
  /** The local engine, and Claude too when it is chosen; Claude's settings problem, if any, as an error to show. */
  chosenEngines(subjectId: string): Promise<{ engines: TriageEngine[]; error: AppError | null }>;
}

export function createServices(db = new TriageDatabase()): Services {
  let index: Promise<SopIndex> | null = null;
  const services: Services = {
    db,
    // Measured (User Timing) for the benchmark's index load after a worker restart.
    index: () => (index ??= measured(INDEX_LOAD_MEASURE, () => loadIndex(db))),
    reloadIndex: () => (index = loadIndex(db)),
    models: new LocalModelKeeper(db, () => loadLanes(db), {
      trained: (figures) => void appendAudit(db, { kind: 'model.trained', subject: null, lane: null, data: { ...figures, ms: Math.round(figures.ms) } }),
      failed: (error) => void appendAudit(db, { kind: 'model.failed', subject: null, lane: null, data: { code: error.code } }),
    }),
    model: () => services.models.current(),
    forget: () => {
      index = null;
      services.models.forget();
    },
    localEngine: async () => {
      const model = await services.model();
      return createLocalEngine(model.ok ? model.value : model.error, { ownDomains: await loadOwnDomains(db) });
    },
    async claudeEngine(subjectId) {
      const settings = await loadClaudeSettings(db);
      const problem = settingsProblem(settings);
      if (problem) return { ok: false, error: problem };
      return ok(
        createClaudeEngine(settings, {
          onUsage: (usage) => void appendAudit(db, { kind: 'engine.usage', subject: subjectId, lane: null, data: { ...usage } }),
          recentCorrections: () => recentCorrections(db),
        }),
      );
    },
    engineChoice: () => loadEngineChoice(db),
    async chosenEngines(subjectId) {
      const engines = [await services.localEngine()];
      if ((await services.engineChoice()) !== 'claude') return { engines, error: null };
      const claude = await services.claudeEngine(subjectId);
      return claude.ok ? { engines: [...engines, claude.value], error: null } : { engines, error: claude.error };
    },
  };
  return services;
}
