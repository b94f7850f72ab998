// npm run bench: every benchmark, one line per figure, and bench-results.json at the repo root.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { met, type Figure } from './figures';
import { contentScriptFigures, panelFigures } from './page';

type Group = { name: string; figures: string[]; run: () => Promise<Figure[]> | Figure[] };

const groups: Group[] = [
  { name: 'content scripts', figures: ['content_script_gzip_kb'], run: contentScriptFigures },
  {
    name: 'panel in Chromium',
    figures: ['panel_facts_ms_p50', 'panel_facts_ms_p95', 'panel_first_open_ms_p50', 'panel_first_open_ms_p95', 'host_long_tasks_over_50ms', 'host_long_tasks_runs_clean'],
    run: panelFigures,
  },
  {
    name: 'SOP library',
    figures: ['retrieval_ms_p95_10k', 'retrieval_ms_p95_100k', 'import_parse_index_mb_per_s_node'],
    run: async () => (await import('./sop')).sopFigures(),
  },
  {
    name: 'SOP questions',
    figures: ['retrieval_recall_at_1', 'retrieval_recall_at_5', 'retrieval_recall_at_5_plain_minisearch', 'retrieval_recall_at_5_above_baseline', 'grounding_false_abstain_rate', 'grounding_false_answer_rate'],
    run: async () => (await import('./sop-qa')).sopQaFigures(),
  },
  {
    name: 'SOP library in Chromium',
    figures: ['import_mb_per_s', 'index_load_ms_10k', 'background_heap_mb_10k', 'idb_kb_per_1k_passages'],
    run: async () => (await import('./sop-chromium')).sopChromiumFigures(),
  },
  {
    name: 'local engine',
    figures: ['local_accuracy', 'local_macro_f1', 'classify_ms_p95', 'retrain_ms', 'local_accuracy_after_50_corrections'],
    run: async () => (await import('./engine')).engineFigures(),
  },
  {
    name: 'drafts',
    figures: ['first_token_ms_p50_local', 'first_token_ms_p95_local', 'first_token_overhead_ms_p95_claude'],
    run: async () => (await import('./draft')).draftFigures(),
  },
  {
    name: 'draft checks',
    figures: ['draft_asks_for_given_info', 'draft_agent_instruction_leaks', 'draft_unfilled_placeholders_inserted'],
    run: async () => (await import('./draft')).draftCheckFigures(),
  },
  {
    name: 'Claude prompt cache',
    figures: ['claude_cached_input_share', 'claude_cost_usd_per_thread_cached', 'claude_cost_usd_per_thread_uncached'],
    run: async () => (await import('./claude-cache')).claudeCacheFigures(),
  },
  { name: 'KPI dashboard', figures: ['kpi_compute_ms_p50_100k', 'kpi_compute_ms_p95_100k'], run: async () => (await import('./kpi')).kpiFigures() },
  {
    name: 'hardening',
    figures: [
      'xss_payloads_tried', 'xss_payloads_passed', 'injection_cases_tried', 'injection_cases_passed', 'injection_cases_obeyed', 'injection_unapproved_actions',
      'injection_risk_flags_removed', 'injection_attacker_content_unflagged', 'injection_attacker_proposals_for_review', 'injection_benign_false_positive_rate',
      'injection_own_cases_tried', 'injection_own_cases_passed', 'fuzz_runs', 'fault_cases_tried', 'fault_cases_passed', 'data_lost',
    ],
    run: async () => (await import('./hardening')).hardeningFigures(),
  },
];

const only = process.argv.slice(2);
const figures: Figure[] = [];
for (const group of groups) {
  if (only.length && !only.some((o) => group.name.includes(o))) continue;
  try {
    figures.push(...(await group.run()));
  } catch (error) {
    const reason = `${group.name} failed: ${error instanceof Error ? error.message : String(error)}`;
    for (const name of group.figures) figures.push({ name, value: null, unit: '', reason });
  }
}

const out: Record<string, { value: number | null; unit: string; target?: string; met?: boolean; reason?: string }> = {};
for (const f of figures) {
  const isMet = met(f);
  out[f.name] = { value: f.value, unit: f.unit, ...(f.target ? { target: f.target } : {}), ...(isMet === null ? {} : { met: isMet }), ...(f.reason ? { reason: f.reason } : {}) };
  const target = f.target ? `  (target ${f.target}: ${isMet ? 'met' : 'MISSED'})` : '';
  console.log(f.value === null ? `${f.name}: not measured: ${f.reason}` : `${f.name}: ${f.value} ${f.unit}${target}`);
}
const machine = `${os.cpus().length} cores ${os.cpus()[0]?.model ?? ''}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;
writeFileSync(path.resolve('bench-results.json'), JSON.stringify({ figures: out, machine, at: new Date().toISOString() }, null, 2) + '\n');
console.log('wrote bench-results.json');
