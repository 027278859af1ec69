// One benchmark measurement in its own process: `copy` (read + write the same bytes, the baseline) or
// `deidentify` (the DICOM pipeline with worker threads). Prints one JSON line.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import {
  BUILTIN_PROFILES,
  discoverInputs,
  keyFingerprint,
  resolvePolicyDocument,
  runDeidentification,
} from '@medimagecleaner/core';

const { mode, input, out, concurrency } = JSON.parse(process.argv[2]);
const { files } = await discoverInputs([input]);
const dicom = files.filter((f) => f.path.endsWith('.dcm'));
const bytes = dicom.reduce((n, f) => n + f.size, 0);
const started = performance.now();
let released = 0;
let quarantined = 0;

if (mode === 'copy') {
  let next = 0;
  const lane = async () => {
    while (next < dicom.length) {
      const file = dicom[next++];
      const target = join(out, relative(input, file.path));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await readFile(file.path));
      released++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
} else {
  const key = new Uint8Array(32).fill(42);
  const report = await runDeidentification({
    inputs: [input],
    outDir: out,
    policy: resolvePolicyDocument(BUILTIN_PROFILES.basic),
    key: { key, source: 'file', fingerprint: keyFingerprint(key) },
    handlerModules: ['@medimagecleaner/dicom'],
    concurrency,
  });
  released = report.counts.released;
  quarantined = report.counts.quarantined;
}
const seconds = (performance.now() - started) / 1000;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ mode, seconds, bytes, files: dicom.length, released, quarantined, peakRssMb })}\n`,
);
