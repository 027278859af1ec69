#!/usr/bin/env node
// README examples are tests: every ```ts block of packages/*/README.md is typechecked (strict, against
// the built packages, as a user who installed them would compile it) and then run, so an example
// cannot rot. A block right after the line `<!-- example: not runnable -->` is left out (say why next
// to it). Examples run in a scratch folder that holds a link to the repo's `samples/`, so they may read
// `samples/dicom/...` and write where they like. Needs `npm run build` first (the packages' dist).
//
//   node tools/check-readme-examples.mjs [README.md ...]     exit 0 when every example compiles and runs
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The marker, on the line before a block's fence, that leaves the block out. */
export const NOT_RUNNABLE = '<!-- example: not runnable -->';
const RUN_TIMEOUT_MS = 60_000;

/** The ```ts blocks of a Markdown text: `{ line, code }` (line of the first code line, 1-based), and how many were marked not runnable. */
export function extractExamples(markdown) {
  const lines = markdown.split(/\r?\n/);
  const examples = [];
  let skipped = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ts\s*$/.test(lines[i])) continue;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    let before = i - 1;
    while (before >= 0 && lines[before].trim() === '') before--;
    if (before >= 0 && lines[before].trim() === NOT_RUNNABLE) skipped++;
    else examples.push({ line: i + 2, code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return { examples, skipped };
}

function packageReadmes() {
  const dir = join(ROOT, 'packages');
  return readdirSync(dir)
    .map((name) => join(dir, name, 'README.md'))
    .filter((path) => existsSync(path))
    .sort();
}

function main(argv) {
  const readmes = argv.length ? argv.map((p) => resolve(p)) : packageReadmes();
  const work = mkdtempSync(join(tmpdir(), 'mic-readme-'));
  try {
    return check(readmes, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function check(readmes, work) {
  // Bare imports resolve through the repo's node_modules (workspace links to each package's dist).
  symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'), 'dir');
  symlinkSync(join(ROOT, 'samples'), join(work, 'samples'), 'dir');
  writeFileSync(join(work, 'package.json'), '{ "type": "module", "private": true }\n');
  const sources = [];
  let skipped = 0;
  for (const readme of readmes) {
    const found = extractExamples(readFileSync(readme, 'utf8'));
    skipped += found.skipped;
    const pkg = basename(dirname(readme));
    found.examples.forEach((example, n) => {
      const file = `${pkg}-${n + 1}.ts`;
      // `export {}` makes every block a module (top-level await, no clashes between blocks).
      writeFileSync(join(work, file), `${example.code}\nexport {};\n`);
      sources.push({ file, readme: relative(ROOT, readme), line: example.line });
    });
  }
  if (sources.length === 0) {
    process.stdout.write('README examples: none found\n');
    return 0;
  }
  writeFileSync(
    join(work, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2023',
        lib: ['ES2023'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        types: ['node'],
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        outDir: 'js',
      },
      files: sources.map((s) => s.file),
    }),
  );
  const where = (file, line) => {
    const source = sources.find((s) => s.file === file);
    return source ? `${source.readme}:${source.line + Number(line) - 1}` : `${file}:${line}`;
  };
  const tsc = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', work, '--pretty', 'false'],
    {
      cwd: work,
      encoding: 'utf8',
    },
  );
  if (tsc.status !== 0) {
    const text = `${tsc.stdout}${tsc.stderr}`.replace(
      /^([\w.-]+\.ts)\((\d+),(\d+)\)/gm,
      (_, f, l, c) => `${where(f, l)}:${c}`,
    );
    process.stderr.write(`README examples do not typecheck:\n${text}\n`);
    return 1;
  }
  let failed = 0;
  for (const source of sources) {
    const run = spawnSync(process.execPath, [join(work, 'js', source.file.replace(/\.ts$/, '.js'))], {
      cwd: work,
      encoding: 'utf8',
      timeout: RUN_TIMEOUT_MS,
    });
    if (run.status !== 0) {
      failed++;
      process.stderr.write(
        `README example ${source.readme}:${source.line} failed (exit ${run.status ?? run.signal}):\n${run.stderr || run.stdout}\n`,
      );
    }
  }
  process.stdout.write(
    `README examples: ${sources.length} typechecked and run, ${failed} failed, ${skipped} marked not runnable\n`,
  );
  return failed ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
