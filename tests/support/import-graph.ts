import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The project's value imports (type-only imports erase at build time and are left out), resolved to files. */

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;
const DYNAMIC = /import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(root: string, file: string): string[] {
  const source = readFileSync(path.join(root, file), 'utf8');
  const specs: string[] = [];
  for (const m of source.matchAll(IMPORT)) if (!m[2]) specs.push(m[3]!);
  for (const m of source.matchAll(DYNAMIC)) specs.push(m[1]!);
  return specs.map((spec) => resolve(root, file, spec)).filter((f): f is string => f !== null);
}

function resolve(root: string, from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = spec.slice(2);
  else if (spec.startsWith('.')) base = path.join(path.dirname(from), spec);
  else return null;
  for (const ext of ['', '.ts', '.tsx', '/index.ts', '/index.tsx']) {
    const candidate = path.join(root, base + ext);
    if (existsSync(candidate) && statSync(candidate).isFile()) return path.relative(root, candidate);
  }
  return null;
}

/** Every project file a module reaches through value imports, itself included. */
export function reachable(root: string, entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    stack.push(...importsOf(root, file));
  }
  return seen;
}
