import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createTextPhiDetector } from '../detector.js';
import { tokenContext } from '../tokens.js';
import { createWordBook } from '../word-info.js';
import { extractFeatures, FEATURE_COUNT } from './features.js';
import { createTokenModel, DEFAULT_MODEL_DIR, MODEL_RULE, TOKEN_CLASSES } from './token-model.js';

interface ReferenceCase {
  indices: number[];
  values: number[];
  probabilities: number[];
}

const reference = JSON.parse(readFileSync(new URL('reference.json', DEFAULT_MODEL_DIR), 'utf8')) as {
  cases: ReferenceCase[];
};
const model = createTokenModel();
const book = createWordBook();

describe('text PHI token model', () => {
  it('loads the shipped weights', () => {
    expect(model).toBeDefined();
    expect(model?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('matches the ONNX graph on fixed feature vectors (reference outputs written by train.py)', () => {
    expect(reference.cases.length).toBeGreaterThan(0);
    for (const c of reference.cases) {
      const p = model!.probabilities({
        tokens: [{ start: 0, end: 1, numeric: false }],
        indptr: Int32Array.from([0, c.indices.length]),
        indices: Int32Array.from(c.indices),
        values: Float32Array.from(c.values),
      });
      expect(p).toHaveLength(TOKEN_CLASSES.length);
      c.probabilities.forEach((q, k) => expect(Math.abs((p[k] ?? NaN) - q)).toBeLessThan(1e-5));
    }
  });

  it('returns undefined when the model files are absent', () => {
    expect(createTokenModel({ dir: '/nonexistent/text-phi-token' })).toBeUndefined();
  });

  it('extracts word and number tokens with features in range', () => {
    const text = 'Pt seen by Dr. Alvarez on 7/22, call 555-0142 x4471.';
    const f = extractFeatures(text, tokenContext(text, book), []);
    const words = f.tokens.map((t) => text.slice(t.start, t.end));
    expect(words).toEqual([
      'Pt',
      'seen',
      'by',
      'Dr',
      'Alvarez',
      'on',
      '7',
      '22',
      'call',
      '555',
      '0142',
      'x',
      '4471',
    ]);
    expect(f.indptr[f.tokens.length]).toBe(f.indices.length);
    for (const i of f.indices) expect(i >= 0 && i < FEATURE_COUNT).toBe(true);
  });

  it('predicts typed spans with the model rule id, synchronously', () => {
    const detector = createTextPhiDetector();
    const text = 'Spoke with daughter Maribel Quintero at 617-555-0187 regarding transfer on 3/14.';
    const spans = model!.predict(text, tokenContext(text, book), detector.detect(text, { minConfidence: 0 }));
    for (const s of spans) {
      expect(s.rule).toBe(MODEL_RULE);
      expect(s.confidence).toBeGreaterThanOrEqual(model!.threshold);
      expect(['name', 'location', 'date', 'phone', 'other']).toContain(s.type);
    }
    expect(model!.predict('', tokenContext('', book), [])).toEqual([]);
  });
});
