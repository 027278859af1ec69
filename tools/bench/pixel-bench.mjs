#!/usr/bin/env node
// Burned-in text benchmark: the built @medimagecleaner/vision-onnx text detector (packages/vision-onnx/
// dist) on frames from tools/burned-in-synth, each redacted with black boxes, then checked by an
// independent OCR (Debian's `tesseract` CLI, package tesseract-ocr).
//
//   npm run bench:pixel                          build the package, then this script
//   node tools/bench/pixel-bench.mjs [options]
//     --frames N     text frames per kind (default 6; kinds ct, ct12 (12-bit CT), us, xa, rgb)
//     --blank N      frames without text per kind, for false positives and timing (default 4)
//     --seed N       first seed (default 1000: not the seeds the package tests use)
//     --upscale X --margin X --unclip X   detector settings (default: the package defaults)
//     --json FILE    write every number and every miss to FILE
//
// Metrics, per kind and overall:
// - removed-string recall: a drawn string counts as removed when tesseract reads < 50 % of its
//   characters in the redacted output, in the string's ground-truth box grown by a quarter of its height
//   (crops under 32 px high are enlarged x3 for tesseract). "read before" is the same measure on the
//   input: the strings tesseract can read at all, so the recall is not flattered by unreadable text.
//   Characters read = the longest common subsequence of the letters and digits (case-folded).
// - box recall: ground-truth boxes at least 90 % covered by detected boxes.
// - pixels changed outside the ground-truth boxes, as a fraction of the pixels outside them.
// - detection time per 512x512 frame (median over frames of the median of 3 runs, one onnxruntime
//   thread, preprocessing and box extraction included), frames with and without text.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { generateFrame } from '../burned-in-synth/generate.mjs';

const run = promisify(execFile);
const require = createRequire(new URL('../../packages/vision-onnx/package.json', import.meta.url));
const sharp = require('sharp');
const { TextDetector, redactRegions, coveredFraction } =
  await import('../../packages/vision-onnx/dist/index.js');

// `npm run bench -- ARGS` appends ARGS to the last script of the chain (this one): ignore the others'.
const { values: opt } = parseArgs({
  strict: false,
  options: {
    frames: { type: 'string', default: '6' },
    blank: { type: 'string', default: '4' },
    seed: { type: 'string', default: '1000' },
    upscale: { type: 'string' },
    margin: { type: 'string' },
    unclip: { type: 'string' },
    json: { type: 'string' },
  },
});

try {
  await run('tesseract', ['--version']);
} catch {
  console.error("pixel-bench: Debian's `tesseract` is not on PATH (apt-get install tesseract-ocr)");
  process.exit(2);
}

const KINDS = [
  { name: 'ct', kind: 'ct', bits: 8 },
  { name: 'ct12', kind: 'ct', bits: 12 },
  { name: 'us', kind: 'us', bits: 8 },
  { name: 'xa', kind: 'xa', bits: 8 },
  { name: 'rgb', kind: 'rgb', bits: 8 },
];

const settings = {};
if (opt.upscale) settings.upscale = Number(opt.upscale);
if (opt.margin) settings.margin = Number(opt.margin);
if (opt.unclip) settings.unclipRatio = Number(opt.unclip);
const detector = new TextDetector(settings);
await detector.load();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pixel-bench-'));

const alnum = (s) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
function lcs(a, b) {
  const prev = new Array(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(prev[j], prev[j - 1]);
      diag = up;
    }
  }
  return prev[b.length];
}

/** The fraction of `text`'s letters and digits tesseract reads in `box` (grown) of a frame. */
async function readFraction(frame, data, box, text, name) {
  const g = Math.ceil(box.height / 4) + 2;
  const x = Math.max(0, box.x - g);
  const y = Math.max(0, box.y - g);
  const w = Math.min(frame.width, box.x + box.width + g) - x;
  const h = Math.min(frame.height, box.y + box.height + g) - y;
  let pixels = data;
  if (frame.bitsStored > 8) {
    // What a viewer shows: the full stored range mapped to 8 bits (the same window before and after).
    const max = 2 ** frame.bitsStored - 1;
    pixels = Uint8Array.from(data, (v) => Math.round((Math.min(v, max) * 255) / max));
  }
  let img = sharp(Buffer.from(pixels), {
    raw: { width: frame.width, height: frame.height, channels: frame.channels },
  }).extract({
    left: x,
    top: y,
    width: w,
    height: h,
  });
  if (h < 32) img = img.resize(w * 3, h * 3, { kernel: 'cubic' });
  const file = path.join(tmp, `${name}.png`);
  await img.png().toFile(file);
  const { stdout } = await run('tesseract', [file, 'stdout', '--psm', '7'], {
    env: { ...process.env, OMP_THREAD_LIMIT: '1' },
  });
  const want = alnum(text);
  return want.length ? lcs(want, alnum(stdout)) / want.length : 0;
}

