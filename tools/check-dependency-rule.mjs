#!/usr/bin/env node
// Checks the dependency rule on the Nx project graph (the same graph `npx nx graph --file=graph.json`
// writes): core depends on no project of ours; format, port and feature packages depend on core only.
// ESLint's @nx/enforce-module-boundaries checks each import; this checks the declared dependencies.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const file = join(mkdtempSync(join(tmpdir(), 'nx-graph-')), 'graph.json');
execFileSync('npx', ['nx', 'graph', `--file=${file}`], { stdio: ['ignore', 'ignore', 'inherit'] });
const { graph } = JSON.parse(readFileSync(file, 'utf8'));
const tagOf = (name) => (graph.nodes[name]?.data?.tags ?? []).find((t) => t.startsWith('type:'));
const allowed = {
  'type:core': [],
  'type:format': ['type:core'],
  'type:port': ['type:core'],
  'type:feature': ['type:core'],
};
const problems = [];
for (const [source, deps] of Object.entries(graph.dependencies)) {
  const tag = tagOf(source);
  if (!tag) {
    if (graph.nodes[source]) problems.push(`${source} has no type:* tag`);
    continue;
  }
  const rule = allowed[tag];
  if (!rule) continue; // apps and the meta-package may depend on anything
  for (const dep of deps) {
    if (!graph.nodes[dep.target]) continue; // npm packages
    if (!rule.includes(tagOf(dep.target)))
      problems.push(`${source} (${tag}) must not depend on ${dep.target} (${tagOf(dep.target)})`);
  }
}
if (problems.length) {
  console.error(`dependency rule broken:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`dependency rule holds for ${Object.keys(graph.nodes).length} projects`);
