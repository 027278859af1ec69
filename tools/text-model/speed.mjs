#!/usr/bin/env node
// Throughput of the token model (feature extraction + forward pass) and of the rule detector it adds
// to, one thread, on synthetic notes (MB = 10^6 UTF-8 bytes):
//
//   node tools/text-model/speed.mjs [--count 2000] [--repeat 5]
import { parseArgs } from 'node:util';
import { core, createWordBook, model, syntheticNotes, tokenContext } from './common.mjs';

const { values: opt } = parseArgs({
  options: { count: { type: 'string', default: '2000' }, repeat: { type: 'string', default: '5' } },
});
const texts = syntheticNotes({ seed: 99, count: Number(opt.count) }).map((n) => n.text);
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
const detector = core.createTextPhiDetector();
const book = createWordBook();
const tokenModel = model.createTokenModel();
if (!tokenModel) throw new Error('models/text-phi-token is missing');
const inputs = texts.map((t) => ({
  text: t,
  ctx: tokenContext(t, book),
  spans: detector.detect(t, { minConfidence: 0 }),
}));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const runs = [];
  for (let r = 0; r < Number(opt.repeat); r++) {
    const t0 = performance.now();
    fn();
    runs.push(performance.now() - t0);
  }
  return median(runs);
};
const rules = time(() => texts.forEach((t) => detector.detect(t, { minConfidence: 0 })));
const ctxMs = time(() => texts.forEach((t) => tokenContext(t, book)));
const modelMs = time(() => inputs.forEach((i) => tokenModel.predict(i.text, i.ctx, i.spans)));
const mbps = (ms) => (bytes / 1e6 / (ms / 1000)).toFixed(2);
process.stdout.write(
  `${texts.length} notes, ${bytes} bytes\n` +
    `rules detect()                    ${rules.toFixed(0)} ms  ${mbps(rules)} MB/s\n` +
    `tokenContext (the detector has it) ${ctxMs.toFixed(0)} ms  ${mbps(ctxMs)} MB/s\n` +
    `model predict (features + MLP)    ${modelMs.toFixed(0)} ms  ${mbps(modelMs)} MB/s\n` +
    `rules + model                     ${(rules + modelMs).toFixed(0)} ms  ${mbps(rules + modelMs)} MB/s\n`,
);
