#!/usr/bin/env node
// Text PHI detector benchmark: recall, token precision and throughput of the built core detector
// (packages/core/dist) on synthetic notes and, when present, on the PhysioNet deid dev half.
//
//   npm run bench:text                           build, then this script
//   node tools/bench/text-bench.mjs [options]
//     --json FILE       write every number (and masked misses) to FILE
//     --misses N        print the first N misses per category and the N most common miss shapes
//     --show-values     also print the PHI values of PhysioNet misses and false positives (local
//                       debugging only: they are real-looking PHI); synthetic values are always shown
//     --seed N          synthetic seed (default 42)   --count N   synthetic notes (default 1000)
//     --repeat N        timed passes over each set (default 5, median kept)
//     --physionet DIR   the PhysioNet dev set (default ../shared/corpus/text/physionet-deid-dev)
//
// Metric: tools/text-synth/score.mjs, the same as score_text.py (token level: a gold span is found when
// any detection overlaps it; precision over the [A-Za-z0-9]+ tokens that detections cover). MB/s counts
// UTF-8 bytes of note text (1 MB = 10^6 bytes) through detect(), one thread.
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateNotes } from '../text-synth/generate.mjs';
import { missShapes, readPhysioNet, score, shape } from '../text-synth/score.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values: opt } = parseArgs({
  options: {
    json: { type: 'string' },
    misses: { type: 'string', default: '0' },
    'show-values': { type: 'boolean', default: false },
    seed: { type: 'string', default: '42' },
    count: { type: 'string', default: '1000' },
    repeat: { type: 'string', default: '5' },
    physionet: { type: 'string', default: `${root}../shared/corpus/text/physionet-deid-dev` },
    // `npm run bench -- ARGS` runs dicom-bench then this script, and npm appends ARGS to this one only.
    files: { type: 'string' },
    patients: { type: 'string' },
    concurrency: { type: 'string' },
    sweep: { type: 'string' },
    keep: { type: 'boolean' },
  },
});
for (const k of ['files', 'patients', 'concurrency', 'sweep', 'keep'])
  if (opt[k] !== undefined)
    process.stderr.write(
      `note: --${k} is a dicom-bench option; npm passed it to the text bench only. ` +
        `Run \`node tools/bench/dicom-bench.mjs --${k} ...\` after \`npm run build\` to use it.\n`,
    );
const MISSES = Math.max(0, Number(opt.misses));
const REPEAT = Math.max(1, Number(opt.repeat));
const SEED = Number(opt.seed);
const TARGETS = { physionet: { ALL: 0.99, Name: 0.995, precision: 0.85 } };

const distPath = `${root}packages/core/dist/index.js`;
if (!existsSync(distPath)) {
  process.stderr.write(
    'packages/core/dist is missing: run `npm run build` (or `npm run bench:text`) first\n',
  );
  process.exit(2);
}
const { createTextPhiDetector } = await import(distPath);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Construction, separately from scanning: the first one (dictionaries compiled) and warm ones.
let t0 = performance.now();
const detector = createTextPhiDetector();
const constructFirstMs = performance.now() - t0;
const warm = [];
for (let i = 0; i < 5; i++) {
  t0 = performance.now();
  createTextPhiDetector();
  warm.push(performance.now() - t0);
}
const construction = { firstMs: constructFirstMs, medianWarmMs: median(warm) };

