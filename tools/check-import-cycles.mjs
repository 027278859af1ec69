#!/usr/bin/env node
// Fails when any TypeScript source of the workspace (packages/*/src, apps/*/src) takes part in an import
// cycle, counting static, type-only, re-export and dynamic imports of relative paths. For each cycle it
// prints the files of the strongly connected component and one import chain through them.
//
// Usage: node tools/check-import-cycles.mjs [root]   (root defaults to the repository root)
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findImportCycles, workspaceSourceRoots } from './import-cycles/find-cycles.mjs';

const root = process.argv[2] ? resolve(process.argv[2]) : join(dirname(fileURLToPath(import.meta.url)), '..');
const { fileCount, cycles } = findImportCycles(root, workspaceSourceRoots(root));
if (cycles.length) {
  const lines = [`import cycles found (${cycles.length}):`];
  for (const { files, chain } of cycles) {
    lines.push(`  ${files.length} file(s): ${files.join(', ')}`);
    lines.push(`    ${chain.join('\n      -> ')}`);
  }
  lines.push('Move what both sides need into a lower module that imports neither.');
  console.error(lines.join('\n'));
  process.exit(1);
}
console.log(`no import cycles in ${fileCount} source files`);
