/**
 * Per-token features of the learned PHI token classifier. Single source: the training export
 * (`tools/text-model/export-features.mjs`, through the built package) and inference
 * ({@link createTokenModel}) both call {@link extractFeatures}, so training and use cannot drift.
 *
 * Tokens are the word tokens of {@link TokenContext} plus one token per run of letters and digits
 * that starts with a digit (`7`, `22` in `7/22`; `4471` in `x4471`; `11th`), in text order. Each token gets a sparse
 * vector: a block of facts about the token itself and each neighbour at offsets -2..+2 (shape,
 * lexicon, surrounding punctuation, the confidence of each rule family covering it), the note's
 * casing, and hashed one-hot buckets of the folded previous and next word.
 */
import type { PhiSpan, PhiType } from '../../types.js';
import { loadLexicon } from '../lexicon.js';
import { mergeSpans } from '../merge-spans.js';
import type { TokenContext } from '../tokens.js';

/** Bumped whenever the meaning or order of a feature changes: a model records the version it needs. */
export const FEATURE_VERSION = 2;

/** One token the model classifies. */
export interface ModelToken {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  /** Holds a digit (a number token); otherwise a word token of the {@link TokenContext}. */
  numeric: boolean;
}

/**
 * Sparse features of every token of one text, in compressed-row form: the features of token `i`
 * are `indices[indptr[i] .. indptr[i+1])` with `values` at the same positions (no index twice, in
 * no particular order).
 */
