// Tests of the import-cycle check on two fixture workspaces: `fixtures/cyclic` holds three cycles (one
// through an `import type`, one through a dynamic import and an `export *`, one in an app), and
// `fixtures/acyclic` the same shapes with what both sides need moved below them.
// Run: node --test tools/import-cycles/find-cycles.test.mjs (part of `npm run lint`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  findImportCycles,
  importGraph,
  importSpecifiers,
  resolveRelative,
  sourceFilesUnder,
  stronglyConnected,
  workspaceSourceRoots,
} from './find-cycles.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const CYCLIC = join(HERE, 'fixtures/cyclic');
const ACYCLIC = join(HERE, 'fixtures/acyclic');
const CLI = join(HERE, '..', 'check-import-cycles.mjs');

test('reads static, multi-line, type-only, re-export, side-effect and dynamic imports, not comments or strings', () => {
  const text = [
    "// import { a } from './commented.js';",
    "import type { T } from './types.js';",
    'import {',
    '  b,',
    "} from './multi.js';",
    "export * from './star.js';",
    "export { c } from './named.js';",
    "import './side-effect.js';",
    "const lazy = () => import('./lazy.js');",
    'const s = "import x from \'./string.js\'";',
  ].join('\n');
  assert.deepEqual(importSpecifiers(text), [
    './types.js',
    './multi.js',
    './star.js',
    './named.js',
    './side-effect.js',
    './lazy.js',
  ]);
});

test('resolves .js to .ts and a folder to its index, and leaves packages and unknown files out', () => {
  const from = '/w/src/a.ts';
  const known = new Set(['/w/src/b.ts', '/w/src/dir/index.ts', '/w/src/view.tsx']);
  assert.equal(resolveRelative(from, './b.js', known), '/w/src/b.ts');
  assert.equal(resolveRelative(from, './b', known), '/w/src/b.ts');
  assert.equal(resolveRelative(from, './dir', known), '/w/src/dir/index.ts');
  assert.equal(resolveRelative(from, './view.js', known), '/w/src/view.tsx');
  assert.equal(resolveRelative(from, './missing.js', known), undefined);
  assert.equal(resolveRelative(from, 'node:fs', known), undefined);
  assert.equal(resolveRelative(from, '@scope/pkg', known), undefined);
});

test('finds strongly connected components, a self-import among them', () => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a', 'd']],
    ['d', []],
    ['e', ['e']],
  ]);
  assert.deepEqual(stronglyConnected(graph), [['a', 'b', 'c'], ['d'], ['e']]);
});

test('the cyclic fixture: every cycle, with its files and one chain through them', () => {
  const { fileCount, cycles } = findImportCycles(CYCLIC, workspaceSourceRoots(CYCLIC));
  assert.equal(fileCount, 8);
  assert.deepEqual(cycles, [
    {
      files: ['apps/tool/src/commands/run.ts', 'apps/tool/src/main.ts'],
      chain: ['apps/tool/src/commands/run.ts', 'apps/tool/src/main.ts', 'apps/tool/src/commands/run.ts'],
    },
    {
      files: ['packages/lib/src/eager.ts', 'packages/lib/src/lazy.ts'],
      chain: ['packages/lib/src/eager.ts', 'packages/lib/src/lazy.ts', 'packages/lib/src/eager.ts'],
    },
    {
      files: ['packages/lib/src/engine.ts', 'packages/lib/src/rules/apply.ts'],
      chain: ['packages/lib/src/engine.ts', 'packages/lib/src/rules/apply.ts', 'packages/lib/src/engine.ts'],
    },
  ]);
});

test('the acyclic fixture: its edges are read, and no cycle is reported', () => {
  const files = workspaceSourceRoots(ACYCLIC).flatMap((dir) => sourceFilesUnder(dir));
  const graph = importGraph(files);
  const edges = [...graph].flatMap(([from, targets]) =>
    targets.map((to) => `${relative(ACYCLIC, from)} -> ${relative(ACYCLIC, to)}`),
  );
  assert.deepEqual(edges.sort(), [
    'apps/tool/src/main.ts -> apps/tool/src/commands/run.ts',
    'packages/lib/src/engine.ts -> packages/lib/src/env.ts',
    'packages/lib/src/engine.ts -> packages/lib/src/rules/apply.ts',
    'packages/lib/src/index.ts -> packages/lib/src/engine.ts',
    'packages/lib/src/index.ts -> packages/lib/src/rules/index.ts',
    'packages/lib/src/lazy.ts -> packages/lib/src/eager.ts',
    'packages/lib/src/rules/apply.ts -> packages/lib/src/env.ts',
    'packages/lib/src/rules/index.ts -> packages/lib/src/rules/apply.ts',
  ]);
  assert.deepEqual(findImportCycles(ACYCLIC, workspaceSourceRoots(ACYCLIC)).cycles, []);
});

test('the command exits 1 and prints the chain on a cycle, 0 without', () => {
  const bad = spawnSync(process.execPath, [CLI, CYCLIC], { encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /import cycles found \(3\)/);
  assert.match(
    bad.stderr,
    /packages\/lib\/src\/engine\.ts\n\s+-> packages\/lib\/src\/rules\/apply\.ts\n\s+-> packages\/lib\/src\/engine\.ts/,
  );
  const good = spawnSync(process.execPath, [CLI, ACYCLIC], { encoding: 'utf8' });
  assert.equal(good.status, 0);
  assert.match(good.stdout, /no import cycles in 9 source files/);
});
