#!/usr/bin/env node
// In-process profile of the DICOM handler (no worker threads, no file writes): reads `--files` slices
// of the benchmark corpus into memory, then runs deidentify + inspect on each and prints the CPU time per
// file, split by phase. Run under `node --cpu-prof` for a profile of the same loop.
//
//   node tools/bench/profile-dicom.mjs [--corpus DIR] [--files 256] [--rounds 3] [--handler MODULE]
//
// `--handler` loads another build of the handler (a path to its index.js), e.g. of an older commit, so
// that two builds are compared on the same machine and corpus.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  BUILTIN_PROFILES,
  createMemoryInputItem,
  createPseudonymizer,
  createTextPhiDetector,
  resolvePolicyDocument,
} from '@medimagecleaner/core';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: join(tmpdir(), 'medimagecleaner-bench', 'ct-2048-4') },
    files: { type: 'string', default: '256' },
    rounds: { type: 'string', default: '3' },
    handler: { type: 'string' },
  },
});

function list(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? list(p) : p.endsWith('.dcm') ? [p] : [];
  });
}
const paths = list(values.corpus).sort().slice(0, Number(values.files));
const inputs = paths.map((p) => new Uint8Array(readFileSync(p)));
const policy = resolvePolicyDocument(BUILTIN_PROFILES.basic);
const ctx = {
  policy,
  pseudonyms: createPseudonymizer(new Uint8Array(32).fill(42), { dateShiftDays: policy.dateShiftDays }),
  text: createTextPhiDetector(),
  audit: { record() {} },
  signal: new AbortController().signal,
};
const { createHandler } = await import(
  values.handler ? pathToFileURL(resolve(values.handler)).href : '@medimagecleaner/dicom'
);
const handler = createHandler();
let deidMs = 0;
let inspectMs = 0;
let n = 0;
for (let round = 0; round < Number(values.rounds); round++) {
  for (let i = 0; i < inputs.length; i++) {
    const t0 = performance.now();
    const outcome = await handler.deidentify(createMemoryInputItem(`i${i}`, inputs[i]), ctx);
    const t1 = performance.now();
    const findings = await handler.inspect(outcome.output.data, {
      policy,
      text: ctx.text,
      knownIdentifiers: outcome.knownIdentifiers,
      signal: ctx.signal,
    });
    const t2 = performance.now();
    if (findings.some((f) => f.severity === 'error')) throw new Error(`verification failed on ${paths[i]}`);
    if (round > 0) {
      deidMs += t1 - t0;
      inspectMs += t2 - t1;
      n++;
    }
  }
}
const per = (ms) => (n ? ms / n : 0).toFixed(3);
console.log(
  JSON.stringify({
    files: inputs.length,
    measured: n,
    deidentifyMsPerFile: per(deidMs),
    inspectMsPerFile: per(inspectMs),
    totalMsPerFile: per(deidMs + inspectMs),
    heapUsedMb: (process.memoryUsage().heapUsed / 1e6).toFixed(1),
  }),
);
