// Finds import cycles among TypeScript source files: reads every `import ... from`, `export ... from`,
// side-effect `import '...'` and dynamic `import('...')` of a relative path, resolves it to a file of
// the scanned set (`./x.js` -> `./x.ts`, `./dir` -> `./dir/index.ts`), and returns each strongly
// connected component of more than one file (or a file that imports itself) with one cycle through it.
//
// `import type` edges count too. They are erased at run time, so they cannot cause an evaluation-order
// bug, but they still tie two modules into one unit that cannot be understood, tested or moved apart;
// the rule is about layering, and a type both sides need belongs in a lower module like any other.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const ts = createRequire(import.meta.url)('typescript');

/** Source extensions the scan reads; `.d.ts` declarations are left out. */
const SOURCE = /\.(ts|tsx|mts|cts)$/;
const DECLARATION = /\.d\.(ts|mts|cts)$/;

/** Every TypeScript source file below `dir` (absolute paths, sorted); none when `dir` does not exist. */
export function sourceFilesUnder(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') out.push(...sourceFilesUnder(path));
    } else if (SOURCE.test(entry.name) && !DECLARATION.test(entry.name)) {
      out.push(path);
    }
  }
  return out.sort();
}

/** The `src` folders of every workspace project below `root`: `packages/<name>/src` and `apps/<name>/src`. */
export function workspaceSourceRoots(root) {
  const roots = [];
  for (const group of ['packages', 'apps']) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base).sort()) {
      const src = join(base, name, 'src');
      if (existsSync(src) && statSync(src).isDirectory()) roots.push(src);
    }
  }
  return roots;
}

/** The module specifiers `text` imports or re-exports, statically or dynamically, in source order. */
export function importSpecifiers(text) {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** The file of `known` a relative `specifier` written in `from` names, or undefined (a package, or not scanned). */
export function resolveRelative(from, specifier, known) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(js|jsx|mjs|cjs)$/, '');
  const ext = base.slice(stem.length);
  const candidates = [base];
  if (ext === '.mjs') candidates.push(`${stem}.mts`);
  else if (ext === '.cjs') candidates.push(`${stem}.cts`);
  else if (ext) candidates.push(`${stem}.ts`, `${stem}.tsx`);
  else candidates.push(`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx'));
  return candidates.find((c) => known.has(c));
}

/**
 * The import graph of `files`: each file to the sorted, de-duplicated files of the set it imports.
 * `read` returns a file's text (injectable for tests).
 */
export function importGraph(files, read = (f) => readFileSync(f, 'utf8')) {
  const known = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const targets = new Set();
    for (const specifier of importSpecifiers(read(file))) {
      const target = resolveRelative(file, specifier, known);
      if (target) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** Strongly connected components of `graph` (Tarjan, iterative), each sorted, in a deterministic order. */
export function stronglyConnected(graph) {
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const components = [];
  let counter = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next++];
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node), index.get(target)));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent), low.get(frame.node)));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component.sort());
      }
    }
  }
  return components.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * One shortest cycle through the first file of `component` that stays inside it, as a file chain that
 * starts and ends with that file (breadth-first, edges in sorted order, so the answer is deterministic).
 */
export function cycleThrough(component, graph) {
  const members = new Set(component);
  const start = component[0];
  const previous = new Map();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i];
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const chain = [start];
        for (let n = node; n !== start; n = previous.get(n)) chain.unshift(n);
        chain.unshift(start);
        return chain;
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  throw new Error(`no cycle through ${start}`); // unreachable for a component findImportCycles returns
}

/**
 * The import cycles among the TypeScript files below `sourceRoots`: every strongly connected component
 * of two or more files, or one file importing itself, with one cycle through it. Paths are relative to
 * `root` with `/` separators.
 */
export function findImportCycles(root, sourceRoots) {
  const files = sourceRoots.flatMap((dir) => sourceFilesUnder(dir));
  const graph = importGraph(files);
  const name = (file) => relative(root, file).split('\\').join('/');
  const cycles = stronglyConnected(graph)
    .filter((c) => c.length > 1 || graph.get(c[0]).includes(c[0]))
    .map((c) => ({ files: c.map(name), chain: cycleThrough(c, graph).map(name) }));
  return { fileCount: files.length, cycles };
}
