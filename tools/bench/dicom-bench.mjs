#!/usr/bin/env node
// DICOM throughput benchmark: de-identification against a raw copy of the same bytes, in one run.
//
//   npm run bench                        2,048 CT slices (512x512x16 bit) in 4 patients
//   npm run bench -- --files 8192        a larger corpus
//   npm run bench -- --sweep 256,2048,8192   throughput at several corpus sizes
//
// Each measurement runs in its own child process so peak RSS is its own. The corpus is generated once
// under $TMPDIR/medimagecleaner-bench and reused. Results are printed and written to bench-results.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const here = new URL('.', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '2048' },
    patients: { type: 'string', default: '4' },
    concurrency: { type: 'string', default: '2' },
    sweep: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

const sizes = values.sweep ? values.sweep.split(',').map(Number) : [Number(values.files)];
const patients = Number(values.patients);
const concurrency = Number(values.concurrency);
const root = join(tmpdir(), 'medimagecleaner-bench');
mkdirSync(root, { recursive: true });

function child(script, args) {
  const run = spawnSync(process.execPath, [join(here, script), JSON.stringify(args)], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) {
    process.stderr.write(run.stderr);
    throw new Error(`${script} failed with exit code ${run.status}`);
  }
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

const results = [];
for (const files of sizes) {
  const corpus = join(root, `ct-${files}-${patients}`);
  if (!existsSync(`${corpus}.complete`)) {
    process.stderr.write(`generating ${files} CT slices in ${patients} patients under ${corpus} ...\n`);
    rmSync(corpus, { recursive: true, force: true });
    child('make-ct-corpus.mjs', { dir: corpus, files, patients });
    writeFileSync(`${corpus}.complete`, '');
  }
  const copyOut = join(root, `copy-${files}`);
  const deidOut = join(root, `deid-${files}`);
  rmSync(copyOut, { recursive: true, force: true });
  rmSync(deidOut, { recursive: true, force: true });
  // Warm the page cache the same way for both: the raw copy runs first, then again after the de-id run.
  const copy1 = child('measure.mjs', { mode: 'copy', input: corpus, out: copyOut, concurrency });
  rmSync(copyOut, { recursive: true, force: true });
  const deid = child('measure.mjs', { mode: 'deidentify', input: corpus, out: deidOut, concurrency });
  const copy2 = child('measure.mjs', { mode: 'copy', input: corpus, out: copyOut, concurrency });
  const copy = copy1.seconds < copy2.seconds ? copy1 : copy2;
  const row = {
    files,
    bytes: deid.bytes,
    copy: {
      seconds: copy.seconds,
      filesPerSecond: files / copy.seconds,
      mbPerSecond: copy.bytes / 1e6 / copy.seconds,
      peakRssMb: copy.peakRssMb,
    },
    deidentify: {
      seconds: deid.seconds,
      filesPerSecond: files / deid.seconds,
      mbPerSecond: deid.bytes / 1e6 / deid.seconds,
      peakRssMb: deid.peakRssMb,
      released: deid.released,
      quarantined: deid.quarantined,
    },
    ratioToCopy: copy.seconds / deid.seconds,
  };
  results.push(row);
  if (!values.keep) {
    rmSync(copyOut, { recursive: true, force: true });
    rmSync(deidOut, { recursive: true, force: true });
  }
}

const line = (r) =>
  `${String(r.files).padStart(6)} files ${(r.bytes / 1e6).toFixed(0).padStart(6)} MB | copy ${r.copy.filesPerSecond.toFixed(0).padStart(6)} files/s ${r.copy.mbPerSecond.toFixed(0).padStart(5)} MB/s | deidentify ${r.deidentify.filesPerSecond.toFixed(0).padStart(6)} files/s ${r.deidentify.mbPerSecond.toFixed(0).padStart(5)} MB/s, peak RSS ${r.deidentify.peakRssMb.toFixed(0)} MB, ${r.deidentify.released} released, ${r.deidentify.quarantined} quarantined | ratio ${(100 * r.ratioToCopy).toFixed(0)}% of raw copy`;
console.log(`DICOM de-identification benchmark (concurrency ${concurrency}, profile basic)`);
for (const r of results) console.log(line(r));
const previous = existsSync('bench-results.json')
  ? JSON.parse(readFileSync('bench-results.json', 'utf8'))
  : {};
writeFileSync(
  'bench-results.json',
  `${JSON.stringify({ ...previous, dicom: { concurrency, patients, results } }, null, 2)}\n`,
);
