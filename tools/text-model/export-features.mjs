#!/usr/bin/env node
// Writes the training matrix of the PHI token model: the features of every token (computed by the
// engine's own packages/core/src/text/model/features.ts, through the built package), its gold class and
// its group (-1 synthetic, else the PhysioNet patient number, which gives the fold).
//
//   node tools/text-model/export-features.mjs --out /tmp/text-model/data [--synthetic 3000] [--seed 2026]
//
// Output (little-endian): indptr.i32 (tokens+1), indices.i32, values.f32, labels.u8, groups.i32 and
// meta.json. It holds features of real notes (no text, no words: hashed buckets of neighbour words),
// so keep it outside the repository.
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  core,
  createWordBook,
  labelTokens,
  model,
  patientOf,
  physionetNotes,
  syntheticNotes,
  tokenContext,
} from './common.mjs';

const { values: opt } = parseArgs({
  options: {
    out: { type: 'string', default: '/tmp/text-model/data' },
    synthetic: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '2026' },
    physionet: { type: 'string' },
  },
});
mkdirSync(opt.out, { recursive: true });
const detector = core.createTextPhiDetector();
const book = createWordBook();

const indptr = [0];
const indices = [];
const values = [];
const labels = [];
const groups = [];
const counts = { syntheticNotes: 0, physionetNotes: 0, tokens: 0, byClass: {} };

function add(note, group) {
  const ctx = tokenContext(note.text, book);
  const spans = detector.detect(note.text, { minConfidence: 0 });
  const f = model.extractFeatures(note.text, ctx, spans);
  const y = labelTokens(f.tokens, note.spans);
  const base = indices.length;
  for (let k = 0; k < f.indices.length; k++) {
    indices.push(f.indices[k]);
    values.push(f.values[k]);
  }
  for (let t = 0; t < f.tokens.length; t++) {
    indptr.push(base + f.indptr[t + 1]);
    labels.push(y[t]);
    groups.push(group);
    counts.byClass[y[t]] = (counts.byClass[y[t]] ?? 0) + 1;
  }
  counts.tokens += f.tokens.length;
}

for (const note of syntheticNotes({ seed: Number(opt.seed), count: Number(opt.synthetic) })) {
  add(note, -1);
  counts.syntheticNotes++;
}
for (const note of physionetNotes(opt.physionet)) {
  add(note, patientOf(note.id));
  counts.physionetNotes++;
}
writeFileSync(`${opt.out}/indptr.i32`, new Int32Array(indptr));
writeFileSync(`${opt.out}/indices.i32`, new Int32Array(indices));
writeFileSync(`${opt.out}/values.f32`, new Float32Array(values));
writeFileSync(`${opt.out}/labels.u8`, new Uint8Array(labels));
writeFileSync(`${opt.out}/groups.i32`, new Int32Array(groups));
const meta = {
  featureVersion: model.FEATURE_VERSION,
  featureCount: model.FEATURE_COUNT,
  classes: model.TOKEN_CLASSES,
  syntheticSeed: Number(opt.seed),
  ...counts,
};
writeFileSync(`${opt.out}/meta.json`, `${JSON.stringify(meta, null, 1)}\n`);
process.stdout.write(`${JSON.stringify(meta)}\n`);