function runSet(name, notes, { synthetic }) {
  const texts = notes.map((n) => n.text);
  const chars = texts.reduce((n, t) => n + t.length, 0);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
  const detections = {};
  for (const n of notes) detections[n.id] = detector.detect(n.text).map((s) => [s.start, s.end, s.type]);
  const runs = [];
  for (let r = 0; r < REPEAT; r++) {
    const start = performance.now();
    for (const t of texts) detector.detect(t);
    runs.push(performance.now() - start);
  }
  const ms = median(runs);
  const result = score(notes, detections);
  const textOf = new Map(notes.map((n) => [n.id, n]));
  const showValues = synthetic || opt['show-values'];
  const missed = result.missed.map((m) => ({
    ...m,
    context: context(textOf.get(m.id), m.start, m.end),
    value: showValues ? m.value : undefined,
  }));
  const falsePositives = result.falsePositives.map((f) => ({
    ...f,
    context: context(textOf.get(f.id), f.start, f.end),
    value: showValues ? f.value : undefined,
  }));
  return {
    name,
    notes: notes.length,
    chars,
    bytes,
    throughput: {
      runsMs: runs.map((x) => Math.round(x * 10) / 10),
      medianMs: ms,
      charsPerSec: chars / (ms / 1000),
      mbPerSec: bytes / 1e6 / (ms / 1000),
    },
    recall: result.recall,
    recallByType: result.recallByType,
    precision: result.precision,
    detectedTokens: result.detectedTokens,
    falseTokens: result.falseTokens,
    falseTokensByType: result.falseTokensByType,
    missShapes: missShapes(result.missed, { top: 20 }),
    missShapesByType: synthetic ? missShapes(result.missed, { key: 'type', top: 20 }) : undefined,
    missed,
    falsePositives,
  };
}

// Words around a miss that are safe to print: cue words from this list as they are, anything else as a
// masked shape (never the text of a real note).
const CUES = new Set(
  (
    'dr dr. md rn np pa rrt pa-c per by to at from in on of the and with for son sons dtr daughter wife husband ' +
    'hcp sister brother mother father niece nephew friend mr mrs ms miss pt patient called aware seen paged ' +
    'pager beeper fax phone tel ext x call transferred transfer rehab hospital hosp house home lives nursing ' +
    'center clinic dialysis street st ave road rd visit visited visiting came since until date dob admitted ' +
    'adm d/c dc f/u fu follow-up on, via name named is was will'
  ).split(' '),
);
function context(note, start, end) {
  const mask = (w) => (CUES.has(w.toLowerCase().replace(/[.,:;]+$/, '')) ? w.toLowerCase() : shape(w));
  const before = note.text
    .slice(Math.max(0, start - 40), start)
    .split(/\s+/)
    .filter(Boolean)
    .slice(-2);
  const after = note.text
    .slice(end, end + 40)
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2);
  return `${before.map(mask).join(' ')} [] ${after.map(mask).join(' ')}`.trim();
}

const sets = [];
const synthetic = generateNotes({ seed: SEED, count: Number(opt.count) });
sets.push(runSet(`synthetic (seed ${SEED}, ${synthetic.length} notes)`, synthetic, { synthetic: true }));
const dicom = generateNotes({ seed: SEED, count: 500, styles: ['dicom'] });
sets.push(runSet(`dicom-text (seed ${SEED}, ${dicom.length} descriptions)`, dicom, { synthetic: true }));
let physionet = null;
if (existsSync(`${opt.physionet}/id.text`)) {
  physionet = runSet('physionet-deid-dev', readPhysioNet(opt.physionet), { synthetic: false });
  sets.push(physionet);
}

// ---------------------------------------------------------------------------------------------------
// Report.

const f4 = (x) => (x === null || x === undefined ? '   -  ' : x.toFixed(4));
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const out = [];
const say = (s = '') => out.push(s);
const rec = (set, c) => set.recall[c]?.recall;

say(`text PHI detector benchmark  (node ${process.version}, core dist, one thread)`);
say(
  `detector construction: ${construction.firstMs.toFixed(1)} ms first, ${construction.medianWarmMs.toFixed(1)} ms median of 5 more`,
);
say();
say(
  `${pad('set', 44)}${lpad('notes', 6)}${lpad('recall', 8)}${lpad('names', 8)}${lpad('dates', 8)}${lpad('places', 8)}` +
    `${lpad('phones', 8)}${lpad('prec', 8)}${lpad('MB/s', 7)}${lpad('kchar/s', 9)}`,
);
for (const s of sets)
  say(
    `${pad(s.name, 44)}${lpad(s.notes, 6)}${lpad(f4(rec(s, 'ALL')), 8)}${lpad(f4(rec(s, 'Name')), 8)}` +
      `${lpad(f4(rec(s, 'Date')), 8)}${lpad(f4(rec(s, 'Location')), 8)}${lpad(f4(rec(s, 'Phone')), 8)}` +
      `${lpad(f4(s.precision), 8)}${lpad(s.throughput.mbPerSec.toFixed(2), 7)}${lpad(Math.round(s.throughput.charsPerSec / 1000), 9)}`,
  );
