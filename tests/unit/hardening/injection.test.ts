import { describe, expect, it } from 'vitest';
import { createLocalEngine } from '@/lib/engine/local/local-engine';
import { checkInjectionCase, INJECTION_CASES } from '../../support/hardening-cases';

const engine = createLocalEngine();

describe('prompt injection in emails and notes stays data', () => {
  for (const c of INJECTION_CASES) {
    it(`${c.via}: ${c.name}`, async () => {
      expect((await checkInjectionCase(c, engine)).problems).toEqual([]);
    });
  }
});
