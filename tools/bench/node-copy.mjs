#!/usr/bin/env node
// The benchmark's Node baseline: copies a folder tree with N worker threads, reading each file into memory
// and writing it back out (what any Node program that looks at the bytes must at least do). Each worker
// keeps two files in flight and creates each output folder once.
//
//   node tools/bench/node-copy.mjs <input-dir> <output-dir> [--threads 2]
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

if (isMainThread) {
  const [input, output, flag, count] = process.argv.slice(2);
  if (!input || !output) {
    process.stderr.write('usage: node-copy.mjs <input-dir> <output-dir> [--threads N]\n');
    process.exit(2);
  }
  const threads = flag === '--threads' ? Math.max(1, Number(count)) : 2;
  const files = [];
  const walk = async (dir) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push(relative(input, path));
    }
  };
  await walk(input);
  await Promise.all(
    Array.from({ length: threads }, (_, t) => {
      const share = files.filter((_, i) => i % threads === t);
      const worker = new Worker(new URL(import.meta.url), { workerData: { input, output, files: share } });
      return new Promise((resolve, reject) => {
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exit ${code}`))));
      });
    }),
  );
} else {
  const { input, output, files } = workerData;
  const made = new Set();
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const name = files[next++];
      const target = join(output, name);
      const dir = dirname(target);
      if (!made.has(dir)) {
        await mkdir(dir, { recursive: true });
        made.add(dir);
      }
      await writeFile(target, await readFile(join(input, name)));
    }
  };
  await Promise.all([lane(), lane()]);
  parentPort?.close();
}