if (!physionet) say(`${pad('physionet-deid-dev', 44)}skipped (not present)`);

const targetMark = (x, t) =>
  x === null || x === undefined ? '' : x >= t ? `target >= ${t}  ok` : `target >= ${t}  BELOW`;
for (const s of sets) {
  const isPhys = s === physionet;
  say();
  say(
    `== ${s.name}: ${s.chars} chars, ${s.bytes} bytes; detect() median ${s.throughput.medianMs.toFixed(1)} ms of ${REPEAT}`,
  );
  say(`   ${pad('category', 20)}${lpad('recall', 8)}${lpad('found/total', 14)}`);
  for (const [c, r] of Object.entries(s.recall)) {
    const t = isPhys ? TARGETS.physionet[c] : undefined;
    say(
      `   ${pad(c, 20)}${lpad(f4(r.recall), 8)}${lpad(`${r.found}/${r.total}`, 14)}   ${t ? targetMark(r.recall, t) : ''}`.trimEnd(),
    );
  }
  if (Object.keys(s.recallByType).length) {
    say(`   by fine type:`);
    const entries = Object.entries(s.recallByType);
    for (let i = 0; i < entries.length; i += 3)
      say(
        '   ' +
          entries
            .slice(i, i + 3)
            .map(([k, r]) => `${pad(k, 10)}${lpad(f4(r.recall), 7)}${lpad(`${r.found}/${r.total}`, 10)}`)
            .join('   '),
      );
  }
  say(
    `   ${pad('precision (tokens)', 20)}${lpad(f4(s.precision), 8)}${lpad(`${s.detectedTokens - s.falseTokens}/${s.detectedTokens}`, 14)}   ${isPhys ? targetMark(s.precision, TARGETS.physionet.precision) : ''}`.trimEnd(),
  );
  const fp = Object.entries(s.falseTokensByType)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  if (fp) say(`   false tokens by detected type: ${fp}`);

  if (MISSES > 0) {
    const byCat = new Map();
    for (const m of s.missed) {
      if (!byCat.has(m.category)) byCat.set(m.category, []);
      byCat.get(m.category).push(m);
    }
    for (const [c, list] of [...byCat].sort()) {
      say(`   misses ${c} (${list.length}), first ${Math.min(MISSES, list.length)}:`);
      for (const m of list.slice(0, MISSES))
        say(
          `     ${pad(m.id, 8)} ${pad(m.type, 10)} ${pad(JSON.stringify(m.shape), 22)} ${m.value !== undefined ? pad(JSON.stringify(m.value), 30) : ''} ${m.context}`.trimEnd(),
        );
      const shapes = s.missShapes[c] ?? [];
      say(
        `     most common shapes: ${shapes
          .slice(0, MISSES)
          .map(([k, n]) => `${JSON.stringify(k)} ${n}`)
          .join(', ')}`,
      );
    }
    const fpList = s.falsePositives;
    if (fpList.length) {
      const counts = new Map();
      for (const f of fpList) {
        const k =
          f.value !== undefined
            ? `${f.type} ${JSON.stringify(f.value)}`
            : `${f.type} ${JSON.stringify(f.shape)}`;
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, MISSES);
      say(`   most common false tokens: ${top.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    }
  }
}
if (physionet) {
  const t = TARGETS.physionet;
  const ok =
    rec(physionet, 'ALL') >= t.ALL && rec(physionet, 'Name') >= t.Name && physionet.precision >= t.precision;
  say();
  say(
    `targets (physionet dev): recall >= ${t.ALL} overall, >= ${t.Name} names, token precision >= ${t.precision}: ${ok ? 'MET' : 'NOT MET'}`,
  );
}
process.stdout.write(`${out.join('\n')}\n`);

if (opt.json) {
  writeFileSync(
    opt.json,
    JSON.stringify(
      {
        node: process.version,
        date: new Date().toISOString(),
        seed: SEED,
        repeat: REPEAT,
        construction,
        targets: TARGETS,
        physionet: physionet ? 'present' : 'skipped (not present)',
        sets, // values are present only for synthetic sets, or with --show-values
      },
      null,
      1,
    ),
  );
  process.stdout.write(`numbers written to ${opt.json}\n`);
}
