// Imported first by each panel chunk: its mark is where the chunk's own code starts running, so the benchmark can
// tell fetching and compiling the chunk (before) from evaluating it (after).
import { PANEL_CHUNK_EVALUATE_MARK } from './panel-timing';

performance.mark(PANEL_CHUNK_EVALUATE_MARK);
