import { TriageDatabase } from './database';

/** The options page is an extension page: same origin as the background, so it reads the same database. */
let instance: TriageDatabase | null = null;
export const optionsDb = (): TriageDatabase => (instance ??= new TriageDatabase());
