// Hardening figures: all 6,613 XSS payloads through the readers, parsers and rendered panels; prompt-injection
// cases; fuzz runs; fault cases and whether any of them lost a draft, proposal, SOP or record value.
import 'fake-indexeddb/auto';
import { createLocalEngine } from '@/lib/engine/local/local-engine';
import { checkInjectionCase, checkXssPayload, createXssBench, INJECTION_CASES, loadXssPayloads, runFaultCases, runFuzzTargets } from '../tests/support/hardening-cases';
import type { Figure } from './figures';

export async function hardeningFigures(): Promise<Figure[]> {
  const payloads = loadXssPayloads();
  const bench = createXssBench();
  let xssPassed = 0;
  for (const payload of payloads) if ((await checkXssPayload(bench, payload)).passed) xssPassed++;

  const engine = createLocalEngine();
  let injectionPassed = 0;
  for (const c of INJECTION_CASES) if ((await checkInjectionCase(c, engine)).passed) injectionPassed++;

  const fuzz = await runFuzzTargets(5);
  const fuzzFailures = fuzz.filter((f) => f.failure !== null);
  const faults = await runFaultCases();

  return [
    { name: 'xss_payloads_tried', value: payloads.length, unit: 'payloads' },
    { name: 'xss_payloads_passed', value: xssPassed, unit: 'payloads', target: `>= ${payloads.length}` },
    { name: 'injection_cases_tried', value: INJECTION_CASES.length, unit: 'cases' },
    { name: 'injection_cases_passed', value: injectionPassed, unit: 'cases', target: `>= ${INJECTION_CASES.length}` },
    fuzzFailures.length === 0
      ? { name: 'fuzz_runs', value: fuzz.reduce((n, f) => n + f.runs, 0), unit: 'runs' }
      : { name: 'fuzz_runs', value: null, unit: 'runs', reason: `property failed: ${fuzzFailures.map((f) => `${f.name} ${f.failure}`).join('; ')}` },
    { name: 'fault_cases_tried', value: faults.length, unit: 'cases' },
    { name: 'fault_cases_passed', value: faults.filter((f) => f.passed).length, unit: 'cases', target: `>= ${faults.length}` },
    { name: 'data_lost', value: faults.filter((f) => f.dataLost).length, unit: 'cases', target: '<= 0' },
  ];
}