export interface TokenFeatures {
  tokens: ModelToken[];
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** Rule families: a rule span's `rule` id (or failing that its type) maps to one of these. */
export const RULE_FAMILIES = [
  'name/title',
  'name/relative',
  'name/lexicon',
  'name/dictionary',
  'name/cue',
  'name/initial',
  'name/propagated',
  'name/other',
  'location/facility',
  'location/ward',
  'location/abbreviation',
  'location/town',
  'location/propagated',
  'location/other',
  'date',
  'phone',
  'age',
  'id',
  'address',
  'web',
  'other',
] as const;

const FAMILY_OF_RULE: ReadonlyMap<string, number> = new Map(
  (
    [
      ['name/title', 'name/title'],
      ['name/title-list', 'name/title'],
      ['name/relative', 'name/relative'],
      ['name/lexicon', 'name/lexicon'],
      ['name/dictionary', 'name/dictionary'],
      ['name/dictionary-pair', 'name/dictionary'],
      ['name/label', 'name/cue'],
      ['name/signed-by', 'name/cue'],
      ['name/context', 'name/cue'],
      ['name/done-by', 'name/cue'],
      ['name/staff', 'name/cue'],
      ['name/weak-cue', 'name/cue'],
      ['name/aware', 'name/cue'],
      ['name/sign-off', 'name/cue'],
      ['name/credential', 'name/cue'],
      ['name/initial', 'name/initial'],
      ['name/propagated', 'name/propagated'],
      ['location/facility', 'location/facility'],
      ['location/university', 'location/facility'],
      ['location/saint', 'location/facility'],
      ['location/ward', 'location/ward'],
      ['location/abbreviation', 'location/abbreviation'],
      ['location/town', 'location/town'],
      ['location/after-preposition', 'location/town'],
      ['location/transfer', 'location/town'],
      ['location/propagated', 'location/propagated'],
    ] as const
  ).map(([rule, family]) => [rule, RULE_FAMILIES.indexOf(family)]),
);

const FAMILY_OF_TYPE: Partial<Record<PhiType, (typeof RULE_FAMILIES)[number]>> = {
  name: 'name/other',
  location: 'location/other',
  date: 'date',
  phone: 'phone',
  fax: 'phone',
  age: 'age',
  id: 'id',
  mrn: 'id',
  accession: 'id',
  ssn: 'id',
  uid: 'id',
  'subject-identifier': 'id',
  address: 'address',
  zip: 'address',
  email: 'web',
  url: 'web',
  ip: 'web',
  other: 'other',
};

/** The family index of a rule span. */
function familyOf(span: PhiSpan): number {
  const byRule = FAMILY_OF_RULE.get(span.rule);
  if (byRule !== undefined) return byRule;
  const family = FAMILY_OF_TYPE[span.type] ?? 'other';
  return RULE_FAMILIES.indexOf(family);
}

// Layout of one token block.
const B_PRESENT = 0;
const B_NUMERIC = 1;
const B_CAP = 2;
const B_UPPER = 3;
const B_INITIAL = 4;
const B_ALNUM = 5;
const B_LEN = 6; // 6 buckets: 1, 2, 3, 4-5, 6-8, 9+
const B_GIVEN = 12;
const B_FAMILY = 13;
const B_GIVEN_RANK = 14; // 4 buckets: <=200, <=2000, <=20000, more
const B_FAMILY_RANK = 18; // 4 buckets
const B_ENGLISH = 22; // 7: none, 10, 20, 35-40, 50-55, 60, 70+
const B_MEDICAL = 29;
const B_STOP = 30;
const B_CREDENTIAL = 31;
const B_NEVER = 32;
const B_AMBIGUOUS = 33;
const B_CLIPPED = 34;
const B_MISSPELT = 35;
const B_MONTH = 36;
const B_PLACE = 37; // 3: state, city, county
const B_NUMBER = 40; // 6: <=12, <=31, 1900..2099, 2 digits, 3-4 digits, 5+ digits
const B_AFTER = 46; // 9 classes of the character after the token
const B_BEFORE = 55; // 9 classes of the character before
const B_LINE_START = 64;
const B_RULES = 65;
const BLOCK = B_RULES + RULE_FAMILIES.length;

const OFFSETS = [-2, -1, 0, 1, 2] as const;
const G_CASING = BLOCK * OFFSETS.length; // 3: mixed, upper, lower
/** Hashed buckets of the previous and of the next word. */
export const WORD_BUCKETS = 64;
const G_PREV_WORD = G_CASING + 3;
const G_NEXT_WORD = G_PREV_WORD + WORD_BUCKETS;

/** Length of a feature vector. */
export const FEATURE_COUNT = G_NEXT_WORD + WORD_BUCKETS;

/** Class of a punctuation character next to a token (index into the 9 one-hot slots). */
function charClass(c: number): number {
  switch (c) {
    case 0x2f: // /
      return 0;
    case 0x2d: // -
      return 1;
    case 0x3a: // :
      return 2;
    case 0x2e: // .
      return 3;
    case 0x2c: // ,
      return 4;
    case 0x28: // (
    case 0x29: // )
      return 5;
    case 0x0a: // newline
    case 0x0d:
    case -1: // text edge
      return 6;
    case 0x20: // space
    case 0x09:
      return 7;
    default:
      return 8;
  }
}

function lengthBucket(n: number): number {
  return n <= 1 ? 0 : n === 2 ? 1 : n === 3 ? 2 : n <= 5 ? 3 : n <= 8 ? 4 : 5;
}

function rankBucket(rank: number): number {
  return rank <= 200 ? 0 : rank <= 2000 ? 1 : rank <= 20000 ? 2 : 3;
}

function englishBucket(level: number | undefined): number {
  if (level === undefined) return 0;
  return level <= 10 ? 1 : level <= 20 ? 2 : level <= 40 ? 3 : level <= 55 ? 4 : level <= 60 ? 5 : 6;
}

/** FNV-1a of a string into `WORD_BUCKETS` buckets. */
function wordBucket(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return (h >>> 0) % WORD_BUCKETS;
}

// From a digit not preceded by a digit, through letters and digits (`7`, `4471` of `x4471`, `11th`):
// never inside a word token, which holds no digit and does not start right after one.
const NUMBER_RE = /(?<!\p{N})\p{N}[\p{L}\p{N}]*/gu;
const DIGITS_RE = /\p{N}+/u;

/** A token with everything the blocks need. */
interface Tok extends ModelToken {
  /** The key of the word token (folded), or a digit-shape for a number token. */
  word: string;
  /** Index into ctx.tokens, or -1 for a number token. */
  wordIndex: number;
}

/** Word tokens and number tokens of `text`, in order. */
function modelTokens(text: string, ctx: TokenContext): Tok[] {
  const numbers: Tok[] = [];
  NUMBER_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NUMBER_RE.exec(text)) !== null) {
    const raw = m[0];
    const digits = DIGITS_RE.exec(raw)?.[0] ?? '';
    const letters = raw.length > digits.length ? 'a' : '';
    numbers.push({
      start: m.index,
      end: m.index + raw.length,
      numeric: true,
      word: `#${Math.min(digits.length, 6)}${letters}`,
      wordIndex: -1,
    });
  }
  const out: Tok[] = [];
  const words = ctx.tokens;
  let i = 0;
  let j = 0;
  while (i < words.length || j < numbers.length) {
    const w = words[i];
    const n = numbers[j];
    if (w && (!n || w.start < n.start)) {
      out.push({ start: w.start, end: w.end, numeric: false, word: w.key, wordIndex: i });
      i++;
    } else if (n) {
      // A number token never overlaps a word token (word tokens have no digit next to them).
      out.push(n);
      j++;
    }
  }
  return out;
}

/**
 * Computes the features of every model token of `text`. `ctx` is `tokenContext(text, book)`;
 * `ruleSpans` are the rule detector's spans at any confidence (merged here, so the raw list and
 * an already merged list give the same features).
 */
