#!/usr/bin/env node
// Patient-level 2-fold cross-validation of rules alone vs rules + the PHI token model on the PhysioNet
// dev half, scored with tools/text-synth/score.mjs (the held-out metric). Each fold's notes are scored
// with the model trained without them (train.py --mode cv), detections pooled over both folds.
//
//   node tools/text-model/eval.mjs --models /tmp/text-model/cv [--thresholds 0.1,0.2,...] [--json FILE]
//   node tools/text-model/eval.mjs --models models/text-phi-token --single    (one model on every note:
//                                                                              in-sample, not a CV number)
//
// Prints only aggregate numbers (no note text, no values).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { score } from '../text-synth/score.mjs';
import { core, createWordBook, foldOf, model, physionetNotes, tokenContext } from './common.mjs';

const { values: opt } = parseArgs({
  options: {
    models: { type: 'string', default: '/tmp/text-model/cv' },
    single: { type: 'boolean', default: false },
    thresholds: { type: 'string', default: '0.05,0.1,0.15,0.2,0.3,0.4,0.5,0.6,0.7,0.8' },
    physionet: { type: 'string' },
    json: { type: 'string' },
  },
});
const thresholds = opt.thresholds.split(',').map(Number);
const notes = physionetNotes(opt.physionet);
const detector = core.createTextPhiDetector();
const book = createWordBook();
const models = opt.single
  ? [model.createTokenModel({ dir: opt.models }), model.createTokenModel({ dir: opt.models })]
  : [0, 1].map((f) => model.createTokenModel({ dir: `${opt.models}/test-fold-${f}` }));
if (models.some((m) => !m)) throw new Error(`no model under ${opt.models}`);

const rules = {};
const modelOnly = thresholds.map(() => ({}));
const union = thresholds.map(() => ({}));
const chosen = {};
const TYPE = [undefined, 'name', 'location', 'date', 'phone', 'other'];
for (const note of notes) {
  const m = models[foldOf(note.id)];
  const ruleSpans = detector.detect(note.text);
  rules[note.id] = ruleSpans.map((s) => [s.start, s.end, s.type]);
  const ctx = tokenContext(note.text, book);
  const all = detector.detect(note.text, { minConfidence: 0 });
  const f = model.extractFeatures(note.text, ctx, all);
  const p = m.probabilities(f);
  thresholds.forEach((th, k) => {
    const mine = [];
    f.tokens.forEach((t, i) => {
      const phi = 1 - p[i * 6];
      if (phi < th) return;
      let best = 1;
      for (let c = 2; c < 6; c++) if (p[i * 6 + c] > p[i * 6 + best]) best = c;
      mine.push([t.start, t.end, TYPE[best]]);
    });
    modelOnly[k][note.id] = mine;
    union[k][note.id] = [...rules[note.id], ...mine];
  });
  chosen[note.id] = [
    ...rules[note.id],
    ...m.predict(note.text, ctx, all).map((s) => [s.start, s.end, s.type]),
  ];
}

const cats = ['ALL', 'Name', 'Date', 'Location', 'Phone'];
const row = (label, r) =>
  `${label.padEnd(28)}${cats.map((c) => (r.recall[c]?.recall ?? NaN).toFixed(4).padStart(9)).join('')}${r.precision.toFixed(4).padStart(9)}${String(r.detectedTokens).padStart(8)}`;
const out = [`${''.padEnd(28)}${cats.map((c) => c.padStart(9)).join('')}     prec  tokens`];
const result = { rules: score(notes, rules), sweep: [] };
out.push(row('rules alone', result.rules));
thresholds.forEach((th, k) => {
  const u = score(notes, union[k]);
  const mo = score(notes, modelOnly[k]);
  result.sweep.push({ threshold: th, union: u, modelOnly: mo });
  out.push(row(`rules + model @${th}`, u));
});
out.push('model alone (for reference):');
thresholds.forEach((th, k) => out.push(row(`  model @${th}`, result.sweep[k].modelOnly)));
const c = score(notes, chosen);
out.push(row(`rules + predict() @${models[0].threshold}`, c));
process.stdout.write(`${out.join('\n')}\n`);
if (opt.json) {
  const strip = (r) => ({ recall: r.recall, precision: r.precision, detectedTokens: r.detectedTokens });
  writeFileSync(
    opt.json,
    JSON.stringify(
      {
        rules: strip(result.rules),
        sweep: result.sweep.map((s) => ({
          threshold: s.threshold,
          union: strip(s.union),
          modelOnly: strip(s.modelOnly),
        })),
        predict: { threshold: models[0].threshold, ...strip(c) },
      },
      null,
      1,
    ),
  );
}
