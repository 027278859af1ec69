#!/usr/bin/env node
// Self-check of the synthetic note generator and the scorer (plain Node, no test framework):
//
//   node tools/text-synth/generate.check.mjs
//
// Exits 1 with the failed assertions listed, 0 when all hold.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATEGORY_OF_TYPE, NEGATIVE_TERMS, STYLES, generateNotes, writePhysioNet } from './generate.mjs';
import { readPhysioNet, score } from './score.mjs';

const MONTH =
  /(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|januar|februar|märz|april|juni|juli|oktober|dezember)/i;
const WORDS = /^\p{L}[\p{L}'.&\-^, ]*\p{L}$/u;
const PHONE = /^((\(\d{3}\) |\d{3}[-.])?\d{3}[-.]\d{4}( ext \d{4})?|x?\d{2,5})$/i;
const SHAPES = {
  name: (v) => WORDS.test(v),
  date: (v) =>
    /^\d{1,2}\/\d{1,2}(\/(\d{2}|\d{4}))?$/.test(v) ||
    /^\d{1,2}\/\d{4}$/.test(v) ||
    /^\d{4}-\d{2}-\d{2}$/.test(v) ||
    /^\d{1,2}-\d{1,2}-\d{4}$/.test(v) ||
    /^\d{2}\.\d{2}\.\d{4}$/.test(v) ||
    /^\d{1,2}(st|nd|rd|th)$/i.test(v) ||
    (/^[\p{L}\d .,']+$/u.test(v) && /\d/.test(v) && MONTH.test(v)) ||
    /^\d{2}-[A-Z]{3}-\d{4}$/i.test(v),
  year: (v) => /^(\d{4}|'\d{2})$/.test(v),
  age: (v) => /^\d{2,3}$/.test(v) && Number(v) > 89,
  phone: (v) => PHONE.test(v),
  fax: (v) => PHONE.test(v),
  pager: (v) => /^\d{4,5}$/.test(v),
  email: (v) => /^[a-z0-9.]+@[a-z0-9.-]+\.[a-z]{2,}$/i.test(v),
  url: (v) => /^(https?:\/\/|www\.)\S+$/i.test(v),
  ip: (v) => /^\d{1,3}(\.\d{1,3}){3}$/.test(v) && v.split('.').every((p) => Number(p) <= 255),
  ssn: (v) => /^\d{3}-\d{2}-\d{4}$/.test(v),
  mrn: (v) => /^\d{6,10}$/.test(v),
  account: (v) => /^\d{6,10}$/.test(v),
  accession: (v) => /^[A-Z0-9-]+$/i.test(v) && /\d{4}/.test(v),
  id: (v) => /^[A-Z]{2}\d{9}$/i.test(v),
  street: (v) => /^\d{1,4} \p{L}[\p{L} .]*$/u.test(v),
  city: (v) => WORDS.test(v),
  state: (v) => WORDS.test(v),
  hospital: (v) => WORDS.test(v),
  ward: (v) => WORDS.test(v),
  employer: (v) => WORDS.test(v),
  zip: (v) => /^\d{5}(-\d{4})?$/.test(v),
};
const NAME_CATEGORIES = new Set(['PTName', 'HCPName', 'RelativeProxyName']);

const failures = [];
function check(name, fn) {
  try {
    fn();
    process.stdout.write(`ok   ${name}\n`);
  } catch (err) {
    failures.push(name);
    process.stdout.write(
      `FAIL ${name}\n     ${String(err.message).split('\n').slice(0, 8).join('\n     ')}\n`,
    );
  }
}

const SEED = 20240;
const notes = generateNotes({ seed: SEED, count: 400 });

check('same seed gives identical output; another seed does not', () => {
  assert.deepEqual(generateNotes({ seed: SEED, count: 400 }), notes);
  assert.notDeepEqual(generateNotes({ seed: SEED + 1, count: 50 }), notes.slice(0, 50));
  assert.deepEqual(
    generateNotes({ seed: 5, count: 30, styles: ['dicom'] }),
    generateNotes({ seed: 5, count: 30, styles: ['dicom'] }),
  );
});

check('ids are S-1..S-n and every note has text', () => {
  notes.forEach((n, i) => {
    assert.equal(n.id, `S-${i + 1}`);
    assert.ok(n.text.length > 0, n.id);
  });
});

check('every style appears; styles option restricts', () => {
  const seen = new Set(notes.map((n) => n.style));
  assert.deepEqual([...seen].sort(), [...STYLES].sort());
  const only = generateNotes({ seed: 3, count: 60, styles: ['dicom', 'sr'] });
  assert.ok(only.every((n) => n.style === 'dicom' || n.style === 'sr'));
  assert.throws(() => generateNotes({ seed: 1, count: 1, styles: ['nope'] }));
});

check('every character is Latin-1 (PhysioNet files are Latin-1)', () => {
  for (const n of notes) assert.ok(!/[^\x00-\xff]/.test(n.text), `${n.id} has a non-Latin-1 character`);
});

check('spans are in bounds, sorted, non-empty, trimmed, one line, and do not overlap', () => {
  for (const n of notes) {
    let prevEnd = 0;
    for (const s of n.spans) {
      const v = n.text.slice(s.start, s.end);
      assert.ok(
        s.start >= prevEnd,
        `${n.id}: span ${s.start}-${s.end} overlaps or precedes the previous one`,
      );
      assert.ok(s.end > s.start && s.end <= n.text.length, `${n.id}: bad span ${s.start}-${s.end}`);
      assert.equal(v, v.trim(), `${n.id}: span ${JSON.stringify(v)} has outer whitespace`);
      assert.ok(!v.includes('\n'), `${n.id}: span ${JSON.stringify(v)} spans lines`);
      prevEnd = s.end;
    }
  }
});

check("every span's text matches its type's shape and its category", () => {
  const bad = [];
  for (const n of notes)
    for (const s of n.spans) {
      const v = n.text.slice(s.start, s.end);
      const ok = SHAPES[s.type]?.(v);
      const cat =
        s.type === 'name' ? NAME_CATEGORIES.has(s.category) : CATEGORY_OF_TYPE[s.type] === s.category;
      if (!ok || !cat) bad.push(`${n.id} ${s.type}/${s.category} ${JSON.stringify(v)}`);
    }
  assert.deepEqual(bad.slice(0, 20), []);
});

check('every fine type and every PhysioNet category is generated', () => {
  const types = new Set(notes.flatMap((n) => n.spans.map((s) => s.type)));
  assert.deepEqual([...types].sort(), Object.keys(SHAPES).sort());
  const cats = new Set(notes.flatMap((n) => n.spans.map((s) => s.category)));
  for (const c of [
    'PTName',
    'HCPName',
    'RelativeProxyName',
    'Date',
    'DateYear',
    'Age',
    'Phone',
    'Location',
    'Other',
  ])
    assert.ok(cats.has(c), c);
});

check('every negative term appears somewhere unlabelled, and no span is a negative term', () => {
  const terms = Object.values(NEGATIVE_TERMS).flat();
  assert.ok(terms.length > 50);
  const missing = [];
  for (const term of terms) {
    const re = new RegExp(
      `(?<![A-Za-z0-9])${term.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![A-Za-z0-9])`,
      'gi',
    );
    const free = notes.some((n) =>
      [...n.text.matchAll(re)].some(
        (m) => !n.spans.some((s) => s.start < m.index + m[0].length && m.index < s.end),
      ),
    );
    if (!free) missing.push(term);
  }
  assert.deepEqual(missing, []);
  const lower = new Set(terms.map((t) => t.toLowerCase()));
  for (const n of notes)
    for (const s of n.spans)
      assert.ok(!lower.has(n.text.slice(s.start, s.end).toLowerCase()), `${n.id} labels a negative term`);
});

check('times are never labelled', () => {
  for (const n of notes)
    for (const s of n.spans)
      assert.ok(!/^\d{1,2}:\d{2}$/.test(n.text.slice(s.start, s.end)), `${n.id} labels a time`);
});

check('PhysioNet files round-trip through readPhysioNet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'text-synth-'));
  try {
    writePhysioNet(dir, notes);
    const back = readPhysioNet(dir);
    assert.equal(back.length, notes.length);
    back.forEach((b, i) => {
      assert.equal(b.id, `${i + 1}-1`);
      assert.equal(b.text, notes[i].text);
      assert.deepEqual(
        b.spans,
        notes[i].spans.map((s) => ({ start: s.start, end: s.end, category: s.category })),
      );
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

check('scorer: gold as detections scores 1, nothing detected scores 0', () => {
  const perfect = Object.fromEntries(notes.map((n) => [n.id, n.spans.map((s) => [s.start, s.end, s.type])]));
  const r = score(notes, perfect);
  assert.equal(r.recall.ALL.recall, 1);
  assert.equal(r.precision, 1);
  assert.equal(r.missed.length, 0);
  for (const t of Object.values(r.recallByType)) assert.equal(t.recall, 1);
  const none = score(notes, {});
  assert.equal(none.recall.ALL.recall, 0);
  assert.equal(none.precision, null);
  // One character of overlap finds a span; a detection on plain text is a false token.
  const n = {
    id: 'x',
    text: 'seen by Dr Zorvath today',
    spans: [{ start: 11, end: 18, category: 'HCPName' }],
  };
  const one = score([n], { x: [[17, 24, 'name']] });
  assert.equal(one.recall.Name.recall, 1);
  assert.equal(one.detectedTokens, 2);
  assert.equal(one.falseTokens, 1);
});

if (failures.length) {
  process.stdout.write(`\n${failures.length} check(s) failed\n`);
  process.exit(1);
}
process.stdout.write('\nall checks passed\n');