export function extractFeatures(
  text: string,
  ctx: TokenContext,
  ruleSpans: readonly PhiSpan[],
): TokenFeatures {
  const lex = loadLexicon();
  const toks = modelTokens(text, ctx);
  const n = toks.length;
  // Own block of every token, sparse: up to ~24 entries each.
  const blockIdx: number[][] = new Array<number[]>(n);
  const blockVal: number[][] = new Array<number[]>(n);
  const merged = mergeSpans(ruleSpans);
  const conf = new Float64Array(RULE_FAMILIES.length);
  let s = 0;
  for (let k = 0; k < n; k++) {
    const t = toks[k]!;
    const idx: number[] = [B_PRESENT];
    const val: number[] = [1];
    const on = (f: number): void => {
      idx.push(f);
      val.push(1);
    };
    const len = t.end - t.start;
    if (t.numeric) {
      const raw = text.slice(t.start, t.end);
      on(B_NUMERIC);
      const digits = DIGITS_RE.exec(raw)?.[0] ?? '';
      if (digits.length < raw.length) on(B_ALNUM);
      const v = digits.length <= 6 ? Number(digits) : -1;
      if (v >= 0 && v <= 12) on(B_NUMBER);
      else if (v >= 0 && v <= 31) on(B_NUMBER + 1);
      if (digits.length === 4 && v >= 1900 && v <= 2099) on(B_NUMBER + 2);
      if (digits.length === 2) on(B_NUMBER + 3);
      else if (digits.length === 3 || digits.length === 4) on(B_NUMBER + 4);
      else if (digits.length >= 5) on(B_NUMBER + 5);
    } else {
      const w = ctx.tokens[t.wordIndex]!;
      const info = w.info;
      if (w.cap) on(B_CAP);
      if (w.upper) on(B_UPPER);
      if (w.initial) on(B_INITIAL);
      if (info.given) {
        on(B_GIVEN);
        on(B_GIVEN_RANK + rankBucket(lex.givenNames.get(w.key) ?? 1e9));
      }
      if (info.family) {
        on(B_FAMILY);
        on(B_FAMILY_RANK + rankBucket(lex.familyNames.get(w.key) ?? 1e9));
      }
      on(B_ENGLISH + englishBucket(info.english));
      if (info.medical) on(B_MEDICAL);
      if (info.stop) on(B_STOP);
      if (info.credential) on(B_CREDENTIAL);
      if (info.never) on(B_NEVER);
      if (info.ambiguous) on(B_AMBIGUOUS);
      if (info.clipped) on(B_CLIPPED);
      if (info.misspelt) on(B_MISSPELT);
      if (w.month) on(B_MONTH);
      const kinds = lex.usPlaces.get(w.key);
      if (kinds) {
        if (kinds.includes('state')) on(B_PLACE);
        if (kinds.includes('city')) on(B_PLACE + 1);
        if (kinds.includes('county')) on(B_PLACE + 2);
      }
    }
    on(B_LEN + lengthBucket(len));
    on(B_AFTER + charClass(t.end < text.length ? text.charCodeAt(t.end) : -1));
    on(B_BEFORE + charClass(t.start > 0 ? text.charCodeAt(t.start - 1) : -1));
    let p = t.start - 1;
    while (p >= 0 && (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 0x09)) p--;
    if (p < 0 || text.charCodeAt(p) === 0x0a || text.charCodeAt(p) === 0x0d) on(B_LINE_START);
    // Rule spans overlapping the token (merged spans are sorted and disjoint).
    while (s < merged.length && merged[s]!.end <= t.start) s++;
    conf.fill(0);
    let any = false;
    for (let q = s; q < merged.length && merged[q]!.start < t.end; q++) {
      const span = merged[q]!;
      if (span.end <= t.start) continue;
      const f = familyOf(span);
      conf[f] = Math.max(conf[f]!, span.confidence, 0.01);
      any = true;
    }
    if (any)
      for (let f = 0; f < RULE_FAMILIES.length; f++)
        if (conf[f]! > 0) {
          idx.push(B_RULES + f);
          val.push(conf[f]!);
        }
    blockIdx[k] = idx;
    blockVal[k] = val;
  }

  const casing = G_CASING + (ctx.casing === 'mixed' ? 0 : ctx.casing === 'upper' ? 1 : 2);
  const indptr = new Int32Array(n + 1);
  let total = 0;
  for (let k = 0; k < n; k++) {
    for (let j = Math.max(0, k - 2); j <= Math.min(n - 1, k + 2); j++) total += blockIdx[j]!.length;
    total += 1 + (k > 0 ? 1 : 0) + (k + 1 < n ? 1 : 0);
  }
  const indices = new Int32Array(total);
  const values = new Float32Array(total);
  const buckets = toks.map((t) => wordBucket(t.word));
  let w = 0;
  for (let k = 0; k < n; k++) {
    for (let o = 0; o < OFFSETS.length; o++) {
      const j = k + OFFSETS[o]!;
      if (j < 0 || j >= n) continue;
      const base = o * BLOCK;
      const idx = blockIdx[j]!;
      const val = blockVal[j]!;
      for (let q = 0; q < idx.length; q++) {
        indices[w] = base + idx[q]!;
        values[w++] = val[q]!;
      }
    }
    indices[w] = casing;
    values[w++] = 1;
    if (k > 0) {
      indices[w] = G_PREV_WORD + buckets[k - 1]!;
      values[w++] = 1;
    }
    if (k + 1 < n) {
      indices[w] = G_NEXT_WORD + buckets[k + 1]!;
      values[w++] = 1;
    }
    indptr[k + 1] = w;
  }
  return {
    tokens: toks.map((t) => ({ start: t.start, end: t.end, numeric: t.numeric })),
    indptr,
    indices,
    values,
  };
}
