import { z } from 'zod';

// No context of an MV3 extension may evaluate strings (its CSP has no 'unsafe-eval'), so zod's compiled fast path can
// never run. Unless told, zod probes for it with `new Function` on the first object parse; the refusal is reported as
// a CSP violation (in a content script, on the host page's document) and finding the calling script's position for
// the report re-parsed our whole bundle: tens of milliseconds of a page's first thread. Imported first by every
// entrypoint and worker (tests/conventions.test.ts checks it).
z.config({ jitless: true });
