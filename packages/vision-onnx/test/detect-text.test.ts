import { afterAll, describe, expect, it } from '@jest/globals';
import { coveredFraction, TextDetector } from '../src/index.js';

type Generator = typeof import('../../../tools/burned-in-synth/generate.mjs');
type FrameKind = Parameters<Generator['generateFrame']>[0]['kind'];
// The frame generator is a repository tool (tools/burned-in-synth), not a package: loaded by path.
const GENERATOR = new URL('../../../tools/burned-in-synth/generate.mjs', import.meta.url).href;
const { generateFrame } = (await import(GENERATOR)) as Generator;

const detector = new TextDetector();
afterAll(() => detector.close());

const KINDS: FrameKind[] = ['ct', 'us', 'xa', 'rgb'];

describe('TextDetector on generated burned-in frames', () => {
  // 12-60 px text here; 8-11 px is measured by tools/bench/pixel-bench.mjs (a few misses there).
  for (const kind of KINDS) {
    it(`finds every drawn string on ${kind} frames (light and dark text)`, async () => {
      const polarities = new Set<string>();
      for (const seed of [11, 12]) {
        const frame = await generateFrame({ kind, seed, minSize: 12 });
        const boxes = await detector.detect(frame);
        expect(frame.texts.length).toBeGreaterThanOrEqual(3);
        for (const t of frame.texts) {
          polarities.add(t.polarity);
          // Every ground-truth box at least 85 % inside the detected boxes: boxes are cut to their ink,
          // so the gap between two words and the empty corners under a word without descenders
          // (inside the string's box, no ink) may stay uncovered.
          expect({ text: t.text, covered: coveredFraction(t.box, boxes) >= 0.85 }).toEqual({
            text: t.text,
            covered: true,
          });
        }
      }
      expect(polarities.size).toBe(2);
    });

    it(`finds nothing on a ${kind} frame without text`, async () => {
      const frame = await generateFrame({ kind, seed: 21, strings: 0 });
      expect(await detector.detect(frame)).toEqual([]);
    });
  }

  it('windows 12-bit grey frames to 8 bits for detection and finds their text', async () => {
    const frame = await generateFrame({ kind: 'ct', seed: 13, minSize: 12, bits: 12 });
    expect(frame.data).toBeInstanceOf(Uint16Array);
    const boxes = await detector.detect(frame);
    for (const t of frame.texts) expect(coveredFraction(t.box, boxes)).toBeGreaterThanOrEqual(0.9);
  });

  it('returns boxes inside the image', async () => {
    const frame = await generateFrame({
      kind: 'us',
      seed: 14,
      width: 320,
      height: 240,
      minSize: 14,
      maxSize: 30,
    });
    const boxes = await detector.detect(frame);
    expect(boxes.length).toBeGreaterThan(0);
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(320);
      expect(b.y + b.height).toBeLessThanOrEqual(240);
    }
    for (const t of frame.texts) expect(coveredFraction(t.box, boxes)).toBeGreaterThanOrEqual(0.9);
  });
});
