import type { TriageDatabase } from '@/lib/db/database';
import type { Lane } from '@/lib/schemas/lane';
import { ok, type AppError, type Result } from '@/lib/schemas/errors';
import { listCorrections } from './examples-store';
import { loadLocalModel, saveLocalModel, type SavedModel } from './model-store';
import { MAX_SPECIALISTS, trainPairSpecialists } from './pair-specialists';
import { TextClassifier } from './text-classifier';
import { trainingExamples, trainingFingerprint } from './training-set';

export interface ModelKeeperEvents {
  /** A retraining finished: how long it took, on how many examples, and how many pair specialists it trained. */
  trained?(figures: { ms: number; examples: number; labels: number; specialists: number }): void;
  /** A retraining failed; the previous model, if any, keeps answering. */
  failed?(error: AppError): void;
}

/**
 * The background's local model over its life: the saved one while it matches the lanes and examples in force;
 * when they change, it keeps answering with the model it has while a new one trains in slices, then swaps it in
 * with the corrections it remembered. Only a first start with nothing saved waits for training.
 */
export class LocalModelKeeper {
  private model: SavedModel | null = null;
  private loaded = false;
  private inFlight: { fingerprint: string; done: Promise<Result<SavedModel>> } | null = null;
  private generation = 0;

  constructor(
    private readonly db: TriageDatabase,
    private readonly lanes: () => Promise<Lane[]>,
    private readonly events: ModelKeeperEvents = {},
  ) {}

  /** The model to classify with now; an error only when there is none and none can be trained. */
  async current(): Promise<Result<TextClassifier>> {
    const lanes = await this.lanes();
    const fingerprint = await trainingFingerprint(this.db, lanes);
    if (!this.loaded) {
      this.loaded = true;
      const saved = await loadLocalModel(this.db);
      // A damaged save is as good as none: the examples it was trained on are all stored.
      if (saved.ok && saved.value) this.model = saved.value;
    }
    if (this.model?.fingerprint === fingerprint) return ok(this.model.classifier);
    const done = this.retrain(fingerprint, lanes);
    if (this.model) return ok(this.model.classifier);
    const trained = await done;
    return trained.ok ? ok(trained.value.classifier) : trained;
  }

  /** Persists what the model remembers now (its corrections), under the fingerprint it was trained for. */
  async save(): Promise<void> {
    if (this.model) await saveLocalModel(this.db, this.model);
  }

  /** Whether a retraining is under way. */
  get isTraining(): boolean {
    return this.inFlight !== null;
  }

  /** Waits for a retraining under way, if any (tests, and the bench's retrain figure). */
  async settled(): Promise<void> {
    while (this.inFlight) await this.inFlight.done;
  }

  /** After "Delete all local data". */
  forget(): void {
    this.model = null;
    this.loaded = false;
  }

  private retrain(fingerprint: string, lanes: Lane[]): Promise<Result<SavedModel>> {
    if (this.inFlight?.fingerprint === fingerprint) return this.inFlight.done;
    const generation = ++this.generation;
    const done = (async (): Promise<Result<SavedModel>> => {
      const started = performance.now();
      const examples = await trainingExamples(this.db, lanes);
      const trained = await TextClassifier.trainInSlices(examples);
      if (!trained.ok) {
        this.events.failed?.(trained.error);
        return trained;
      }
      // Newest first; a few more than there can be pairs, since several corrections can point at one pair.
      const corrections = await listCorrections(this.db, MAX_SPECIALISTS * 4);
      trained.value.setSpecialists(await trainPairSpecialists(trained.value, corrections, examples));
      const next: SavedModel = { classifier: trained.value, fingerprint };
      // The lanes or examples changed again while this one trained: the newer training will swap in.
      if (generation !== this.generation) return ok(next);
      if (this.model) trained.value.adoptMemory(this.model.classifier);
      await saveLocalModel(this.db, next);
      this.model = next;
      this.events.trained?.({ ms: performance.now() - started, examples: examples.length, labels: trained.value.labels.length, specialists: trained.value.specialistCount });
      return ok(next);
    })();
    const entry = { fingerprint, done };
    this.inFlight = entry;
    void done.finally(() => {
      if (this.inFlight === entry) this.inFlight = null;
    });
    return done;
  }
}
