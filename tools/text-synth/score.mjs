// Token-level scoring of a text PHI detector, exactly the metric of the project's score_text.py
// (PhysioNet deid style): a gold PHI span counts as found when any detected span overlaps it; recall per
// category ('Name' merges PTName, HCPName, RelativeProxyName and their initials) and overall; precision
// over the [A-Za-z0-9]+ tokens covered by detections (a detected token is false when it overlaps no gold
// span). On synthetic notes (spans with a fine `type`) it also gives recall per fine type.
//
//   import { score, readPhysioNet } from './score.mjs';
//   const notes = readPhysioNet(dir);                    // [{ id: 'P-N', text, spans: [{ start, end, category }] }]
//   const result = score(notes, { 'P-N': [[start, end, type], ...] });
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const NAMES = new Set(['PTName', 'HCPName', 'RelativeProxyName', 'PTName Initial', 'HCPName Initial']);
const START = /^START_OF_RECORD=(\d+)\|\|\|\|(\d+)\|\|\|\|$/;

/** Reads DIR/id.text and DIR/id-phi.phrase (Latin-1) like score_text.py. Ids are 'P-N'. */
export function readPhysioNet(dir) {
  const texts = new Map();
  let cur = null;
  let buf = [];
  for (const line of readFileSync(join(dir, 'id.text')).toString('latin1').split('\n')) {
    const m = START.exec(line);
    if (m) {
      cur = `${Number(m[1])}-${Number(m[2])}`;
      buf = [];
      continue;
    }
    if (line === '||||END_OF_RECORD') {
      texts.set(cur, buf.join('\n'));
      cur = null;
      continue;
    }
    if (cur !== null) buf.push(line);
  }
  const gold = new Map();
  for (const line of readFileSync(join(dir, 'id-phi.phrase')).toString('latin1').split('\n')) {
    const parts = splitN(line, ' ', 5);
    if (parts.length < 5) continue;
    const id = `${parseInt(parts[0], 10)}-${parseInt(parts[1], 10)}`;
    if (!gold.has(id)) gold.set(id, []);
    gold.get(id).push({ start: parseInt(parts[2], 10), end: parseInt(parts[3], 10), category: parts[4] });
  }
  return [...texts].map(([id, text]) => ({ id, text, spans: gold.get(id) ?? [] }));
}

/** Python's str.split(sep, maxsplit). */
function splitN(s, sep, max) {
  const out = [];
  let rest = s;
  while (out.length < max) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

/** A masked shape of a value: X upper, x lower, d digit, other characters kept; runs cut at 4. */
export function shape(value) {
  let out = '';
  let prev = '';
  let run = 0;
  for (const c of value) {
    const k = /\p{Lu}/u.test(c) ? 'X' : /\p{L}/u.test(c) ? 'x' : /\p{N}/u.test(c) ? 'd' : c;
    run = k === prev ? run + 1 : 1;
    prev = k;
    if (run <= 4) out += k;
  }
  return out;
}

const TOKEN = /[A-Za-z0-9]+/g;
const ratio = (f, t) => (t ? f / t : null);
const round4 = (x) => (x === null ? null : Math.round(x * 10000) / 10000);

/**
 * Scores `detections` ({ id: [[start, end, type?], ...] } or { id: [{ start, end, type }] }) against the
 * gold `notes` ([{ id, text, spans: [{ start, end, category?, type? }] }]).
 * Returns recall per category (with 'ALL'), recall per fine type (synthetic gold only), token precision,
 * false-positive tokens per detected type, and the misses.
 */
export function score(notes, detections) {
  const found = new Map();
  const total = new Map();
  const foundT = new Map();
  const totalT = new Map();
  const add = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);
  let detTokens = 0;
  let fpTokens = 0;
  const fpByType = new Map();
  const missed = [];
  const falsePositives = [];
  for (const note of notes) {
    const { text } = note;
    const n = text.length;
    const gs = note.spans ?? [];
    const ds = (detections[note.id] ?? []).map((d) =>
      Array.isArray(d) ? { start: Math.trunc(d[0]), end: Math.trunc(d[1]), type: d[2] } : d,
    );
    const cov = new Int32Array(n + 1); // 1 + index of the first detection covering the character
    ds.forEach((d, k) => {
      for (let i = Math.max(0, d.start); i < Math.min(n, d.end); i++) if (!cov[i]) cov[i] = k + 1;
    });
    const gcov = new Uint8Array(n + 1);
    for (const g of gs) for (let i = Math.max(0, g.start); i < Math.min(n, g.end); i++) gcov[i] = 1;
    for (const g of gs) {
      const category = g.category ?? g.type;
      const c = NAMES.has(category) ? 'Name' : category;
      let hit = false;
      for (let i = g.start; i < Math.min(g.end, n) && !hit; i++) hit = cov[i] > 0;
      add(total, c);
      add(total, 'ALL');
      if (g.type) add(totalT, g.type);
      if (hit) {
        add(found, c);
        add(found, 'ALL');
        if (g.type) add(foundT, g.type);
      } else {
        const value = text.slice(g.start, g.end);
        missed.push({
          id: note.id,
          category: c,
          type: g.type ?? c,
          start: g.start,
          end: g.end,
          value,
          shape: shape(value),
        });
      }
    }
    for (const m of text.matchAll(TOKEN)) {
      let first = 0;
      for (let i = m.index; i < m.index + m[0].length && !first; i++) first = cov[i];
      if (!first) continue;
      detTokens++;
      let gold = false;
      for (let i = m.index; i < m.index + m[0].length && !gold; i++) gold = gcov[i] === 1;
      if (!gold) {
        fpTokens++;
        const type = ds[first - 1].type ?? '?';
        add(fpByType, type);
        falsePositives.push({
          id: note.id,
          type,
          start: m.index,
          end: m.index + m[0].length,
          value: m[0],
          shape: shape(m[0]),
        });
      }
    }
  }
  const table = (f, t) =>
    Object.fromEntries(
      [...t.keys()]
        .sort()
        .map((k) => [k, { found: f.get(k) ?? 0, total: t.get(k), recall: ratio(f.get(k) ?? 0, t.get(k)) }]),
    );
  return {
    notes: notes.length,
    recall: table(found, total),
    recallByType: table(foundT, totalT),
    precision: ratio(detTokens - fpTokens, detTokens),
    detectedTokens: detTokens,
    falseTokens: fpTokens,
    falseTokensByType: Object.fromEntries([...fpByType].sort((a, b) => b[1] - a[1])),
    missed,
    falsePositives,
  };
}

/** The result in score_text.py's --json form: { recall: { cat: [found, total, r] }, precision, ... }. */
export function toPythonForm(result) {
  return {
    recall: Object.fromEntries(
      Object.entries(result.recall).map(([c, r]) => [c, [r.found, r.total, round4(r.recall)]]),
    ),
    precision: round4(result.precision),
    detected_tokens: result.detectedTokens,
    false_tokens: result.falseTokens,
  };
}

/** Counts of miss shapes per category (or per `key`), most common first. */
export function missShapes(missed, { key = 'category', top = 20 } = {}) {
  const by = new Map();
  for (const m of missed) {
    if (!by.has(m[key])) by.set(m[key], new Map());
    const s = by.get(m[key]);
    s.set(m.shape, (s.get(m.shape) ?? 0) + 1);
  }
  return Object.fromEntries(
    [...by]
      .sort()
      .map(([k, s]) => [k, [...s].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top)]),
  );
}
