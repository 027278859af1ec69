/**
 * The learned PHI token classifier: a small multilayer perceptron over the sparse per-token
 * features of {@link extractFeatures}, run synchronously in TypeScript (no native runtime), so the
 * rule engine's `detect()` can stay synchronous. Trained by `tools/text-model/train.py`; the same
 * weights are shipped as `model.onnx` and as `weights.bin` (little-endian float32) described by
 * `weights.json`, which is what this module reads.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PhiSpan, PhiType } from '../../types.js';
import type { TokenContext } from '../tokens.js';
import { extractFeatures, FEATURE_COUNT, FEATURE_VERSION, type TokenFeatures } from './features.js';

/** The output classes, in the model's order. */
export const TOKEN_CLASSES = ['O', 'NAME', 'LOCATION', 'DATE', 'PHONE', 'OTHER'] as const;

/** One output class. */
export type TokenClass = (typeof TOKEN_CLASSES)[number];

const TYPE_OF_CLASS: readonly (PhiType | undefined)[] = [
  undefined,
  'name',
  'location',
  'date',
  'phone',
  'other',
];

/** The rule id of every span the model reports. */
export const MODEL_RULE = 'model/token';

/** The folder of the shipped model: `models/text-phi-token/` at the repository root. */
export const DEFAULT_MODEL_DIR: URL = new URL('../../../../../models/text-phi-token/', import.meta.url);

/** Options of {@link createTokenModel}. */
export interface TokenModelOptions {
  /** Folder holding `weights.json` and `weights.bin`; default {@link DEFAULT_MODEL_DIR}. */
  dir?: string | URL;
  /** PHI probability at or above which a token is reported; default the model's own threshold. */
  threshold?: number;
}

/** A loaded token model. */
export interface TokenModel {
  /** The PHI probability threshold in use. */
  readonly threshold: number;
  /** SHA-256 (hex) of the weights file. */
  readonly sha256: string;
  /**
   * PHI spans the model finds in `text`: one span per run of adjacent tokens of one class whose
   * PHI probability (1 - P(O)) is at least {@link threshold}; rule id `model/token`, confidence the
   * PHI probability (the highest of the run). `ctx` is `tokenContext(text, book)`; `ruleSpans` are
   * the rule detector's spans at every confidence (before the confidence floor; raw or merged).
   */
  predict(text: string, ctx: TokenContext, ruleSpans: readonly PhiSpan[]): PhiSpan[];
  /** Class probabilities of every token of `features`: row-major, `tokens.length` x 6. */
  probabilities(features: TokenFeatures): Float32Array;
}

interface TensorRef {
  offset: number;
  shape: number[];
}

interface WeightsHeader {
  format: string;
  featureVersion: number;
  featureCount: number;
  classes: string[];
  threshold: number;
  sha256: string;
  layers: { weight: TensorRef; bias: TensorRef }[];
}