function changedOutside(frame, before, after) {
  const inside = new Uint8Array(frame.width * frame.height);
  for (const t of frame.texts) {
    for (let y = t.box.y; y < t.box.y + t.box.height; y++)
      inside.fill(1, y * frame.width + t.box.x, y * frame.width + t.box.x + t.box.width);
  }
  let outside = 0;
  let changed = 0;
  for (let p = 0; p < inside.length; p++) {
    if (inside[p]) continue;
    outside++;
    for (let c = 0; c < frame.channels; c++) {
      if (before[p * frame.channels + c] !== after[p * frame.channels + c]) {
        changed++;
        break;
      }
    }
  }
  return { outside, changed };
}

/** Detection boxes and the median of three timed runs (OCR checks run between frames, not during). */
async function timedDetect(frame) {
  const times = [];
  let boxes;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    boxes = await detector.detect(frame);
    times.push(performance.now() - t0);
  }
  return { boxes, ms: median(times) };
}

const median = (xs) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const rows = [];
const misses = [];
/** Counters of one kind of frame (and of all of them). */
const tally = () => ({
  strings: 0,
  removed: 0,
  readBefore: 0,
  removedOfReadable: 0,
  boxes: 0,
  boxHits: 0,
  outside: 0,
  changed: 0,
  tText: [],
  tBlank: [],
  blankBoxes: 0,
  blankChanged: 0,
  blankPixels: 0,
});
const totals = tally();
const seed0 = Number(opt.seed);
for (const k of KINDS) {
  const r = { kind: k.name, ...tally() };
  for (let n = 0; n < Number(opt.frames); n++) {
    const frame = await generateFrame({ kind: k.kind, seed: seed0 + n, bits: k.bits });
    const { boxes, ms } = await timedDetect(frame);
    r.tText.push(ms);
    const out = redactRegions(frame, boxes, 'black');
    const ch = changedOutside(frame, frame.data, out.data);
    r.outside += ch.outside;
    r.changed += ch.changed;
    for (const [i, t] of frame.texts.entries()) {
      r.strings++;
      r.boxes++;
      if (coveredFraction(t.box, boxes) >= 0.9) r.boxHits++;
      const before = await readFraction(frame, frame.data, t.box, t.text, `${k.name}-${n}-${i}-in`);
      const after = await readFraction(frame, out.data, t.box, t.text, `${k.name}-${n}-${i}-out`);
      const readable = before >= 0.5;
      const removed = after < 0.5;
      if (readable) r.readBefore++;
      if (removed) r.removed++;
      if (readable && removed) r.removedOfReadable++;
      if (!removed)
        misses.push({
          kind: k.name,
          seed: seed0 + n,
          text: t.text,
          fontSize: t.fontSize,
          polarity: t.polarity,
          font: t.font,
          readAfter: after,
        });
    }
  }
  for (let n = 0; n < Number(opt.blank); n++) {
    const frame = await generateFrame({ kind: k.kind, seed: seed0 + 500 + n, bits: k.bits, strings: 0 });
    const { boxes, ms } = await timedDetect(frame);
    r.tBlank.push(ms);
    r.blankBoxes += boxes.length;
    const out = redactRegions(frame, boxes, 'black');
    const ch = changedOutside(frame, frame.data, out.data);
    r.blankChanged += ch.changed;
    r.blankPixels += ch.outside;
  }
  rows.push(r);
  for (const key of Object.keys(totals)) {
    if (Array.isArray(totals[key])) totals[key].push(...r[key]);
    else totals[key] += r[key];
  }
}
await detector.close();
rmSync(tmp, { recursive: true, force: true });

const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) : '-');
const fmt = (r) => ({
  kind: r.kind,
  strings: r.strings,
  'removed recall': r.strings ? (r.removed / r.strings).toFixed(3) : '-',
  'tesseract read before': r.readBefore,
  'removed of those': r.readBefore ? (r.removedOfReadable / r.readBefore).toFixed(3) : '-',
  'box recall': r.boxes ? (r.boxHits / r.boxes).toFixed(3) : '-',
  'changed outside %': pct(r.changed, r.outside),
  'ms/frame text': median(r.tText).toFixed(0),
  'ms/frame blank': median(r.tBlank).toFixed(0),
  'blank boxes': r.blankBoxes,
  'blank changed %': pct(r.blankChanged, r.blankPixels),
});
console.log(
  `pixel bench: ${opt.frames} text + ${opt.blank} blank 512x512 frames per kind, seeds from ${seed0}, one onnxruntime thread`,
);
console.table([...rows.map(fmt), fmt({ ...totals, kind: 'all' })]);
if (misses.length) {
  console.log('strings tesseract still reads after redaction:');
  for (const m of misses)
    console.log(
      `  ${m.kind} seed ${m.seed} ${m.fontSize}px ${m.polarity} ${m.font}: ${JSON.stringify(m.text)} (${(100 * m.readAfter).toFixed(0)} % read)`,
    );
}
if (opt.json)
  writeFileSync(
    opt.json,
    JSON.stringify(
      { options: opt, rows: rows.map(fmt), all: fmt({ ...totals, kind: 'all' }), misses },
      null,
      2,
    ) + '\n',
  );