function readOrUndefined(url: URL): Buffer | undefined {
  try {
    return readFileSync(url);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function fail(message: string): never {
  throw new Error(`text model: ${message}`);
}

/**
 * Loads the token model synchronously (once per detector: about 0.2 MB). Returns undefined when
 * the model files are absent (a package installed without `models/`).
 *
 * @throws Error when the files exist but do not match (bad checksum, shape or feature version).
 */
export function createTokenModel(options: TokenModelOptions = {}): TokenModel | undefined {
  const base = options.dir ?? DEFAULT_MODEL_DIR;
  const dir = typeof base === 'string' ? new URL(`file://${base.endsWith('/') ? base : `${base}/`}`) : base;
  const headerBytes = readOrUndefined(new URL('weights.json', dir));
  const bin = readOrUndefined(new URL('weights.bin', dir));
  if (!headerBytes || !bin) return undefined;
  const header = JSON.parse(headerBytes.toString('utf8')) as WeightsHeader;
  if (header.format !== 'medimagecleaner-mlp/1') fail(`unknown format ${String(header.format)}`);
  if (header.featureVersion !== FEATURE_VERSION || header.featureCount !== FEATURE_COUNT)
    fail(
      `weights are for feature version ${header.featureVersion} (${header.featureCount} features), ` +
        `the engine has ${FEATURE_VERSION} (${FEATURE_COUNT}): retrain with tools/text-model`,
    );
  if (header.classes.join(',') !== TOKEN_CLASSES.join(',')) fail('unexpected classes');
  const sha256 = createHash('sha256').update(bin).digest('hex');
  if (sha256 !== header.sha256) fail('weights.bin does not match the checksum in weights.json');
  const floats = new Float32Array(bin.byteLength / 4);
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  for (let i = 0; i < floats.length; i++) floats[i] = view.getFloat32(i * 4, true);
  const tensor = (ref: TensorRef): Float32Array => {
    const size = ref.shape.reduce((a, b) => a * b, 1);
    if (ref.offset < 0 || ref.offset + size > floats.length) fail('tensor out of range');
    return floats.subarray(ref.offset, ref.offset + size);
  };
  if (header.layers.length !== 3) fail('expected three layers');
  const [l1, l2, l3] = header.layers as [
    WeightsHeader['layers'][0],
    WeightsHeader['layers'][0],
    WeightsHeader['layers'][0],
  ];
  const h1 = l1.weight.shape[0]!;
  const h2 = l2.weight.shape[0]!;
  const classes = l3.weight.shape[0]!;
  if (
    l1.weight.shape[1] !== FEATURE_COUNT ||
    l2.weight.shape[1] !== h1 ||
    l3.weight.shape[1] !== h2 ||
    classes !== TOKEN_CLASSES.length
  )
    fail('layer shapes do not chain');
  // The first layer is read column by column (one column per active feature): store it transposed.
  const w1src = tensor(l1.weight);
  const w1 = new Float64Array(FEATURE_COUNT * h1);
  for (let o = 0; o < h1; o++)
    for (let i = 0; i < FEATURE_COUNT; i++) w1[i * h1 + o] = w1src[o * FEATURE_COUNT + i]!;
  const b1 = Float64Array.from(tensor(l1.bias));
  const w2 = Float64Array.from(tensor(l2.weight));
  const b2 = tensor(l2.bias);
  const w3 = tensor(l3.weight);
  const b3 = tensor(l3.bias);
  const threshold = options.threshold ?? header.threshold;

  const a1 = new Float64Array(h1);
  const a2 = new Float64Array(h2);
  function probabilities(f: TokenFeatures): Float32Array {
    const n = f.tokens.length;
    const out = new Float32Array(n * classes);
    for (let t = 0; t < n; t++) {
      a1.set(b1);
      for (let k = f.indptr[t]!; k < f.indptr[t + 1]!; k++) {
        const v = f.values[k]!;
        const col = f.indices[k]! * h1;
        for (let o = 0; o < h1; o++) a1[o]! += v * w1[col + o]!;
      }
      for (let o = 0; o < h1; o++) if (a1[o]! < 0) a1[o] = 0;
      for (let o = 0; o < h2; o++) {
        let sum = b2[o]!;
        const row = o * h1;
        for (let i = 0; i < h1; i++) sum += w2[row + i]! * a1[i]!;
        a2[o] = sum > 0 ? sum : 0;
      }
      let max = -Infinity;
      const base = t * classes;
      for (let c = 0; c < classes; c++) {
        let sum = b3[c]!;
        const row = c * h2;
        for (let i = 0; i < h2; i++) sum += w3[row + i]! * a2[i]!;
        out[base + c] = sum;
        if (sum > max) max = sum;
      }
      let total = 0;
      for (let c = 0; c < classes; c++) {
        const e = Math.exp(out[base + c]! - max);
        out[base + c] = e;
        total += e;
      }
      for (let c = 0; c < classes; c++) out[base + c]! /= total;
    }
    return out;
  }

  function predict(text: string, ctx: TokenContext, ruleSpans: readonly PhiSpan[]): PhiSpan[] {
    if (text.length === 0) return [];
    const f = extractFeatures(text, ctx, ruleSpans);
    const p = probabilities(f);
    const spans: PhiSpan[] = [];
    let last: PhiSpan | undefined;
    for (let t = 0; t < f.tokens.length; t++) {
      const base = t * classes;
      const phi = 1 - p[base]!;
      if (phi < threshold) {
        last = undefined;
        continue;
      }
      let best = 1;
      for (let c = 2; c < classes; c++) if (p[base + c]! > p[base + best]!) best = c;
      const type = TYPE_OF_CLASS[best]!;
      const tok = f.tokens[t]!;
      if (
        last &&
        last.type === type &&
        /^[ \t]{0,2}[-/.,']?[ \t]{0,2}$/.test(text.slice(last.end, tok.start))
      ) {
        last.end = tok.end;
        last.confidence = Math.max(last.confidence, phi);
        continue;
      }
      last = { start: tok.start, end: tok.end, type, confidence: phi, rule: MODEL_RULE };
      spans.push(last);
    }
    return spans;
  }

  return { threshold, sha256, predict, probabilities };
}
